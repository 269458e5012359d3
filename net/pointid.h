#pragma once

#include <QHashFunctions>
#include <QJsonValue>
#include <QMetaType>
#include <QString>
#include <QUuid>

/// A Qdrant point id: an unsigned 64-bit integer or a UUID, or null (no id, e.g. the end of a
/// scroll). UUIDs compare and print in Qdrant's form, lower-case and hyphenated.
class PointId final
{
public:
    PointId() = default;
    /// A numeric id.
    PointId(quint64 number)
        : m_kind(Kind::Number)
        , m_number(number)
    { } // NOLINT: ids are numbers
    /// A UUID id; a null QUuid gives a null PointId.
    explicit PointId(const QUuid &uuid);

    /// "42" or any form QUuid accepts ("{…}", upper case, …); null for anything else.
    static PointId fromString(QStringView text);
    /// A JSON number (non-negative integer) or UUID string; null for anything else.
    static PointId fromJson(const QJsonValue &value);

    bool isNull() const { return m_kind == Kind::Null; }
    bool isNumber() const { return m_kind == Kind::Number; }
    bool isUuid() const { return m_kind == Kind::Uuid; }
    /// The number; 0 unless isNumber().
    quint64 number() const { return m_kind == Kind::Number ? m_number : 0; }
    /// The UUID; null unless isUuid().
    QUuid uuid() const { return m_kind == Kind::Uuid ? m_uuid : QUuid(); }

    /// "42" or "550e8400-e29b-41d4-a716-446655440000"; empty when null.
    QString toString() const;
    /// A JSON number or string; QJsonValue::Null when null.
    QJsonValue toJson() const;
    /// Appends the id as JSON (a number, a quoted UUID or null) to out.
    void appendJson(QByteArray &out) const;

    friend bool operator==(const PointId &a, const PointId &b);
    friend bool operator!=(const PointId &a, const PointId &b) { return !(a == b); }
    /// Qdrant's order: numbers before UUIDs, numbers by value, UUIDs by their bytes.
    friend bool operator<(const PointId &a, const PointId &b);
    friend size_t qHash(const PointId &id, size_t seed = 0) noexcept { return id.hash(seed); }

private:
    size_t hash(size_t seed) const noexcept;

    enum class Kind : quint8 { Null, Number, Uuid };

    Kind m_kind = Kind::Null;
    quint64 m_number = 0;
    QUuid m_uuid;
};

Q_DECLARE_METATYPE(PointId)
