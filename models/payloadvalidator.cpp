#include "payloadvalidator.h"

#include "payloadpath.h"

#include <QDate>
#include <QJsonArray>
#include <QRegularExpression>
#include <QUuid>

#include <algorithm>
#include <cmath>

namespace {

QString found(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null: return PayloadValidator::tr("null");
    case QJsonValue::Bool: return PayloadValidator::tr("a boolean");
    case QJsonValue::Double: return PayloadValidator::tr("a number");
    case QJsonValue::String: return PayloadValidator::tr("text");
    case QJsonValue::Array: return PayloadValidator::tr("a list");
    case QJsonValue::Object: return PayloadValidator::tr("an object");
    case QJsonValue::Undefined: break;
    }
    return PayloadValidator::tr("nothing");
}

QString expected(const QString &type)
{
    if (type == u"keyword")
        return PayloadValidator::tr("a keyword");
    if (type == u"text")
        return PayloadValidator::tr("text");
    if (type == u"float")
        return PayloadValidator::tr("a number");
    if (type == u"integer")
        return PayloadValidator::tr("an integer");
    if (type == u"bool")
        return PayloadValidator::tr("true or false");
    if (type == u"datetime")
        return PayloadValidator::tr("a date-time (RFC 3339, e.g. 2024-05-01T12:00:00Z)");
    if (type == u"uuid")
        return PayloadValidator::tr("a UUID");
    if (type == u"object")
        return PayloadValidator::tr("an object");
    if (type == u"keyword[]")
        return PayloadValidator::tr("a list of keywords");
    return type;
}

QString number(double value)
{
    return QString::number(value, 'g', 15);
}

/// Whether sanity() would find anything: the same walk without building a path for every
/// key (an import checks every row, and nearly all are sane).
bool needsSanity(const QJsonValue &value)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.key().isEmpty() || needsSanity(it.value()))
                return true;
        }
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        return std::any_of(array.begin(), array.end(),
                           [](const QJsonValue &item) { return needsSanity(item); });
    } else if (value.isDouble()) {
        return !std::isfinite(value.toDouble());
    }
    return false;
}

void sanity(const QJsonValue &value, const QString &path, QList<PayloadProblem> &problems)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString at = PayloadPath::member(path, it.key());
            if (it.key().isEmpty())
                problems.append({at, PayloadValidator::tr("A field name cannot be empty: no "
                                                          "filter or index can reach it.")});
            sanity(it.value(), at, problems);
        }
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            sanity(array.at(i), PayloadPath::item(path, i), problems);
    } else if (value.isDouble() && !std::isfinite(value.toDouble())) {
        problems.append({path, PayloadValidator::tr("JSON has no infinite or NaN numbers.")});
    }
}

// A scalar field: the right JSON type, then what the schema says about its value.
void checkScalar(const SchemaField &field, const QString &type, const QJsonValue &value,
                 const QString &path, QList<PayloadProblem> &problems)
{
    const bool textual = type == u"keyword" || type == u"text" || type == u"datetime"
        || type == u"uuid";
    const bool numeric = type == u"float" || type == u"integer";
    const bool rightType = (textual && value.isString()) || (numeric && value.isDouble())
        || (type == u"bool" && value.isBool()) || (type == u"object" && value.isObject());
    if (!rightType) {
        problems.append({path, PayloadValidator::tr("Expected %1, found %2.")
                                   .arg(expected(type), found(value))});
        return;
    }
    const QString text = value.toString();
    if (type == u"keyword" && !field.choices.isEmpty() && !field.choices.contains(text)) {
        problems.append({path, PayloadValidator::tr("“%1” is not one of: %2.")
                                   .arg(text, field.choices.join(QStringLiteral(", ")))});
    } else if (type == u"uuid" && QUuid::fromString(text).isNull()
               && text != QLatin1String("00000000-0000-0000-0000-000000000000")) {
        problems.append({path, PayloadValidator::tr("“%1” is not a UUID "
                                                    "(like 0f8fad5b-d9cb-469f-a165-70867728950e).")
                                   .arg(text)});
    } else if (type == u"datetime") {
        const QString problem = PayloadValidator::dateTimeProblem(text);
        if (!problem.isEmpty())
            problems.append({path, problem});
    } else if (numeric) {
        const double x = value.toDouble();
        if (type == u"integer" && std::floor(x) != x) {
            problems.append(
                {path, PayloadValidator::tr("%1 is not a whole number.").arg(number(x))});
        }
        if (field.minimum && x < *field.minimum)
            problems.append({path, PayloadValidator::tr("%1 is below the minimum, %2.")
                                       .arg(number(x), number(*field.minimum))});
        if (field.maximum && x > *field.maximum)
            problems.append({path, PayloadValidator::tr("%1 is above the maximum, %2.")
                                       .arg(number(x), number(*field.maximum))});
    }
}

} // namespace

