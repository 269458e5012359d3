#pragma once

#include "result.h"
#include "scopedpoints.h"

#include <QCoreApplication>
#include <QDate>
#include <QJsonObject>
#include <QString>

class ConsoleSession;

/// One set of points a chart reads: a collection through a ScopedPoints (so the tenant scope
/// applies to every request) and a filter of the cohort's own (a date window), which the
/// scope nests inside the tenant condition like any user filter. Two cohorts are drawn side
/// by side.
///
/// A cohort never widens the session's scope. The current scope is the session's own
/// points(). A cohort of another tenant is read through a TenantScope of that tenant built
/// from the profile (payload key and/or collection pattern) and a read-only ScopedPoints over
/// the session's client: allowed only while the session is in "All tenants (admin)", which
/// may read every tenant anyway; in a tenant scope it is refused.
struct ChartCohort
{
    Q_DECLARE_TR_FUNCTIONS(ChartCohort)

public:
    QString label;        ///< the legend's name ("" for a single cohort)
    QString collection;   ///< the collection as addressed through points
    ScopedPoints points;
    QJsonObject filter;   ///< the cohort's own filter; empty for all its points

    /// The session's scope on collection (All tenants included, when that is the scope).
    static Result<ChartCohort> current(const ConsoleSession &session, const QString &collection);
    /// Every tenant's points: only when the session is in "All tenants (admin)".
    static Result<ChartCohort> allTenants(const ConsoleSession &session,
                                          const QString &collection);
    /// One tenant's points (admin sessions only). Under a collection pattern, a collection
    /// that is some tenant's (company_42_x) becomes this tenant's collection of the same type
    /// (company_7_x); a shared collection stays as it is, scoped by the payload key.
    static Result<ChartCohort> tenant(const ConsoleSession &session, const QString &collection,
                                      const QJsonValue &tenant);
    /// This cohort narrowed to points whose dateKey falls in [from, to] (whole days, UTC).
    ChartCohort window(const QDate &from, const QDate &to, const QString &dateKey) const;
    /// The date-window filter: {"must": [{"key": dateKey, "range": {"gte": from, "lt": to+1}}]}.
    static QJsonObject windowFilter(const QDate &from, const QDate &to, const QString &dateKey);
};
