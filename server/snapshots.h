#pragma once

#include "json.h"

#include <string>
#include <vector>

namespace mstore {

class Store;

/// Per-collection snapshots: a self-contained memory-store database file holding one
/// collection (config, payload indexes, points), kept under `<data>/snapshots/<collection>/`.
/// memory-store's format, not Qdrant's tar archives: the two are not interchangeable.
class Snapshots
{
public:
    explicit Snapshots(Store &store) : m_store(store) {}

    /// Writes a snapshot of the collection; returns its SnapshotDescription.
    Json create(const std::string &name);
    /// SnapshotDescriptions, newest first.
    Json list(const std::string &name) const;
    /// Path of a snapshot file; throws 404 when there is none of that name.
    std::string path(const std::string &name, const std::string &snapshot) const;
    void remove(const std::string &name, const std::string &snapshot);
    /// Replaces (or creates) the collection from a snapshot file's content. `requested` may
    /// be an alias: the collection behind it is recovered, as in Qdrant. A non-empty
    /// `checksum` (sha256 hex) must match the file; an existing collection must have the
    /// snapshot's vectors. Both are checked before anything changes.
    void recover(const std::string &requested, const std::string &snapshotFile,
                 const std::string &checksum = {});

    static Json describe(const std::string &file);
    /// A file name no other upload or recovery of this process uses.
    static std::string stagingName(const std::string &prefix);

private:
    std::string directory(const std::string &collection) const;

    Store &m_store;
};

} // namespace mstore
