#include "pointid.h"

#include <charconv>
#include <limits>

PointId::PointId(const QUuid &uuid)
{
    if (!uuid.isNull()) {
        m_kind = Kind::Uuid;
        m_uuid = uuid;
    }
}

PointId PointId::fromString(QStringView text)
{
    text = text.trimmed();
    if (text.isEmpty())
        return {};
    if (text.front().isDigit()) {
        bool ok = false;
        const quint64 number = text.toULongLong(&ok, 10);
        if (ok)
            return PointId(number);
    }
    return PointId(QUuid::fromString(text));
}

PointId PointId::fromJson(const QJsonValue &value)
{
    if (value.isString())
        return PointId(QUuid::fromString(value.toString()));
    if (!value.isDouble())
        return {};
    // QJsonValue keeps integers up to 2^63 exactly; a fractional or negative number is no id.
    const qint64 integer = value.toInteger(-1);
    if (integer >= 0 && double(integer) == value.toDouble())
        return PointId(quint64(integer));
    return {};
}

QString PointId::toString() const
{
    switch (m_kind) {
    case Kind::Number:
        return QString::number(m_number);
    case Kind::Uuid:
        return m_uuid.toString(QUuid::WithoutBraces);
    case Kind::Null:
        break;
    }
    return {};
}

QJsonValue PointId::toJson() const
{
    switch (m_kind) {
    case Kind::Number:
        // Above 2^63 a QJsonValue can only hold a double; those ids are vanishingly rare.
        return m_number <= quint64(std::numeric_limits<qint64>::max())
            ? QJsonValue(qint64(m_number))
            : QJsonValue(double(m_number));
    case Kind::Uuid:
        return m_uuid.toString(QUuid::WithoutBraces);
    case Kind::Null:
        break;
    }
    return QJsonValue::Null;
}

void PointId::appendJson(QByteArray &out) const
{
    switch (m_kind) {
    case Kind::Number: {
        char text[24];
        const auto end = std::to_chars(text, text + sizeof text, m_number).ptr;
        out.append(text, end - text);
        return;
    }
    case Kind::Uuid:
        out += '"';
        out += m_uuid.toByteArray(QUuid::WithoutBraces);
        out += '"';
        return;
    case Kind::Null:
        break;
    }
    out += "null";
}

bool operator==(const PointId &a, const PointId &b)
{
    if (a.m_kind != b.m_kind)
        return false;
    switch (a.m_kind) {
    case PointId::Kind::Number:
        return a.m_number == b.m_number;
    case PointId::Kind::Uuid:
        return a.m_uuid == b.m_uuid;
    case PointId::Kind::Null:
        break;
    }
    return true;
}

bool operator<(const PointId &a, const PointId &b)
{
    if (a.m_kind != b.m_kind)
        return int(a.m_kind) < int(b.m_kind);
    if (a.m_kind == PointId::Kind::Number)
        return a.m_number < b.m_number;
    return a.m_uuid.toRfc4122() < b.m_uuid.toRfc4122();
}

size_t PointId::hash(size_t seed) const noexcept
{
    switch (m_kind) {
    case Kind::Number:
        return ::qHash(m_number, seed);
    case Kind::Uuid:
        return ::qHash(m_uuid, seed ^ 0x9e3779b9U);
    case Kind::Null:
        break;
    }
    return seed;
}
