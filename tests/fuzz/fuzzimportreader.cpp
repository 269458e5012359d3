#include "fuzzimportreader.h"

#include "fuzzcheck.h"

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
}
