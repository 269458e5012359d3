#include "leakageaudit.h"

#include "qdrantclient.h"
#include "scopedadmin.h"
#include "scopedpoints.h"

#include <QJsonArray>
#include <QTimer>

namespace {

constexpr qint64 kProgressIntervalMs = 100;

NetError error(NetError::Kind kind, const QString &message)
{
    NetError e;
    e.kind = kind;
    e.message = message;
    return e;
}

QJsonObject isEmpty(const QString &key)
{
    return {{QStringLiteral("is_empty"), QJsonObject {{QStringLiteral("key"), key}}}};
}

QJsonObject matchValue(const QString &key, const QJsonValue &value)
{
    return {{QStringLiteral("key"), key},
        {QStringLiteral("match"), QJsonObject {{QStringLiteral("value"), value}}}};
}

QJsonObject severalValues(const QString &key)
{
    return {{QStringLiteral("key"), key},
        {QStringLiteral("values_count"), QJsonObject {{QStringLiteral("gte"), 2}}}};
}

} // namespace

LeakageAudit::LeakageAudit(QObject *parent)
    : QObject(parent)
{ }

LeakageAudit::~LeakageAudit()
{
    ++m_generation;
    m_call.cancel();
}

QList<LeakageFinding> LeakageAudit::leaks() const
{
    QList<LeakageFinding> out;
    for (const LeakageFinding &finding : m_findings) {
        if (finding.count > 0)
            out.append(finding);
    }
    return out;
}

QJsonObject LeakageAudit::foreignValueFilter(const QString &payloadKey, const QString &tenantId)
{
    // The name says "42" as text; the key may hold "42" or 42, and both agree with it.
    QJsonArray agreeing {matchValue(payloadKey, tenantId)};
    bool ok = false;
    const qint64 number = tenantId.toLongLong(&ok);
    if (ok && QString::number(number) == tenantId)
        agreeing.append(matchValue(payloadKey, number));
    return {
        {QStringLiteral("must_not"), QJsonArray {isEmpty(payloadKey)}},
        {QStringLiteral("should"),
            QJsonArray {
                QJsonObject {{QStringLiteral("must_not"), agreeing}}, severalValues(payloadKey)}},
    };
}

void LeakageAudit::start(
    QdrantClient *client, const ConnectionProfile &profile, const TenantScope &scope)
{
    const int generation = ++m_generation;
    m_call.cancel();
    m_client = client;
    m_profile = profile;
    m_scope = scope;
    m_pattern = CollectionPattern();
    m_pending.clear();
    m_next = 0;
    m_findings.clear();
    m_collections.clear();
    m_problems.clear();
    m_running = true;
    m_sinceProgress.start();

    const auto failLater = [this, generation](const NetError &e) {
        QTimer::singleShot(0, this, [this, generation, e] {
            if (generation == m_generation)
                end(e);
        });
    };
    if (!client)
        return failLater(error(NetError::Kind::Invalid, tr("Not connected: nothing to audit.")));
    if (scope.mode() == TenantScope::Mode::None) {
        return failLater(error(NetError::Kind::Invalid,
            tr("No tenant is chosen: pick a tenant, or \"All tenants "
               "(admin)\", to audit its collections.")));
    }
    if (!profile.collectionPattern.isEmpty()) {
        auto pattern = CollectionPattern::parse(profile.collectionPattern);
        if (!pattern)
            return failLater(pattern.error());
        m_pattern = std::move(pattern).value();
    }
    const ScopedAdmin admin(client, TenantScope::allTenants(), true);
    m_call = admin.listCollections(this, [this, generation](const Result<QStringList> &names) {
        if (generation != m_generation)
            return;
        if (!names.ok())
            return end(names.error());
        plan(names.value());
        runNext();
    });
}

void LeakageAudit::cancel()
{
    if (!m_running)
        return;
    ++m_generation;
    m_call.cancel();
    end(error(NetError::Kind::Cancelled, tr("The leakage audit was cancelled.")));
}

void LeakageAudit::plan(const QStringList &names)
{
    const QString key = m_profile.tenantPayloadKey;
    const bool tenantScope = m_scope.mode() == TenantScope::Mode::Tenant;
    for (const QString &name : names) {
        if (tenantScope && !m_scope.coversCollection(name))
            continue;
        m_collections.append(name);
        LeakageFinding finding;
        finding.collection = name;
        finding.payloadKey = key;
        const CollectionPattern::Match match = m_pattern.match(name);
        switch (match.kind) {
        case CollectionPattern::Match::Kind::None:
            if (key.isEmpty())
                break;
            // A tenant scope never shows these: they lack its condition or fail values_count.
            finding.adminOnly = tenantScope;
            finding.kind = LeakageFinding::Kind::MissingKey;
            finding.filter = QJsonObject {{QStringLiteral("must"), QJsonArray {isEmpty(key)}}};
            m_pending.append(finding);
            finding.kind = LeakageFinding::Kind::SeveralValues;
            if (tenantScope) {
                finding.tenantId = m_scope.tenantId();
                finding.filter = QJsonObject {{QStringLiteral("must"),
                    QJsonArray {severalValues(key), matchValue(key, m_scope.tenantValue())}}};
            } else {
                finding.filter
                    = QJsonObject {{QStringLiteral("must"), QJsonArray {severalValues(key)}}};
            }
            m_pending.append(finding);
            break;
        case CollectionPattern::Match::Kind::Tenant:
            if (key.isEmpty())
                break;
            finding.kind = LeakageFinding::Kind::ForeignValue;
            finding.tenantId = match.tenantId;
            finding.filter = foreignValueFilter(key, match.tenantId);
            m_pending.append(finding);
            break;
        case CollectionPattern::Match::Kind::Ambiguous:
            finding.kind = LeakageFinding::Kind::AmbiguousName;
            finding.adminOnly = tenantScope;
            m_pending.append(finding);
            break;
        }
    }
    emit progress(0, int(m_pending.size()));
}

void LeakageAudit::runNext()
{
    if (m_next >= m_pending.size()) {
        m_running = false;
        emit progress(int(m_pending.size()), int(m_pending.size()));
        emit finished();
        return;
    }
    const int generation = m_generation;
    const LeakageFinding finding = m_pending.at(m_next);
    CountRequest request;
    request.filter = finding.filter;
    request.exact = true;
    const ScopedPoints points(m_client, TenantScope::allTenants(), true);
    m_call = points.count(finding.collection, request, this,
        [this, generation, finding](const Result<qint64> &count) {
            if (generation != m_generation)
                return;
            if (count.ok()) {
                LeakageFinding done = finding;
                done.count = count.value();
                m_findings.append(done);
            } else if (count.error().kind == NetError::Kind::Cancelled) {
                return end(count.error());
            } else {
                NetError problem = count.error();
                problem.message = tr("\"%1\" in \"%2\" could not be counted: %3")
                                      .arg(finding.title(), finding.collection, problem.message);
                m_problems.append(problem);
            }
            ++m_next;
            if (m_sinceProgress.elapsed() >= kProgressIntervalMs) {
                m_sinceProgress.restart();
                emit progress(m_next, int(m_pending.size()));
            }
            runNext();
        });
}

void LeakageAudit::end(const NetError &e)
{
    m_running = false;
    emit failed(e);
}
