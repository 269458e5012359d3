#include "importrecordreader.h"

#include "csvrecordreader.h"
#include "jsonarrayrecordreader.h"
#include "jsonlrecordreader.h"

std::unique_ptr<ImportRecordReader> ImportRecordReader::create(ImportFormat::Kind kind,
                                                               const QString &path)
{
    switch (kind) {
    case ImportFormat::Kind::Jsonl:
        return std::make_unique<JsonlRecordReader>(path);
    case ImportFormat::Kind::Csv:
        return std::make_unique<CsvRecordReader>(path);
    case ImportFormat::Kind::JsonArray:
        return std::make_unique<JsonArrayRecordReader>(path);
    }
    return nullptr;
}
