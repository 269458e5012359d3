#include "importseenids.h"

std::optional<ImportRowError> ImportSeenIds::note(const PointId &id, qint64 line,
                                                  const QString &idField)
{
    const auto seen = m_lines.constFind(id);
    if (seen == m_lines.constEnd()) {
        m_lines.insert(id, line);
        return std::nullopt;
    }
    // The same line again is a row read twice (a resume re-reads the rows before its
    // checkpoint), not a duplicate.
    if (seen.value() == line)
        return std::nullopt;
    return ImportRowError{line, idField,
                          tr("duplicate id: line %1 has the same %2, so this row would "
                             "overwrite its point")
                              .arg(seen.value())
                              .arg(idField)};
}
