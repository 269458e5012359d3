#include "tenantdiscoveryresult.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace {

// Beyond 2^53 a double no longer holds every integer; TenantScope refuses such tenants too.
constexpr double kLargestExactInteger = 9007199254740992.0;

bool isIntegral(const QJsonValue &value)
{
    if (!value.isDouble())
        return false;
    const double d = value.toDouble();
    return std::isfinite(d) && std::floor(d) == d && std::abs(d) <= kLargestExactInteger;
}

// Orders ids as a person reads them: runs of digits by their value ("9" before "10"), the rest
// case-insensitively. Not QCollator: its numeric mode needs ICU, which a build may lack.
int compareIds(const QString &a, const QString &b)
{
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < a.size() && j < b.size()) {
        if (a.at(i).isDigit() && b.at(j).isDigit()) {
            qsizetype endA = i;
            qsizetype endB = j;
            while (endA < a.size() && a.at(endA).isDigit())
                ++endA;
            while (endB < b.size() && b.at(endB).isDigit())
                ++endB;
            qsizetype startA = i;
            qsizetype startB = j;
            while (startA + 1 < endA && a.at(startA) == QLatin1Char('0'))
                ++startA;
            while (startB + 1 < endB && b.at(startB) == QLatin1Char('0'))
                ++startB;
            const qsizetype lengthA = endA - startA;
            const qsizetype lengthB = endB - startB;
            if (lengthA != lengthB)
                return lengthA < lengthB ? -1 : 1;
            const int digits
                = QStringView(a).mid(startA, lengthA).compare(QStringView(b).mid(startB, lengthB));
            if (digits != 0)
                return digits;
            i = endA;
            j = endB;
            continue;
        }
        const int c
            = QStringView(a).mid(i, 1).compare(QStringView(b).mid(j, 1), Qt::CaseInsensitive);
        if (c != 0)
            return c;
        ++i;
        ++j;
    }
    if (i < a.size() || j < b.size())
        return i < a.size() ? 1 : -1;
    return QString::compare(a, b); // "A" and "a", "007" and "7": still a fixed order
}

} // namespace

QString TenantDiscoveryResult::KeyScan::description() const
{
    const QLocale locale;
    QString how;
    if (usedFacet)
        how = tr("facet on the %1 index").arg(indexType);
    else if (!indexType.isEmpty())
        how = tr("no facet on a %1 index").arg(indexType);
    else
        how = tr("no index");
    if (!usedSample())
        return how;
    return tr("%1; sampled (%2 of %3 points)")
        .arg(how, locale.toString(sampled), locale.toString(sampleFrom));
}

QString TenantDiscoveryResult::Tenant::id() const
{
    if (value.isString())
        return value.toString();
    return QString::number(value.toInteger());
}

qint64 TenantDiscoveryResult::Tenant::sharedPoints() const
{
    qint64 sum = 0;
    for (const PointCount &count : pointCounts)
        sum += count.count;
    return sum;
}

bool TenantDiscoveryResult::Tenant::sampled() const
{
    return std::any_of(pointCounts.begin(), pointCounts.end(),
        [](const PointCount &count) { return count.sampled; });
}

bool TenantDiscoveryResult::sampled() const
{
    return std::any_of(
        scans.begin(), scans.end(), [](const KeyScan &scan) { return scan.usedSample(); });
}

const TenantDiscoveryResult::Tenant *TenantDiscoveryResult::find(const QJsonValue &value) const
{
    if (!isTenantValue(value))
        return nullptr;
    const QString key = tenantKey(value);
    for (const Tenant &tenant : tenants) {
        if (tenantKey(tenant.value) == key)
            return &tenant;
    }
    return nullptr;
}

bool TenantDiscoveryResult::isTenantValue(const QJsonValue &value)
{
    return (value.isString() && !value.toString().isEmpty()) || isIntegral(value);
}

QJsonValue TenantDiscoveryResult::normalisedTenant(const QJsonValue &value)
{
    if (isIntegral(value))
        return QJsonValue(value.toInteger());
    return value;
}

QString TenantDiscoveryResult::tenantKey(const QJsonValue &value)
{
    if (value.isString())
        return QLatin1Char('s') + value.toString();
    return QLatin1Char('i') + QString::number(value.toInteger());
}

TenantDiscoveryResult TenantDiscoveryResult::build(
    const QMap<QString, QStringList> &byName, const QList<KeyScan> &scans)
{
    TenantDiscoveryResult result;
    QMap<QString, Tenant> tenants; // by tenantKey
    for (const KeyScan &scan : scans) {
        result.scans.append(scan);
        for (const ValueCount &value : scan.values) {
            if (!isTenantValue(value.value))
                continue;
            const QJsonValue tenantValue = normalisedTenant(value.value);
            Tenant &tenant = tenants[tenantKey(tenantValue)];
            tenant.value = tenantValue;
            tenant.foundByKey = true;
            tenant.pointCounts.append(PointCount {scan.collection, value.count, value.sampled});
        }
    }
    for (auto it = byName.begin(); it != byName.end(); ++it) {
        const QString &id = it.key();
        bool joined = false;
        for (Tenant &tenant : tenants) {
            if (tenant.id() == id) {
                tenant.collections = it.value();
                tenant.foundByName = true;
                joined = true;
            }
        }
        if (joined)
            continue;
        Tenant tenant;
        tenant.value = QJsonValue(id);
        tenant.collections = it.value();
        tenant.foundByName = true;
        tenants.insert(tenantKey(tenant.value), tenant);
    }

    result.tenants = tenants.values();
    for (Tenant &tenant : result.tenants) {
        std::sort(tenant.collections.begin(), tenant.collections.end());
        std::sort(tenant.pointCounts.begin(), tenant.pointCounts.end(),
            [](const PointCount &a, const PointCount &b) { return a.collection < b.collection; });
    }
    std::stable_sort(
        result.tenants.begin(), result.tenants.end(), [](const Tenant &a, const Tenant &b) {
            const int order = compareIds(a.id(), b.id());
            if (order != 0)
                return order < 0;
            return !a.value.isString() && b.value.isString();
        });
    std::sort(result.scans.begin(), result.scans.end(),
        [](const KeyScan &a, const KeyScan &b) { return a.collection < b.collection; });
    return result;
}
