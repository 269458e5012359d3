// HttpResponseParser (the plain client's HTTP/1.1 framing) and qdrantServerTimeMs().

#include "httpresponseparser.h"
#include "servertime.h"

#include <QTest>

class TestHttpResponseParser : public QObject
{
    Q_OBJECT

private slots:
    void framing_data();
    void framing();
    void malformed_data();
    void malformed();
    void bodyEndsWithTheConnection();
    void headResponseHasNoBody();
    void serverTime_data();
    void serverTime();
};

void TestHttpResponseParser::framing_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("keepAlive");

    QTest::newRow("content-length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n"
                                                  "\r\nhello")
                                    << 200 << QByteArray("hello") << true;
    QTest::newRow("empty body") << QByteArray("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
                                << 404 << QByteArray() << true;
    QTest::newRow("no content: 204")
        << QByteArray("HTTP/1.1 204 No Content\r\n\r\n") << 204 << QByteArray() << true;
    QTest::newRow("chunked") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                           "5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\n\r\n")
                             << 200 << QByteArray("hello, world") << true;
    QTest::newRow("chunked with trailer")
        << QByteArray("HTTP/1.1 200 OK\r\ntransfer-encoding: Chunked\r\n\r\n"
                      "3\r\nabc\r\n0\r\nX-Trailer: 1\r\n\r\n")
        << 200 << QByteArray("abc") << true;
    QTest::newRow("connection close") << QByteArray("HTTP/1.1 200 OK\r\nConnection: close\r\n"
                                                    "Content-Length: 2\r\n\r\nok")
                                      << 200 << QByteArray("ok") << false;
    QTest::newRow("HTTP/1.0") << QByteArray("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok") << 200
                              << QByteArray("ok") << false;
    QTest::newRow("100 Continue first")
        << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\n"
                      "Content-Length: 3\r\n\r\nnew")
        << 201 << QByteArray("new") << true;
}

void TestHttpResponseParser::framing()
{
    QFETCH(QByteArray, wire);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(bool, keepAlive);

    // Whole, then byte by byte, then in two halves: framing must not depend on the segments.
    for (int split : {0, 1, int(wire.size() / 2)}) {
        HttpResponseParser parser;
        parser.reset();
        if (split == 0) {
            QByteArray data = wire;
            QVERIFY(parser.feed(data));
        } else if (split == 1) {
            for (char c : wire) {
                QByteArray data(1, c);
                QVERIFY2(parser.feed(data), parser.errorString().constData());
            }
        } else {
            QByteArray first = wire.left(split);
            QByteArray second = wire.mid(split);
            QVERIFY(parser.feed(first));
            QVERIFY(parser.feed(second));
        }
        QVERIFY2(parser.isDone(), qPrintable(QStringLiteral("split %1").arg(split)));
        QCOMPARE(parser.status(), status);
        QCOMPARE(parser.takeBody(), body);
        QCOMPARE(parser.keepAlive(), keepAlive);
    }
}

void TestHttpResponseParser::malformed_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::newRow("not HTTP") << QByteArray("SSH-2.0-OpenSSH\r\n\r\n");
    QTest::newRow("bad status") << QByteArray("HTTP/1.1 2x0 OK\r\n\r\n");
    QTest::newRow("bad length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: -4\r\n\r\n");
    QTest::newRow("bad chunk") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
                                             "\r\nzz\r\n");
    QTest::newRow("header without colon") << QByteArray("HTTP/1.1 200 OK\r\nbroken\r\n\r\n");
}

void TestHttpResponseParser::malformed()
{
    QFETCH(QByteArray, wire);
    HttpResponseParser parser;
    QVERIFY(!parser.feed(wire));
    QVERIFY(parser.isFailed());
    QVERIFY(!parser.errorString().isEmpty());
}

void TestHttpResponseParser::bodyEndsWithTheConnection()
{
    HttpResponseParser parser;
    QByteArray data("HTTP/1.1 200 OK\r\n\r\nuntil the end");
    QVERIFY(parser.feed(data));
    QVERIFY(!parser.isDone());
    QVERIFY(!parser.keepAlive());
    parser.finishOnClose();
    QVERIFY(parser.isDone());
    QCOMPARE(parser.takeBody(), QByteArray("until the end"));

    // A Content-Length body cut short is not completed by the close.
    parser.reset();
    QByteArray cut("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
    QVERIFY(parser.feed(cut));
    parser.finishOnClose();
    QVERIFY(!parser.isDone());
    QVERIFY(parser.hasStarted());
    QCOMPARE(parser.bodySize(), qint64(3));
    QCOMPARE(parser.contentLength(), qint64(10));
}

void TestHttpResponseParser::headResponseHasNoBody()
{
    HttpResponseParser parser;
    parser.reset(true);
    QByteArray data("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n");
    QVERIFY(parser.feed(data));
    QVERIFY(parser.isDone());
}

void TestHttpResponseParser::serverTime_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<double>("ms");

    QTest::newRow("ok envelope") << QByteArray("{\"result\":[],\"status\":\"ok\",\"time\":0.0025}")
                                 << 2.5;
    QTest::newRow("error envelope")
        << QByteArray("{\"status\":{\"error\":\"Not found\"},\"time\":0.5}") << 500.0;
    QTest::newRow("exponent") << QByteArray("{\"result\":1,\"time\":1.5e-5}") << 0.015;
    QTest::newRow("pretty, trailing newline")
        << QByteArray("{\n  \"result\": true,\n  \"time\": 0.001\n}\n") << 1.0;
    QTest::newRow("nested time is not the server's")
        << QByteArray("{\"result\":{\"time\":5},\"status\":\"ok\"}") << -1.0;
    QTest::newRow("no time") << QByteArray("{\"result\":true}") << -1.0;
    QTest::newRow("not JSON") << QByteArray("upstream exploded") << -1.0;
    QTest::newRow("empty") << QByteArray() << -1.0;
    QTest::newRow("long body, time at the end")
        << QByteArray("{\"result\":\"" + QByteArray(100000, 'x') + "\",\"time\":0.002}") << 2.0;
}

void TestHttpResponseParser::serverTime()
{
    QFETCH(QByteArray, body);
    QFETCH(double, ms);
    QCOMPARE(qdrantServerTimeMs(body), ms);
}

QTEST_GUILESS_MAIN(TestHttpResponseParser)
#include "tst_httpresponseparser.moc"
