#include "leakagefinding.h"

QString LeakageFinding::title() const
{
    switch (kind) {
    case Kind::MissingKey:
        return tr("Points without %1").arg(payloadKey);
    case Kind::SeveralValues:
        return tenantId.isEmpty() ? tr("Points with several %1 values").arg(payloadKey)
                                  : tr("Points shared by tenant %1 and others").arg(tenantId);
    case Kind::ForeignValue:
        return tr("Points whose %1 is not %2").arg(payloadKey, tenantId);
    case Kind::AmbiguousName:
        return tr("Collection name of more than one tenant");
    }
    return {};
}

QString LeakageFinding::explanation() const
{
    switch (kind) {
    case Kind::MissingKey:
        return tr("No tenant owns these points: a tenant scope never shows them, and a "
                  "request without the tenant filter returns them to everyone.");
    case Kind::SeveralValues:
        return tr("The key holds more than one value, so a match on either tenant finds "
                  "these points; tenant scopes leave them out.");
    case Kind::ForeignValue:
        return tr("The collection is named after tenant %1, but these points carry another "
                  "%2 (or several values): they may belong to another tenant, unless the "
                  "tenant keeps its own customers' ids under that key.")
            .arg(tenantId, payloadKey);
    case Kind::AmbiguousName:
        return tr("The collection pattern reads this name as more than one tenant's, so it "
                  "belongs to none; only \"All tenants (admin)\" may open it.");
    }
    return {};
}
