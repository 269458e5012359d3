#include "chartcohort.h"

#include "consolesession.h"

#include <QJsonArray>

namespace {

NetError invalid(const QString &message)
{
    NetError error;
    error.kind = NetError::Kind::Invalid;
    error.message = message;
    return error;
}

QString rfc3339(const QDate &day)
{
    return day.toString(Qt::ISODate) + QStringLiteral("T00:00:00Z");
}

} // namespace

Result<ChartCohort> ChartCohort::current(const ConsoleSession &session,
                                         const QString &collection)
{
    const ScopedPoints points = session.points();
    if (!points.scope().coversCollection(collection)) {
        // scopeFilter gives the sentence that says why (no tenant, another tenant's, ...).
        return points.scope().scopeFilter(collection, {}).error();
    }
    ChartCohort cohort;
    cohort.collection = collection;
    cohort.points = points;
    return cohort;
}

Result<ChartCohort> ChartCohort::allTenants(const ConsoleSession &session,
                                            const QString &collection)
{
    if (!session.scope().isAdmin()) {
        return invalid(tr("Charts over all tenants need the session in \"All tenants (admin)\"; "
                          "this session is scoped to %1.")
                           .arg(session.scope().badgeText()));
    }
    Result<ChartCohort> cohort = current(session, collection);
    if (cohort)
        cohort.value().label = tr("All tenants");
    return cohort;
}

Result<ChartCohort> ChartCohort::tenant(const ConsoleSession &session, const QString &collection,
                                        const QJsonValue &tenant)
{
    if (!session.scope().isAdmin()) {
        return invalid(tr("Comparing tenants needs the session in \"All tenants (admin)\": "
                          "a session scoped to %1 reads no other tenant's points.")
                           .arg(session.scope().badgeText()));
    }
    const Result<TenantScope> scope = TenantScope::forProfile(session.profile(), tenant);
    if (!scope)
        return scope.error();
    QString name = collection;
    const CollectionPattern &pattern = scope.value().collectionPattern();
    const CollectionPattern::Match match = pattern.match(collection);
    if (match.isTenant() && pattern.hasType()) {
        const Result<QString> own = scope.value().collectionForType(match.collectionType);
        if (!own)
            return own.error();
        name = own.value();
    }
    if (!scope.value().coversCollection(name))
        return scope.value().scopeFilter(name, {}).error();
    ChartCohort cohort;
    cohort.label = scope.value().tenantId();
    cohort.collection = name;
    // Read-only whatever the profile says: a chart never writes.
    cohort.points = ScopedPoints(session.client(), scope.value(), true);
    return cohort;
}

QJsonObject ChartCohort::windowFilter(const QDate &from, const QDate &to, const QString &dateKey)
{
    const QJsonObject range{{QStringLiteral("gte"), rfc3339(from)},
                            {QStringLiteral("lt"), rfc3339(to.addDays(1))}};
    return {{QStringLiteral("must"),
             QJsonArray{QJsonObject{{QStringLiteral("key"), dateKey},
                                    {QStringLiteral("range"), range}}}}};
}

ChartCohort ChartCohort::window(const QDate &from, const QDate &to, const QString &dateKey) const
{
    ChartCohort cohort = *this;
    const QJsonObject range = windowFilter(from, to, dateKey);
    if (filter.isEmpty()) {
        cohort.filter = range;
    } else {
        cohort.filter = {{QStringLiteral("must"), QJsonArray{filter, range}}};
    }
    cohort.label = tr("%1 – %2").arg(from.toString(Qt::ISODate), to.toString(Qt::ISODate));
    if (!label.isEmpty())
        cohort.label = label + QStringLiteral(" · ") + cohort.label;
    return cohort;
}
