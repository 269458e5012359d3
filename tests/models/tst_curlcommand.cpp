// CurlCommand: shell quoting checked by a real POSIX shell, the key only as a placeholder, and
// notes for what a command cannot reproduce (cut, binary or dropped bodies, a left-out query).
#include "curlcommand.h"
#include "httptransport.h"

#include <QProcess>
#include <QtTest>

namespace {

/// What `sh` makes of a word: the argument printf receives, byte for byte.
QString shellParsed(const QString &word)
{
    QProcess shell;
    shell.start(
        QStringLiteral("sh"), {QStringLiteral("-c"), QStringLiteral("printf '%s' ") + word});
    if (!shell.waitForFinished(10000) || shell.exitCode() != 0) {
        return QStringLiteral("<sh failed: %1>")
            .arg(QString::fromUtf8(shell.readAllStandardError()));
    }
    return QString::fromUtf8(shell.readAllStandardOutput());
}

/// The words `sh` splits a command into (its `\` continuations and comments handled).
QStringList shellWords(const QString &command)
{
    QProcess shell;
    const QString words = QStringLiteral("words() { for w; do printf '%s\\0' \"$w\"; done; }\n");
    const QString script
        = words + QString(command).replace(QStringLiteral("curl"), QStringLiteral("words curl"));
    shell.start(QStringLiteral("sh"), {QStringLiteral("-c"), script});
    if (!shell.waitForFinished(10000))
        return {};
    return QString::fromUtf8(shell.readAllStandardOutput()).split(QChar(0), Qt::SkipEmptyParts);
}

RequestLogEntry postEntry(const QByteArray &body)
{
    HttpRequest request;
    request.method = "POST";
    request.url = QUrl(QStringLiteral("http://127.0.0.1:6333/collections/a%20b/points/scroll"));
    request.body = body;
    request.headers = {{"api-key", "mc-test-secret-123"}};
    return RequestLogEntry::describing(request);
}

} // namespace

Q_DECLARE_METATYPE(RequestLogEntry)

class TestCurlCommand : public QObject
{
    Q_OBJECT

private slots:
    void quotingSurvivesTheShell_data();
    void quotingSurvivesTheShell();
    void postWithKeyAndBody();
    void getWithoutKeyHasNoMethodOrBody();
    void headUsesHead();
    void bearerTokenRedacted();
    void notes_data();
    void notes();
};

void TestCurlCommand::quotingSurvivesTheShell_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("plain") << QStringLiteral("hello");
    QTest::newRow("empty") << QString();
    QTest::newRow("single quote") << QStringLiteral("it's");
    QTest::newRow("only quotes") << QStringLiteral("'''");
    QTest::newRow("double quotes and dollar") << QStringLiteral("\"$HOME\" `id` $(id) \\n");
    QTest::newRow("glob and semicolon") << QStringLiteral("*; rm -rf / #");
    QTest::newRow("newlines and tab") << QStringLiteral("a\nb\tc\n");
    QTest::newRow("unicode") << QStringLiteral("naïve ✓ 記憶");
    QTest::newRow("json") << QStringLiteral("{\"note\":\"line \\\"1\\\"\\n it's\"}");
}

void TestCurlCommand::quotingSurvivesTheShell()
{
    QFETCH(QString, text);
    QCOMPARE(shellParsed(CurlCommand::shellQuote(text)), text);
}

void TestCurlCommand::postWithKeyAndBody()
{
    const QByteArray body
        = "{\"filter\":{\"must\":[{\"key\":\"note\",\"match\":{\"text\":\"it's\"}}]}}";
    const QString command = CurlCommand::fromEntry(postEntry(body));
    QVERIFY2(!command.contains(QStringLiteral("mc-test-secret")), qPrintable(command));
    QVERIFY2(!command.contains(u'#'), qPrintable(command)); // nothing to warn about
    const QStringList words = shellWords(command);
    const QStringList expected = {QStringLiteral("curl"), QStringLiteral("-X"),
        QStringLiteral("POST"),
        QStringLiteral("http://127.0.0.1:6333/collections/a%20b/points/scroll"),
        QStringLiteral("-H"), QStringLiteral("api-key: <redacted>"), QStringLiteral("-H"),
        QStringLiteral("Content-Type: application/json"), QStringLiteral("--data-raw"),
        QString::fromUtf8(body)};
    QCOMPARE(words, expected);
}

