// Replays every file of the fuzz targets' seed corpus (tests/fuzz/corpus/<target>) and of
// their regressions (tests/data/fuzz-regressions/<target>: inputs that once crashed) through
// the functions the libFuzzer targets call, without libFuzzer: every past crash stays fixed.

#include "fuzzcheck.h"
#include "fuzzfiltertree.h"
#include "fuzzimportreader.h"
#include "fuzzstorefilter.h"
#include "fuzzstorerequests.h"
#include "fuzzvectortext.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <functional>

namespace {

using FuzzFunction = std::function<void(const uint8_t *, size_t)>;

struct Target
{
    const char *name;
    FuzzFunction run;
};

const QList<Target> &targets()
{
    using Kind = ImportFormat::Kind;
    static const QList<Target> all = {
        {"fuzz_store_filter", fuzzStoreFilter},
        {"fuzz_filter_tree", fuzzFilterTree},
        {"fuzz_import_jsonl",
         [](const uint8_t *d, size_t n) { fuzzImportReader(Kind::Jsonl, d, n); }},
        {"fuzz_import_csv", [](const uint8_t *d, size_t n) { fuzzImportReader(Kind::Csv, d, n); }},
        {"fuzz_import_jsonarray",
         [](const uint8_t *d, size_t n) { fuzzImportReader(Kind::JsonArray, d, n); }},
        {"fuzz_store_requests", fuzzStoreRequests},
        {"fuzz_vector_text", fuzzVectorText},
    };
    return all;
}

QStringList filesIn(const QString &dir)
{
    QStringList out;
    for (const QString &name : QDir(dir).entryList(QDir::Files | QDir::Hidden, QDir::Name))
        out.append(QDir(dir).filePath(name));
    return out;
}

} // namespace

class TstFuzzReplay : public QObject
{
    Q_OBJECT

private slots:
    void everyTargetHasSeeds_data();
    void everyTargetHasSeeds();
    void replay_data();
    void replay();
};

void TstFuzzReplay::everyTargetHasSeeds_data()
{
    QTest::addColumn<QString>("dir");
    for (const Target &target : targets()) {
        QTest::newRow(target.name)
            << QStringLiteral(MC_FUZZ_CORPUS_DIR "/") + QString::fromLatin1(target.name);
    }
}

void TstFuzzReplay::everyTargetHasSeeds()
{
    QFETCH(QString, dir);
    QVERIFY2(filesIn(dir).size() >= 3, qPrintable(dir));
}

void TstFuzzReplay::replay_data()
{
    QTest::addColumn<int>("target");
    QTest::addColumn<QString>("path");
    for (int i = 0; i < targets().size(); ++i) {
        const QString name = QString::fromLatin1(targets().at(i).name);
        const QString dirs[2] = {QStringLiteral(MC_FUZZ_CORPUS_DIR "/") + name,
                                 QStringLiteral(MC_FUZZ_REGRESSIONS_DIR "/") + name};
        const char *kinds[2] = {"seed ", "regression "};
        for (int d = 0; d < 2; ++d) {
            for (const QString &path : filesIn(dirs[d])) {
                const QString row = QLatin1String(kinds[d]) + name + u'/'
                                    + QFileInfo(path).fileName();
                QTest::newRow(qPrintable(row)) << i << path;
            }
        }
    }
}

void TstFuzzReplay::replay()
{
    QFETCH(int, target);
    QFETCH(QString, path);
    QFile file(path);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
    const QByteArray input = file.readAll();
    try {
        targets().at(target).run(reinterpret_cast<const uint8_t *>(input.constData()),
                                 size_t(input.size()));
    } catch (const std::exception &e) {
        QFAIL(qPrintable(path + QStringLiteral(": ") + QString::fromUtf8(e.what())));
    }
}

QTEST_GUILESS_MAIN(TstFuzzReplay)
#include "tst_fuzzreplay.moc"
