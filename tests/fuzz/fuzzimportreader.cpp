#include "fuzzimportreader.h"

#include "fuzzcheck.h"

#include "importjsonrow.h"
#include "importrecordreader.h"

#include <QFile>
#include <QTemporaryDir>

namespace {

// One folder per process; each input overwrites the same file in it.
QString inputPath(ImportFormat::Kind kind)
{
    static QTemporaryDir dir;
    fuzzCheck(dir.isValid(), "no temporary folder for the fuzz input");
    return dir.filePath(QStringLiteral("input.") + ImportFormat::id(kind));
}

/// Every row of the file at path, its vectors kept as text or not.
QList<ImportRecord> readAll(ImportFormat::Kind kind, const QString &path, bool keepText)
{
    const std::unique_ptr<ImportRecordReader> reader = ImportRecordReader::create(kind, path);
    reader->setVectorFields({QStringLiteral("vector"), QStringLiteral("embedding")});
    reader->setVectorTextKept(keepText);
    QList<ImportRecord> records;
    if (!reader->open().ok())
        return records;
    ImportRecord record;
    while (records.size() < 100000 && reader->next(record))
        records.append(std::exchange(record, ImportRecord()));
    return records;
}

/// A row reads the same whichever way its vectors are read (the import keeps their text;
/// the preview reads floats): the fields, the problems, the error, and the same numbers.
void checkKeptTextReadsTheSame(ImportFormat::Kind kind, const QString &path)
{
    const QList<ImportRecord> kept = readAll(kind, path, true);
    const QList<ImportRecord> plain = readAll(kind, path, false);
    fuzzCheck(kept.size() == plain.size(), "kept vector text changes the number of rows");
    ImportJsonRow parser;
    for (qsizetype i = 0; i < kept.size(); ++i) {
        const ImportRecord &a = kept.at(i);
        const ImportRecord &b = plain.at(i);
        fuzzCheck(a.readError == b.readError && a.fields == b.fields
                      && a.vectorProblems == b.vectorProblems && a.pointShaped == b.pointShaped,
                  "kept vector text reads a row otherwise");
        fuzzCheck(a.vectors.size() + a.vectorTexts.size() == b.vectors.size(),
                  "kept vector text changes the vectors of a row");
        for (auto it = b.vectors.cbegin(); it != b.vectors.cend(); ++it) {
            QList<float> floats = a.vectors.value(it.key());
            if (const auto text = a.vectorTexts.constFind(it.key()); text != a.vectorTexts.cend()) {
                fuzzCheck(parser.parseVector(text->text, floats).isEmpty()
                              && text->size == floats.size(),
                          "a kept vector text is not the array it counts");
            }
            fuzzCheck(floats == it.value(), "a kept vector text says other numbers");
        }
    }
}

} // namespace

void fuzzImportReader(ImportFormat::Kind kind, const uint8_t *data, size_t size)
{
    const QString path = inputPath(kind);
    {
        QFile file(path);
        fuzzCheck(file.open(QIODevice::WriteOnly | QIODevice::Truncate), "can't write the input");
        fuzzCheck(file.write(reinterpret_cast<const char *>(data), qint64(size)) == qint64(size),
                  "can't write the input");
    }
    const std::unique_ptr<ImportRecordReader> reader = ImportRecordReader::create(kind, path);
    reader->setVectorFields({QStringLiteral("vector"), QStringLiteral("embedding")});
    if (!reader->open().ok())
        return; // a CSV without a readable header: refused with a message
    const qint64 fileSize = qint64(size);
    fuzzCheck(reader->size() == fileSize, "the reader's size is not the file's");
    qint64 position = reader->position();
    qint64 rows = 0;
    ImportRecord record;
    while (reader->next(record)) {
        // Every row takes at least one byte, but for a last one that only carries an error.
        fuzzCheck(++rows <= fileSize + 2, "the reader does not come to an end");
        fuzzCheck(record.line >= 1, "a row without a line");
        fuzzCheck(record.offset >= 0 && record.offset <= record.endOffset
                      && record.endOffset <= fileSize,
                  "a row's byte range is outside the file");
        fuzzCheck(reader->position() >= position && reader->position() <= fileSize,
                  "the reader moved backwards or past the end");
        position = reader->position();
        if (!record.readError.isEmpty())
            fuzzCheck(record.readErrorLine == 0 || record.readErrorLine >= record.line,
                      "a read error before its row");
        record = ImportRecord();
    }
    reader->fieldNames();
    checkKeptTextReadsTheSame(kind, path);
}
