#pragma once

#include "pointid.h"

#include <QString>
#include <QUuid>

/// Point ids derived from a natural key, so that importing the same row again (a re-run, a
/// resume after a crash) writes the same point instead of a duplicate: the UUIDv5 (SHA-1,
/// RFC 4122) of the key's UTF-8 text in a fixed namespace of Memory Console's own. The same
/// key gives the same id on every machine and in every version; never change the namespace.
class DeterministicPointId final
{
public:
    /// The namespace UUID every import id is derived in.
    static QUuid importNamespace();
    /// The id of a natural key's text (e.g. an optimization_id); null for an empty key.
    static PointId forKey(const QString &key);
};
