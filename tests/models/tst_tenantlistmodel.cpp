// TenantListModel under QAbstractItemModelTester: the explicit admin row, the tenants in
// order, their summaries, and the scope each row sets.

#include "tenantlistmodel.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QSignalSpy>
#include <QTest>

namespace {

TenantDiscoveryResult::ValueCount value(const QJsonValue &v, qint64 count, bool sampled)
{
    return {v, count, sampled};
}

// acme: own collections and points in two shared collections (one sampled); 42 and "42";
// "9" by name only; initech by the facet only.
TenantDiscoveryResult sample()
{
    QMap<QString, QStringList> byName;
    byName.insert(QStringLiteral("acme"),
        {QStringLiteral("company_acme_notes"), QStringLiteral("company_acme_costs")});
    byName.insert(QStringLiteral("9"), {QStringLiteral("company_9_notes")});
    TenantDiscoveryResult::KeyScan memory;
    memory.collection = QStringLiteral("shared_memory");
    memory.sampleFrom = 10;
    memory.sampled = 10;
    memory.values = {value(QStringLiteral("acme"), 3, true), value(42, 2, true),
        value(QStringLiteral("42"), 1, true)};
    TenantDiscoveryResult::KeyScan indexed;
    indexed.collection = QStringLiteral("shared_indexed");
    indexed.indexType = QStringLiteral("keyword");
    indexed.usedFacet = true;
    indexed.values
        = {value(QStringLiteral("acme"), 1200, false), value(QStringLiteral("initech"), 1, false)};
    TenantDiscoveryResult result = TenantDiscoveryResult::build(byName, {memory, indexed});
    result.payloadKey = QStringLiteral("customer_id");
    result.pattern = QStringLiteral("company_{id}_{type}");
    return result;
}

ConnectionProfile profile()
{
    return ConnectionProfile::create(
        QStringLiteral("test"), QUrl(QStringLiteral("http://127.0.0.1:6333")));
}

} // namespace

class TestTenantListModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void init();
    void cleanup();

    void adminIsAnExplicitFirstRow();
    void tenantsFollowInOrder();
    void summariesSayWhereAndWhetherSampled();
    void eachRowGivesTheScopeToSet();
    void aTenantTheProfileCannotScopeIsDisabled();
    void clearKeepsTheAdminRow();

private:
    std::unique_ptr<TenantListModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestTenantListModel::init()
{
    m_model = std::make_unique<TenantListModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestTenantListModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
}

void TestTenantListModel::adminIsAnExplicitFirstRow()
{
    QCOMPARE(m_model->rowCount(), 1);
    const QModelIndex admin = m_model->index(TenantListModel::AdminRow);
    QCOMPARE(admin.data().toString(), QStringLiteral("All tenants (admin)"));
    QVERIFY(admin.data(TenantListModel::IsAdminRole).toBool());
    QVERIFY(admin.data(TenantListModel::ScopeRole).value<TenantScope>().isAdmin());
    // Set apart as a warning, not a tenant like the others.
    QVERIFY(admin.data(Qt::BackgroundRole).value<QBrush>().style() != Qt::NoBrush);
    QVERIFY(admin.data(Qt::FontRole).value<QFont>().bold());
    QVERIFY(admin.flags() & Qt::ItemIsEnabled);
    QCOMPARE(m_model->rowOfScope(TenantScope::allTenants()), TenantListModel::AdminRow);
    QVERIFY(m_model->scopeAt(TenantListModel::AdminRow).value().isAdmin());

    m_model->setDiscovery(sample(), profile());
    QVERIFY(m_model->index(0).data(TenantListModel::IsAdminRole).toBool());
    for (int row = 1; row < m_model->rowCount(); ++row)
        QVERIFY(!m_model->index(row).data(TenantListModel::IsAdminRole).toBool());
}

void TestTenantListModel::tenantsFollowInOrder()
{
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    m_model->setDiscovery(sample(), profile());
    QCOMPARE(reset.size(), 1);
    QStringList labels;
    for (int row = 0; row < m_model->rowCount(); ++row)
        labels.append(m_model->index(row).data().toString());
    // 42 and "42" are two tenants, labelled so they can be told apart.
    QCOMPARE(labels,
        (QStringList {QStringLiteral("All tenants (admin)"), QStringLiteral("9"),
            QStringLiteral("42 (integer)"), QStringLiteral("\"42\" (text)"), QStringLiteral("acme"),
            QStringLiteral("initech")}));
    QCOMPARE(
        m_model->index(2).data(TenantListModel::TenantIdRole).toString(), QStringLiteral("42"));
    QCOMPARE(
        m_model->index(3).data(TenantListModel::TenantIdRole).toString(), QStringLiteral("42"));
    QVERIFY(m_model->index(2).data(TenantListModel::TenantValueRole).toJsonValue().isDouble());
    QVERIFY(m_model->index(3).data(TenantListModel::TenantValueRole).toJsonValue().isString());
}

