#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

/// How the points table is ordered: by id (Qdrant's scroll order, ascending only) or by a
/// payload key through Qdrant's order_by, which needs a range index on that key (integer with
/// range, float or datetime). Qdrant lists only the points that hold a value of the key.
struct PointsOrder
{
    Q_DECLARE_TR_FUNCTIONS(PointsOrder)

public:
    QString key; ///< empty: by id
    Qt::SortOrder direction = Qt::AscendingOrder;

    /// Ordered by id, the scroll's own order.
    bool isById() const { return key.isEmpty(); }
    /// Qdrant's order_by object ({"key", "direction"}, plus start_from when it is defined).
    QJsonObject toJson(const QJsonValue &startFrom = QJsonValue::Undefined) const;

    /// Whether order_by may use key, given a collection's payload_schema (field → {data_type,
    /// params}): empty when it may, else a sentence that says why not, for the user.
    static QString whyNotSortable(const QJsonObject &payloadSchema, const QString &key);
    /// A value as order_by compares it: a number, or a datetime string (RFC 3339 and the
    /// looser forms Qdrant reads; no offset means UTC) in milliseconds since the epoch;
    /// nullopt for anything else.
    static std::optional<double> orderValue(const QJsonValue &value);

    friend bool operator==(const PointsOrder &a, const PointsOrder &b)
    {
        return a.key == b.key && a.direction == b.direction;
    }
};
