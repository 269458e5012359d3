#include "deterministicpointid.h"

QUuid DeterministicPointId::importNamespace()
{
    // Fixed forever: every id an import ever wrote was derived in it.
    static const QUuid ns(QStringLiteral("{6f1c5a3e-8d2b-4e7a-9c41-0b6d3f2a9e57}"));
    return ns;
}

PointId DeterministicPointId::forKey(const QString &key)
{
    if (key.isEmpty())
        return {};
    return PointId(QUuid::createUuidV5(importNamespace(), key.toUtf8()));
}
