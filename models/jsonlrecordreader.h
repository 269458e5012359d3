#pragma once

#include "importbytestream.h"
#include "importjsonrow.h"
#include "importrecordreader.h"

/// JSON lines: one object per line; blank lines are skipped; a line that is not a readable
/// object is a row error and reading goes on with the next line.
class JsonlRecordReader final : public ImportRecordReader
{
public:
    explicit JsonlRecordReader(const QString &path);

    Result<bool> open() override;
    bool next(ImportRecord &record) override;
    qint64 size() const override { return m_stream.size(); }
    qint64 position() const override { return m_stream.offset(); }

private:
    QString m_path;
    ImportByteStream m_stream;
    ImportJsonRow m_json;
    qint64 m_line = 1;
};
