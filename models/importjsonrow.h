#pragma once

#include "importrecord.h"

#include <QCoreApplication>
#include <QSet>

#include <memory>

/// Parses one JSON object (a JSON line, an array element) into an ImportRecord with simdjson:
/// fields as QJsonValues, vector fields straight to floats, and a clear reason for what is not
/// a readable row (malformed JSON, NaN/Infinity, invalid UTF-8, a value nested too deep, a
/// field given twice, not an object). Keeps its parser's buffers between rows.
class ImportJsonRow final
{
    Q_DECLARE_TR_FUNCTIONS(ImportJsonRow)

public:
    ImportJsonRow();
    ~ImportJsonRow();

    /// Parses data[0, size); `padded`: at least 64 readable bytes follow (no copy is made).
    /// Sets record.fields, vectors, vectorProblems, or readError; leaves the positions alone.
    void parse(const char *data, size_t size, bool padded, const QSet<QString> &vectorFields,
               ImportRecord &record);
    /// Parses a JSON array of numbers (a CSV cell) into out; empty when it is one, else why.
    QString parseVector(const QByteArray &text, QList<float> &out);

private:
    struct Parser;
    std::unique_ptr<Parser> m_parser;
};
