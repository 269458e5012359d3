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

void ImportRecordReader::noteFieldNames(const ImportRecord &record)
{
    if (!m_noteFieldNames)
        return;
    const auto note = [this](const QString &name) {
        if (!m_fieldSet.contains(name)) {
            m_fieldSet.insert(name);
            m_fieldNames.append(name);
        }
    };
    for (auto it = record.fields.constBegin(); it != record.fields.constEnd(); ++it)
        note(it.key());
    for (auto it = record.vectors.constBegin(); it != record.vectors.constEnd(); ++it)
        note(it.key());
}