void TestTenantListModel::summariesSayWhereAndWhetherSampled()
{
    m_model->setDiscovery(sample(), profile());
    const int acme = m_model->rowOfTenant(QStringLiteral("acme"));
    QCOMPARE(acme, 4);
    const QModelIndex index = m_model->index(acme);
    QCOMPARE(index.data(TenantListModel::CollectionsRole).toStringList(),
        (QStringList {QStringLiteral("company_acme_costs"), QStringLiteral("company_acme_notes")}));
    QCOMPARE(index.data(TenantListModel::PointCountRole).toLongLong(), 1203);
    QVERIFY(index.data(TenantListModel::SampledRole).toBool());
    QCOMPARE(index.data(TenantListModel::SummaryRole).toString(),
        QStringLiteral("2 collections · 1,203 points in 2 shared collections (sampled)"));
    const QString tip = index.data(Qt::ToolTipRole).toString();
    QVERIFY2(
        tip.contains(QStringLiteral("shared_memory: 3 points (in a sample)")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("shared_indexed: 1,200 points\n")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("Found by: collection names (company_{id}_{type}), "
                                         "values of customer_id")),
        qPrintable(tip));

    const QModelIndex nine = m_model->index(m_model->rowOfTenant(QStringLiteral("9")));
    QCOMPARE(nine.data(TenantListModel::SummaryRole).toString(), QStringLiteral("company_9_notes"));
    QVERIFY(!nine.data(TenantListModel::SampledRole).toBool());
    const QModelIndex initech = m_model->index(m_model->rowOfTenant(QStringLiteral("initech")));
    QCOMPARE(initech.data(TenantListModel::SummaryRole).toString(),
        QStringLiteral("1 point in shared_indexed"));
    QVERIFY(!initech.data(TenantListModel::SampledRole).toBool());
    QVERIFY(initech.data(TenantListModel::SearchTextRole)
                .toString()
                .contains(QStringLiteral("initech")));
    QVERIFY(m_model->index(acme)
                .data(TenantListModel::SearchTextRole)
                .toString()
                .contains(QStringLiteral("company_acme_notes")));
}

void TestTenantListModel::eachRowGivesTheScopeToSet()
{
    const ConnectionProfile p = profile();
    m_model->setDiscovery(sample(), p);
    const int integer = m_model->rowOfTenant(42);
    const int text = m_model->rowOfTenant(QStringLiteral("42"));
    QVERIFY(integer > 0);
    QVERIFY(text > 0);
    QVERIFY(integer != text);
    const TenantScope want = TenantScope::forProfile(p, 42).value();
    const auto scope = m_model->index(integer).data(TenantListModel::ScopeRole);
    QVERIFY(scope.isValid());
    QVERIFY(scope.value<TenantScope>() == want);
    QCOMPARE(scope.value<TenantScope>().badgeText(),
        QStringLiteral("Tenant 42 · customer_id, company_{id}_{type}"));
    QVERIFY(
        m_model->scopeAt(text).value() == TenantScope::forProfile(p, QStringLiteral("42")).value());
    QVERIFY(!(m_model->scopeAt(text).value() == want));
    QCOMPARE(m_model->rowOfScope(want), integer);
    QCOMPARE(m_model->rowOfScope(TenantScope()), -1);
    QCOMPARE(m_model->rowOfTenant(7), -1);
    QVERIFY(!m_model->scopeAt(99).ok());
}

void TestTenantListModel::aTenantTheProfileCannotScopeIsDisabled()
{
    // Collection-per-tenant only: a tenant must be an id the pattern can hold.
    ConnectionProfile p = profile();
    p.tenantPayloadKey.clear();
    TenantDiscoveryResult::KeyScan scan;
    scan.collection = QStringLiteral("shared");
    scan.values = {value(QStringLiteral("has space"), 3, false)};
    m_model->setDiscovery(TenantDiscoveryResult::build({}, {scan}), p);
    const int row = m_model->rowOfTenant(QStringLiteral("has space"));
    QCOMPARE(row, 1);
    const QModelIndex index = m_model->index(row);
    QVERIFY(!(index.flags() & Qt::ItemIsEnabled));
    QVERIFY(!index.data(TenantListModel::ScopeRole).isValid());
    QVERIFY(!m_model->scopeAt(row).ok());
    QVERIFY2(index.data(Qt::ToolTipRole).toString().contains(m_model->scopeAt(row).error().message),
        qPrintable(index.data(Qt::ToolTipRole).toString()));
}

void TestTenantListModel::clearKeepsTheAdminRow()
{
    m_model->setDiscovery(sample(), profile());
    QCOMPARE(m_model->rowCount(), 6);
    m_model->clear();
    QCOMPARE(m_model->rowCount(), 1);
    QVERIFY(m_model->index(0).data(TenantListModel::IsAdminRole).toBool());
    QCOMPARE(m_model->rowOfTenant(QStringLiteral("acme")), -1);
}

QTEST_MAIN(TestTenantListModel)
#include "tst_tenantlistmodel.moc"
