#include "qdranttypes.h"

#include <QRegularExpression>

bool ServerVersion::parse(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^\\s*v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return false;
    version = text;
    major = match.captured(1).toInt();
    minor = match.captured(2).toInt();
    patch = match.captured(3).toInt(); // 0 when absent
    return true;
}

bool ServerVersion::atLeast(int wantMajor, int wantMinor, int wantPatch) const
{
    if (major != wantMajor)
        return major > wantMajor;
    if (minor != wantMinor)
        return minor > wantMinor;
    return patch >= wantPatch;
}

AliasOperation AliasOperation::create(const QString &alias, const QString &collection)
{
    return {Kind::Create, alias, collection, {}};
}

AliasOperation AliasOperation::remove(const QString &alias)
{
    return {Kind::Delete, alias, {}, {}};
}

AliasOperation AliasOperation::rename(const QString &alias, const QString &newAlias)
{
    return {Kind::Rename, alias, {}, newAlias};
}

QueryRequest QueryRequest::nearestTo(const QList<float> &vector, int limit)
{
    QueryRequest request;
    request.nearest = VectorInput::ofVector(vector);
    request.limit = limit;
    return request;
}

QueryRequest QueryRequest::nearestToPoint(const PointId &id, int limit)
{
    QueryRequest request;
    request.nearest = VectorInput::ofPoint(id);
    request.limit = limit;
    return request;
}

QueryRequest QueryRequest::recommend(
    const QList<VectorInput> &positive, const QList<VectorInput> &negative, int limit)
{
    QueryRequest request;
    request.kind = Kind::Recommend;
    request.positive = positive;
    request.negative = negative;
    request.limit = limit;
    return request;
}

UpdateOperation UpdateOperation::upsert(const QList<PointStruct> &points)
{
    UpdateOperation op;
    op.kind = Kind::Upsert;
    op.points = points;
    return op;
}

UpdateOperation UpdateOperation::remove(const PointSelection &selection)
{
    UpdateOperation op;
    op.kind = Kind::Delete;
    op.selection = selection;
    return op;
}

UpdateOperation UpdateOperation::setPayload(
    const PointSelection &selection, const QJsonObject &payload, const QString &key)
{
    UpdateOperation op;
    op.kind = Kind::SetPayload;
    op.selection = selection;
    op.payload = payload;
    op.key = key;
    return op;
}

UpdateOperation UpdateOperation::overwritePayload(
    const PointSelection &selection, const QJsonObject &payload)
{
    UpdateOperation op;
    op.kind = Kind::OverwritePayload;
    op.selection = selection;
    op.payload = payload;
    return op;
}

UpdateOperation UpdateOperation::deletePayload(
    const PointSelection &selection, const QStringList &keys)
{
    UpdateOperation op;
    op.kind = Kind::DeletePayload;
    op.selection = selection;
    op.names = keys;
    return op;
}

UpdateOperation UpdateOperation::clearPayload(const PointSelection &selection)
{
    UpdateOperation op;
    op.kind = Kind::ClearPayload;
    op.selection = selection;
    return op;
}

UpdateOperation UpdateOperation::updateVectors(const QList<PointStruct> &points)
{
    UpdateOperation op;
    op.kind = Kind::UpdateVectors;
    op.points = points;
    return op;
}

UpdateOperation UpdateOperation::deleteVectors(
    const PointSelection &selection, const QStringList &vectorNames)
{
    UpdateOperation op;
    op.kind = Kind::DeleteVectors;
    op.selection = selection;
    op.names = vectorNames;
    return op;
}
