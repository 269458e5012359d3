#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

/// How the points table shows and sorts payload values: one short line per cell, and a raw
/// value a sort proxy or an editor can use.
class PointCellText final
{
public:
    /// Longest cell text; longer values end in an ellipsis (the whole value is one click away
    /// in the payload editor).
    static constexpr int MaxLength = 160;

    /// What a table cell shows of one payload key, worked out once per row (on the thread pool
    /// as a page arrives) so that painting a cell only copies a string.
    struct Cell
    {
        QString text; ///< display() of the value, unmasked
        bool present = false; ///< the key has a value (masking shows which cells hold one)
        bool number = false; ///< a JSON number: shown right-aligned
    };

    /// One line: strings as they are (line breaks shown as ↵), integers without a decimal
    /// point, other numbers in their shortest exact form, arrays and objects as compact JSON;
    /// empty for a missing value.
    static QString display(const QJsonValue &value);
    /// display(), or PresentationOptions::maskText() when key is masked by maskedFields
    /// (presentation mode; a missing value stays empty, so masking shows which cells hold one).
    static QString display(const QJsonValue &value, const QString &key,
                           const QStringList &maskedFields);
    /// A value a QVariant compares: a string, a qint64 or double, a bool; null, lists and
    /// objects as QVariant::fromValue(QJsonValue); an invalid QVariant for a missing value.
    static QVariant raw(const QJsonValue &value);
    /// The value at a key of payload: a top-level key, or else a path of object keys
    /// (`metadata.source`); undefined when there is none.
    static QJsonValue valueAt(const QJsonObject &payload, const QString &key);
    /// The cells of payload under keys, in order (valueAt and display of each). Thread-safe.
    static QList<Cell> cells(const QJsonObject &payload, const QStringList &keys);
};
