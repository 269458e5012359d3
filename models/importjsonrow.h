#pragma once

#include "importrecord.h"

#include <QCoreApplication>
#include <QSet>

#include <memory>
#include <string_view>

/// Parses one JSON object (a JSON line, an array element) into an ImportRecord with simdjson:
/// fields as QJsonValues, vector fields straight to floats, and a clear reason for what is not
/// a readable row (malformed JSON, NaN/Infinity, invalid UTF-8, a value nested too deep, a
/// field given twice, not an object). A row shaped like a Qdrant point ({"id", "payload",
/// "vector" or "vectors"} and nothing else, payload an object: what the console's export and
/// the demo data write) is read as its payload's fields plus `id` and its vectors (`vector`,
/// `vector.NAME`), so the mapping sees the same names as for the export's CSV columns; each row
/// is recognised on its own. Keeps its parser's buffers between rows.
class ImportJsonRow final
{
    Q_DECLARE_TR_FUNCTIONS(ImportJsonRow)

public:
    ImportJsonRow();
    ~ImportJsonRow();

    /// Parses data[0, size); `padded`: at least 64 readable bytes follow (no copy is made).
    /// Sets record.fields, vectors, vectorProblems, or readError; leaves the positions alone.
    /// keepVectorText (and padded): vectors whose text is worth sending as it is go to
    /// record.vectorTexts instead of record.vectors.
    void parse(const char *data, size_t size, bool padded, const QSet<QString> &vectorFields,
               ImportRecord &record, bool keepVectorText = false);
    /// Parses a JSON array of numbers (a CSV cell) into out; empty when it is one, else why.
    QString parseVector(const QByteArray &text, QList<float> &out);
    /// The text of a checked vector of `count` components worth sending as it is: trimmed,
    /// from '[' to ']', at most MaxVectorTextBytes a component on average; empty otherwise.
    static QByteArray vectorText(std::string_view text, qsizetype count);

    /// The text of a vector worth sending as it is, checked without converting a number
    /// (VectorTextScanner): trimmed, with count set; empty when the scanner does not take it
    /// or it is longer than vectorText() allows (then the full parse decides).
    static std::string_view scannedVectorText(std::string_view text, qsizetype &count);

    /// Shortest float32 texts take at most 15 bytes and a comma; longer ones carry digits a
    /// float does not keep, and cost the server more to parse than printing them again costs.
    static constexpr qsizetype MaxVectorTextBytes = 16;

private:
    /// The fast way for keepVectorText: the vector fields' texts found (FlatRowVectors for a
    /// flat row, else simdjson's On Demand walk) and checked by VectorTextScanner (no number
    /// is converted), and the rest of the row parsed without them. False, with the record to
    /// be read again the full way, for anything it does not accept.
    bool readAroundVectors(const char *data, size_t size, const QSet<QString> &vectorFields,
                           ImportRecord &record);
    void readRow(const char *data, size_t size, bool padded, const QSet<QString> &vectorFields,
                 ImportRecord &record);

    struct Parser;
    std::unique_ptr<Parser> m_parser;
};
