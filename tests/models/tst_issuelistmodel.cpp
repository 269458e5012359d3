// IssueListModel under QAbstractItemModelTester: issues added with their cause, duplicates
// counted up within the window (stepped by a test clock, never by sleeping), bounded rows.
#include "issuelistmodel.h"

#include <QAbstractItemModelTester>
#include <QtTest>

class TestIssueListModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void addsIssuesWithTheirCause();
    void duplicatesCountUpWithinTheWindow();
    void differentSourceIsNotADuplicate();
    void netErrorsCarryTheServerReason();
    void boundedAndClear();

private:
    std::unique_ptr<IssueListModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    QDateTime m_now;
};

void TestIssueListModel::init()
{
    m_tester.reset();
    m_model = std::make_unique<IssueListModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_now = QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);
    m_model->setClock([this] { return m_now; });
}

void TestIssueListModel::addsIssuesWithTheirCause()
{
    QSignalSpy raised(m_model.get(), &IssueListModel::issueRaised);
    IssueCause cause;
    cause.collection = QStringLiteral("company_42_cost_optimization_knowledge");
    cause.pointId = PointId(7);
    cause.pane = QStringLiteral("points");
    cause.detail = 3;
    const QString source = QStringLiteral("Points · company_42_cost_optimization_knowledge");
    m_model->addIssue(IssueListModel::Severity::Error, source,
        QStringLiteral("POST /collections/x/points/scroll: timeout"), cause);
    m_model->addIssue(
        IssueListModel::Severity::Warning, QStringLiteral("Import"), QStringLiteral("3 rows"));
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(raised.size(), 2);
    const QModelIndex first = m_model->index(0, IssueListModel::SourceColumn);
    QCOMPARE(first.data().toString(), source);
    QCOMPARE(m_model->index(0, IssueListModel::SeverityColumn).data().toString(),
        IssueListModel::severityName(IssueListModel::Severity::Error));
    QCOMPARE(m_model->index(0, IssueListModel::MessageColumn).data().toString(),
        QStringLiteral("POST /collections/x/points/scroll: timeout"));
    QCOMPARE(m_model->index(0, IssueListModel::CountColumn).data().toString(), QString());
    QCOMPARE(first.data(IssueListModel::CauseRole).value<IssueCause>(), cause);
    QVERIFY(!cause.isEmpty());
    QVERIFY(m_model->issue(1).cause.isEmpty());
    QCOMPARE(m_model->index(1, 0).data(IssueListModel::SeverityRole)
                 .value<IssueListModel::Severity>(),
        IssueListModel::Severity::Warning);
    QCOMPARE(m_model->countOf(IssueListModel::Severity::Error), 1);
    QCOMPARE(m_model->issue(0).firstSeen, m_now);
}

void TestIssueListModel::duplicatesCountUpWithinTheWindow()
{
    const QString source = QStringLiteral("Points · c");
    const QString message = QStringLiteral("timeout");
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->addIssue(IssueListModel::Severity::Warning, source, message);
    for (int i = 1; i <= 3; ++i) {
        m_now = m_now.addMSecs(4000); // each within 5 s of the last: one row counting up
        IssueCause cause;
        cause.detail = i;
        m_model->addIssue(IssueListModel::Severity::Error, source, message, cause);
    }
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(changed.size(), 3);
    const IssueListModel::Issue &issue = m_model->issue(0);
    QCOMPARE(issue.count, 4);
    QCOMPARE(issue.severity, IssueListModel::Severity::Error); // the worst one wins
    QCOMPARE(issue.cause.detail.toInt(), 3); // jump to the latest
    QCOMPARE(issue.lastSeen, m_now);
    QCOMPARE(issue.firstSeen, m_now.addMSecs(-12000));
    QCOMPARE(m_model->index(0, IssueListModel::CountColumn).data().toString(),
        QStringLiteral("×4"));
    QVERIFY(!m_model->index(0, IssueListModel::TimeColumn).data(Qt::ToolTipRole).isNull());

    m_now = m_now.addMSecs(5001); // past the window: a new row
    m_model->addIssue(IssueListModel::Severity::Error, source, message);
    QCOMPARE(m_model->rowCount(), 2);
    m_now = m_now.addMSecs(100); // counts up the newest row, not the old one
    m_model->addIssue(IssueListModel::Severity::Error, source, message);
    QCOMPARE(m_model->issue(0).count, 4);
    QCOMPARE(m_model->issue(1).count, 2);
}

void TestIssueListModel::differentSourceIsNotADuplicate()
{
    m_model->addIssue(IssueListModel::Severity::Error, QStringLiteral("a"), QStringLiteral("m"));
    m_model->addIssue(IssueListModel::Severity::Error, QStringLiteral("b"), QStringLiteral("m"));
    m_model->addIssue(IssueListModel::Severity::Error, QStringLiteral("a"), QStringLiteral("n"));
    QCOMPARE(m_model->rowCount(), 3);
}

void TestIssueListModel::netErrorsCarryTheServerReason()
{
    NetError error;
    error.kind = NetError::Kind::Http;
    error.message = QStringLiteral("GET /collections/x: not found (HTTP 404)");
    error.serverMessage = QStringLiteral("Collection `x` doesn't exist!");
    m_model->addError(error, QStringLiteral("Collections"));
    QCOMPARE(m_model->issue(0).message,
        QStringLiteral("GET /collections/x: not found (HTTP 404): Collection `x` doesn't exist!"));
    error.message += QStringLiteral(": ") + error.serverMessage; // already there: not twice
    m_model->addError(error, QStringLiteral("Points"));
    QCOMPARE(m_model->issue(1).message, error.message);
    NetError cancelled;
    cancelled.kind = NetError::Kind::Cancelled;
    cancelled.message = QStringLiteral("cancelled");
    m_model->addError(cancelled, QStringLiteral("Import"));
    QCOMPARE(m_model->issue(2).severity, IssueListModel::Severity::Info);
}

void TestIssueListModel::boundedAndClear()
{
    m_model->setCapacity(5);
    for (int i = 0; i < 12; ++i) {
        m_model->addIssue(
            IssueListModel::Severity::Error, QStringLiteral("s"), QString::number(i));
    }
    QCOMPARE(m_model->rowCount(), 5);
    QCOMPARE(m_model->issue(0).message, QStringLiteral("7"));
    m_model->setCapacity(2);
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->issue(0).message, QStringLiteral("10"));
    m_model->clear();
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->countOf(IssueListModel::Severity::Error), 0);
}

QTEST_GUILESS_MAIN(TestIssueListModel)
#include "tst_issuelistmodel.moc"