void TestCurlCommand::getWithoutKeyHasNoMethodOrBody()
{
    HttpRequest request;
    request.url = QUrl(QStringLiteral("http://localhost:6333/collections"));
    const QString command = CurlCommand::fromEntry(RequestLogEntry::describing(request));
    QCOMPARE(command, QStringLiteral("curl 'http://localhost:6333/collections'"));
}

void TestCurlCommand::headUsesHead()
{
    HttpRequest request;
    request.method = "HEAD";
    request.url = QUrl(QStringLiteral("http://localhost:6333/"));
    const QString command = CurlCommand::fromEntry(RequestLogEntry::describing(request));
    QCOMPARE(command, QStringLiteral("curl --head 'http://localhost:6333/'"));
}

void TestCurlCommand::bearerTokenRedacted()
{
    HttpRequest request;
    request.method = "POST";
    request.url = QUrl(QStringLiteral("https://api.example.com/v1/embeddings"));
    request.body = "{\"input\":[\"x\"]}";
    request.headers = {{"Authorization", "Bearer mc-test-secret-9"}};
    const QString command = CurlCommand::fromEntry(RequestLogEntry::describing(request));
    QVERIFY(!command.contains(QStringLiteral("mc-test-secret")));
    QVERIFY(shellWords(command).contains(QStringLiteral("Authorization: <redacted>")));
    QVERIFY(!shellWords(command).contains(QStringLiteral("api-key: <redacted>")));
}

void TestCurlCommand::notes_data()
{
    QTest::addColumn<RequestLogEntry>("entry");
    QTest::addColumn<QString>("note");
    QTest::addColumn<bool>("hasBody");

    RequestLogEntry cut = postEntry(QByteArray(RequestLogEntry::MaxKeptBody + 10, 'x'));
    QTest::newRow("cut body") << cut << QStringLiteral("cut to its first 65536 of 65546 bytes")
                              << true;
    RequestLogEntry binary = postEntry(QByteArray("\x00\x01\x02zip", 6));
    QTest::newRow("binary body") << binary << QStringLiteral("6-byte request body is binary")
                                 << false;
    RequestLogEntry invalidUtf8 = postEntry(QByteArray("\xff\xfe{}"));
    QTest::newRow("invalid UTF-8") << invalidUtf8 << QStringLiteral("is binary") << false;
    RequestLogEntry dropped = postEntry("{\"limit\":1}");
    dropped.requestBody.clear();
    dropped.requestBodyTruncated = true;
    QTest::newRow("body dropped") << dropped << QStringLiteral("no longer kept in the log")
                                  << false;
    HttpRequest withQuery;
    withQuery.url = QUrl(QStringLiteral("http://h:1/p?token=abc&wait=true"));
    QTest::newRow("query left out") << RequestLogEntry::describing(withQuery)
                                    << QStringLiteral("left out of the URL") << false;
}

void TestCurlCommand::notes()
{
    QFETCH(RequestLogEntry, entry);
    QFETCH(QString, note);
    QFETCH(bool, hasBody);
    const QString command = CurlCommand::fromEntry(entry);
    const QStringList lines = command.split(u'\n');
    QVERIFY2(lines.first().startsWith(QStringLiteral("# ")), qPrintable(command));
    QVERIFY2(lines.first().contains(note), qPrintable(lines.first()));
    QCOMPARE(command.contains(QStringLiteral("--data-raw")), hasBody);
    // Still a command a shell runs: the note is a comment, the rest parses.
    QCOMPARE(shellWords(command).first(), QStringLiteral("curl"));
}

QTEST_GUILESS_MAIN(TestCurlCommand)
#include "tst_curlcommand.moc"
