#include "editjournalrecord.h"

#include <QCoreApplication>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("EditJournal", text);
}

Result<EditJournalRecord> invalid(const QString &why)
{
    NetError error;
    error.kind = NetError::Kind::Decode;
    error.message = why;
    return error;
}

} // namespace

QString EditJournalRecord::rfc3339(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QJsonObject EditJournalRecord::toJson() const
{
    return {
        {QStringLiteral("when"), rfc3339(when)},
        {QStringLiteral("who"), who},
        {QStringLiteral("profile_name"), profileName},
        {QStringLiteral("profile_id"), profileId.toString(QUuid::WithoutBraces)},
        {QStringLiteral("collection"), collection},
        {QStringLiteral("point_id"), pointId.toJson()},
        {QStringLiteral("operation"), operation},
        {QStringLiteral("before"), before.isUndefined() ? QJsonValue() : before},
        {QStringLiteral("after"), after.isUndefined() ? QJsonValue() : after},
    };
}

Result<EditJournalRecord> EditJournalRecord::fromJson(const QJsonObject &object)
{
    EditJournalRecord record;
    const QJsonValue when = object.value(QStringLiteral("when"));
    record.when = QDateTime::fromString(when.toString(), Qt::ISODateWithMs);
    if (!when.isString() || !record.when.isValid())
        return invalid(tr("\"when\" is not an RFC 3339 time"));
    record.when = record.when.toUTC();
    const QJsonValue operation = object.value(QStringLiteral("operation"));
    if (!operation.isString() || operation.toString().isEmpty())
        return invalid(tr("\"operation\" is missing"));
    record.operation = operation.toString();
    const QJsonValue collection = object.value(QStringLiteral("collection"));
    if (!collection.isString())
        return invalid(tr("\"collection\" is missing"));
    record.collection = collection.toString();
    const QJsonValue pointId = object.value(QStringLiteral("point_id"));
    record.pointId = PointId::fromJson(pointId);
    if (record.pointId.isNull() && !pointId.isNull() && !pointId.isUndefined())
        return invalid(tr("\"point_id\" is neither a point id nor null"));
    record.who = object.value(QStringLiteral("who")).toString();
    record.profileName = object.value(QStringLiteral("profile_name")).toString();
    record.profileId = QUuid::fromString(object.value(QStringLiteral("profile_id")).toString());
    record.before = object.value(QStringLiteral("before"));
    record.after = object.value(QStringLiteral("after"));
    if (record.before.isUndefined())
        record.before = QJsonValue();
    if (record.after.isUndefined())
        record.after = QJsonValue();
    return record;
}