QList<PayloadProblem> PayloadValidator::validate(const QJsonObject &payload,
                                                 const AgentMemorySchema *schema)
{
    QList<PayloadProblem> problems;
    if (schema) {
        for (const SchemaField &field : schema->fields) {
            const auto value = payload.constFind(field.name);
            if (value == payload.constEnd()) {
                if (field.required)
                    problems.append({PayloadPath::member(QString(), field.name),
                                     tr("Required: every point of %1 has it.")
                                         .arg(schema->collectionType)});
                continue;
            }
            // Checked at the empty path, the field's own written only when it has problems
            // (an import checks every row, and nearly all are valid): an item's path is
            // "[i]" below its field's, so the field's path goes in front.
            QList<PayloadProblem> found = validateField(field, value.value(), QString());
            if (!found.isEmpty()) {
                const QString path = PayloadPath::member(QString(), field.name);
                for (PayloadProblem &problem : found)
                    problem.path.prepend(path);
                problems += found;
            }
        }
    }
    if (needsSanity(payload))
        sanity(payload, QString(), problems);
    return problems;
}

QList<PayloadProblem> PayloadValidator::validateField(const SchemaField &field,
                                                      const QJsonValue &value,
                                                      const QString &path)
{
    QList<PayloadProblem> problems;
    if (!field.type.endsWith(QLatin1String("[]"))) {
        checkScalar(field, field.type, value, path, problems);
        return problems;
    }
    if (!value.isArray()) {
        problems.append(
            {path, tr("Expected %1, found %2.").arg(expected(field.type), found(value))});
        return problems;
    }
    const QString itemType = field.type.chopped(2);
    const QJsonArray items = value.toArray();
    for (qsizetype i = 0; i < items.size(); ++i)
        checkScalar(field, itemType, items.at(i), PayloadPath::item(path, i), problems);
    return problems;
}

namespace {

/// Whether text is a valid RFC 3339 date-time in the form most files write:
/// YYYY-MM-DDTHH:MM:SS, an optional fraction, then Z or an offset; ASCII digits only. A text
/// it refuses may still be valid: dateTimeProblem() then asks its regular expression.
bool isPlainDateTime(QStringView text)
{
    const auto digits = [&text](qsizetype at, qsizetype count, int &out) {
        out = 0;
        for (qsizetype i = at; i < at + count; ++i) {
            const char16_t c = text[i].unicode();
            if (c < u'0' || c > u'9')
                return false;
            out = out * 10 + (c - u'0');
        }
        return true;
    };
    const auto is = [&text](qsizetype at, char16_t c) { return text[at].unicode() == c; };
    int year, month, day, hour, minute, second;
    if (text.size() < 20 || !digits(0, 4, year) || !is(4, u'-') || !digits(5, 2, month)
        || !is(7, u'-') || !digits(8, 2, day) || !(is(10, u'T') || is(10, u't'))
        || !digits(11, 2, hour) || !is(13, u':') || !digits(14, 2, minute) || !is(16, u':')
        || !digits(17, 2, second))
        return false;
    if (!QDate::isValid(year, month, day) || hour > 23 || minute > 59 || second > 60)
        return false;
    qsizetype at = 19;
    if (is(at, u'.')) {
        const qsizetype first = ++at;
        int unused;
        while (at < text.size() && digits(at, 1, unused))
            ++at;
        if (at == first)
            return false;
    }
    if (at == text.size() - 1)
        return is(at, u'Z') || is(at, u'z');
    int offsetHours, offsetMinutes;
    return at == text.size() - 6 && (is(at, u'+') || is(at, u'-'))
        && digits(at + 1, 2, offsetHours) && is(at + 3, u':') && digits(at + 4, 2, offsetMinutes)
        && offsetHours <= 23 && offsetMinutes <= 59;
}

} // namespace

QString PayloadValidator::dateTimeProblem(const QString &text)
{
    // The regular expression takes a microsecond or two: an import checks a date on every row.
    if (isPlainDateTime(text))
        return QString();
    static const QRegularExpression rfc3339(QStringLiteral(
        "^(\\d{4})-(\\d{2})-(\\d{2})[Tt ](\\d{2}):(\\d{2}):(\\d{2})(\\.\\d+)?"
        "([Zz]|[+-](\\d{2}):(\\d{2}))?$"));
    static const QRegularExpression dateOnly(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    const QRegularExpressionMatch m = rfc3339.match(text);
    if (!m.hasMatch()) {
        if (dateOnly.match(text).hasMatch())
            return tr("“%1” has no time: write %1T00:00:00Z.").arg(text);
        return tr("“%1” is not an RFC 3339 date-time such as 2024-05-01T12:00:00Z.").arg(text);
    }
    const auto part = [&m](int n) { return m.captured(n).toInt(); };
    if (!QDate::isValid(part(1), part(2), part(3)))
        return tr("“%1” names a day that does not exist.").arg(text);
    // Second 60 is a leap second, which RFC 3339 allows.
    if (part(4) > 23 || part(5) > 59 || part(6) > 60)
        return tr("“%1” names a time that does not exist.").arg(text);
    if (m.captured(8).isEmpty())
        return tr("“%1” has no time zone: add Z (UTC) or an offset such as +02:00.").arg(text);
    if (m.capturedLength(9) > 0 && (part(9) > 23 || part(10) > 59))
        return tr("“%1” has an offset that does not exist.").arg(text);
    return QString();
}
