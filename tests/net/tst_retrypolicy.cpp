// RetryPolicy: full-jitter backoff bounds and the cap, retryable statuses, Retry-After parsing.

#include "retrypolicy.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QTest>

class TestRetryPolicy : public QObject
{
    Q_OBJECT

private slots:
    void backoffStaysUnderTheCeiling_data();
    void backoffStaysUnderTheCeiling();
    void backoffIsJittered();
    void retryableStatus_data();
    void retryableStatus();
    void retryAfter_data();
    void retryAfter();
};

void TestRetryPolicy::backoffStaysUnderTheCeiling_data()
{
    QTest::addColumn<int>("base");
    QTest::addColumn<int>("cap");
    QTest::addColumn<int>("retry");
    QTest::addColumn<int>("ceiling");

    QTest::newRow("first retry") << 100 << 5000 << 1 << 100;
    QTest::newRow("third retry doubles twice") << 100 << 5000 << 3 << 400;
    QTest::newRow("capped") << 100 << 5000 << 10 << 5000;
    QTest::newRow("huge retry number stays capped") << 100 << 5000 << 1000 << 5000;
    QTest::newRow("cap below base") << 100 << 30 << 1 << 30;
    QTest::newRow("zero base") << 0 << 5000 << 3 << 0;
}

void TestRetryPolicy::backoffStaysUnderTheCeiling()
{
    QFETCH(int, base);
    QFETCH(int, cap);
    QFETCH(int, retry);
    QFETCH(int, ceiling);
    RetryPolicy policy;
    policy.baseDelayMs = base;
    policy.maxDelayMs = cap;
    QRandomGenerator random(7);
    int largest = 0;
    for (int i = 0; i < 2000; ++i) {
        const int delay = policy.backoffMs(retry, &random);
        QVERIFY(delay >= 0);
        QVERIFY2(delay <= ceiling, qPrintable(QString::number(delay)));
        largest = std::max(largest, delay);
    }
    // Full jitter spans the whole range: the largest of 2000 draws is near the ceiling.
    QVERIFY(largest >= ceiling * 9 / 10);
}

void TestRetryPolicy::backoffIsJittered()
{
    RetryPolicy policy;
    QRandomGenerator random(11);
    QSet<int> seen;
    for (int i = 0; i < 50; ++i)
        seen.insert(policy.backoffMs(4, &random));
    QVERIFY(seen.size() > 25); // not lock-step
}

void TestRetryPolicy::retryableStatus_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("retryable");
    for (int status : {429, 502, 503, 504})
        QTest::addRow("%d", status) << status << true;
    for (int status : {200, 400, 401, 403, 404, 409, 500, 501})
        QTest::addRow("%d", status) << status << false;
}

void TestRetryPolicy::retryableStatus()
{
    QFETCH(int, status);
    QFETCH(bool, retryable);
    QCOMPARE(RetryPolicy::isRetryableStatus(status), retryable);
}

void TestRetryPolicy::retryAfter_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<int>("ms");

    QTest::newRow("seconds") << QByteArray("3") << 3000;
    QTest::newRow("zero") << QByteArray("0") << 0;
    QTest::newRow("spaces") << QByteArray(" 2 ") << 2000;
    QTest::newRow("absent") << QByteArray() << -1;
    QTest::newRow("negative") << QByteArray("-5") << -1;
    QTest::newRow("garbage") << QByteArray("soon") << -1;
    QTest::newRow("HTTP date 90 s ahead") << QByteArray("Sun, 06 Nov 1994 08:51:07 GMT") << 90000;
    QTest::newRow("HTTP date in the past") << QByteArray("Sun, 06 Nov 1994 08:00:00 GMT") << 0;
    QTest::newRow("huge is clamped to a day") << QByteArray("99999999") << 24 * 3600 * 1000;
}

void TestRetryPolicy::retryAfter()
{
    QFETCH(QByteArray, value);
    QFETCH(int, ms);
    const QDateTime now(QDate(1994, 11, 6), QTime(8, 49, 37), Qt::UTC);
    QCOMPARE(RetryPolicy::parseRetryAfterMs(value, now), ms);
}

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
