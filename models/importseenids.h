#pragma once

#include "importrecord.h"
#include "pointid.h"

#include <QCoreApplication>
#include <QHash>
#include <QString>

#include <optional>

/// The point ids an import has given so far, each with the line that first had it. A second
/// row with the same id would overwrite the first one's point, so the run refuses it
/// (ImportWorker) and the wizard's preview shows it refused (ImportPreview), with one message.
class ImportSeenIds final
{
    Q_DECLARE_TR_FUNCTIONS(ImportSeenIds)

public:
    /// Notes that `line` gives `id`; the error for that row when an earlier line gave it.
    /// idField names the id's field in the error (the mapping's idField).
    std::optional<ImportRowError> note(const PointId &id, qint64 line, const QString &idField);

private:
    QHash<PointId, qint64> m_lines; ///< id → the line that first had it
};
