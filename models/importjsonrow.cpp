#include "importjsonrow.h"

#include "flatrowvectors.h"
#include "importrecordreader.h"
#include "vectortextscanner.h"

#include <QJsonArray>

#include <simdjson.h>

#include <cmath>
#include <limits>
#include <vector>

struct ImportJsonRow::Parser
{
    simdjson::dom::parser parser;
    /// Finds the vectors' text in a row (keepVectorText).
    simdjson::ondemand::parser locator;
    /// The row with its vectors cut out (readAroundVectors), kept for its capacity.
    std::vector<char> rowWithoutVectors;
};

namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

QString typeName(element_type type)
{
    switch (type) {
    case element_type::ARRAY:
        return ImportJsonRow::tr("an array");
    case element_type::OBJECT:
        return ImportJsonRow::tr("an object");
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE:
        return ImportJsonRow::tr("a number");
    case element_type::STRING:
        return ImportJsonRow::tr("a string");
    case element_type::BOOL:
        return ImportJsonRow::tr("true or false");
    case element_type::NULL_VALUE:
        return ImportJsonRow::tr("null");
    }
    return {};
}

QString stringOf(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

/// A simdjson value as a QJsonValue; false (with why) past MaxNestingDepth.
bool toJson(element value, int depth, QJsonValue &out, QString &why)
{
    if (depth > ImportRecordReader::MaxNestingDepth) {
        why = ImportJsonRow::tr("a value is nested deeper than %1 levels")
                  .arg(ImportRecordReader::MaxNestingDepth);
        return false;
    }
    switch (value.type()) {
    case element_type::OBJECT: {
        QJsonObject object;
        simdjson::dom::object members;
        if (value.get_object().get(members) != simdjson::SUCCESS)
            return false;
        for (auto field : members) {
            QJsonValue member;
            if (!toJson(field.value, depth + 1, member, why))
                return false;
            object.insert(stringOf(field.key), member);
        }
        out = object;
        return true;
    }
    case element_type::ARRAY: {
        QJsonArray array;
        simdjson::dom::array items;
        if (value.get_array().get(items) != simdjson::SUCCESS)
            return false;
        for (element item : items) {
            QJsonValue member;
            if (!toJson(item, depth + 1, member, why))
                return false;
            array.append(member);
        }
        out = array;
        return true;
    }
    case element_type::INT64:
        out = QJsonValue(qint64(int64_t(value)));
        return true;
    case element_type::UINT64:
        out = QJsonValue(double(uint64_t(value)));
        return true;
    case element_type::DOUBLE:
        out = QJsonValue(double(value));
        return true;
    case element_type::STRING:
        out = QJsonValue(stringOf(std::string_view(value)));
        return true;
    case element_type::BOOL:
        out = QJsonValue(bool(value));
        return true;
    case element_type::NULL_VALUE:
        out = QJsonValue(QJsonValue::Null);
        return true;
    }
    return false;
}

/// A numeric array as floats; an empty string when it is one, else why not.
QString toFloats(element value, QList<float> &out)
{
    if (value.type() != element_type::ARRAY)
        return ImportJsonRow::tr("is %1, not an array of numbers").arg(typeName(value.type()));
    simdjson::dom::array array;
    if (value.get_array().get(array) != simdjson::SUCCESS)
        return ImportJsonRow::tr("is not an array of numbers");
    out.resize(qsizetype(array.size()));
    qsizetype i = 0;
    for (element item : array) {
        double number = 0;
        switch (item.type()) {
        case element_type::DOUBLE:
            number = double(item);
            break;
        case element_type::INT64:
            number = double(int64_t(item));
            break;
        case element_type::UINT64:
            number = double(uint64_t(item));
            break;
        default:
            out.clear();
            return ImportJsonRow::tr("component %1 is %2, not a number")
                .arg(i + 1)
                .arg(typeName(item.type()));
        }
        if (std::fabs(number) > double(std::numeric_limits<float>::max())) {
            out.clear();
            return ImportJsonRow::tr("component %1 (%2) is beyond the range of a float")
                .arg(i + 1)
                .arg(number);
        }
        out[i++] = float(number);
    }
    return {};
}

QString parseErrorText(simdjson::error_code code, const char *data, size_t size)
{
    const std::string_view text(data, size);
    using simdjson::error_code;
    if (code != error_code::UTF8_ERROR) {
        for (const char *word : {"NaN", "Infinity", "nan", "inf"}) {
            if (text.find(word) != std::string_view::npos)
                return ImportJsonRow::tr("not valid JSON: NaN and Infinity are not JSON numbers");
        }
    }
    switch (code) {
    case error_code::UTF8_ERROR:
        return ImportJsonRow::tr("the row is not valid UTF-8");
    case error_code::DEPTH_ERROR:
        return ImportJsonRow::tr("a value is nested too deep");
    case error_code::NUMBER_ERROR:
        return ImportJsonRow::tr("a number is malformed or out of range");
    case error_code::UNCLOSED_STRING:
        return ImportJsonRow::tr("a string is not closed");
    default:
        break;
    }
    return ImportJsonRow::tr("not valid JSON (%1)").arg(QString::fromUtf8(simdjson::error_message(code)));
}

/// A row's top-level keys, counted to tell a Qdrant point: keys only among id / payload /
/// vector / vectors, each once, payload an object. The DOM reading and the walk that finds
/// the vectors' text decide it the same way.
class PointShape
{
public:
    void note(std::string_view key, bool isObject)
    {
        if (key == "payload")
            m_seen[0] += isObject ? 1 : 2;
        else if (key == "id")
            ++m_seen[1];
        else if (key == "vector")
            ++m_seen[2];
        else if (key == "vectors")
            ++m_seen[3];
        else
            m_otherKey = true;
    }
    bool isPoint() const
    {
        return !m_otherKey && m_seen[0] == 1 && m_seen[1] <= 1 && m_seen[2] <= 1
            && m_seen[3] <= 1;
    }

private:
    int m_seen[4] = {0, 0, 0, 0}; // payload (2 when not an object), id, vector, vectors
    bool m_otherKey = false;
};

/// Whether the row is a Qdrant point, with its payload. A key given twice is left to the plain
/// reading, which names it.
bool isPointShaped(simdjson::dom::object members, simdjson::dom::object &payload)
{
    PointShape shape;
    for (auto field : members) {
        const std::string_view key = field.key;
        const bool isObject = field.value.type() == element_type::OBJECT;
        if (key == "payload" && isObject
            && field.value.get_object().get(payload) != simdjson::SUCCESS)
            return false;
        shape.note(key, isObject);
    }
    return shape.isPoint();
}

/// One field into record: a vector field as floats, any other as a QJsonValue.
bool addField(const QString &key, element value, const QSet<QString> &vectorFields,
              ImportRecord &record)
{
    if (record.fields.contains(key) || record.vectors.contains(key)
        || record.vectorProblems.contains(key)) {
        record.readError = ImportJsonRow::tr("the field %1 appears twice").arg(key);
        return false;
    }
    if (vectorFields.contains(key) && value.type() != element_type::NULL_VALUE) {
        QList<float> vector;
        const QString problem = toFloats(value, vector);
        if (problem.isEmpty())
            record.vectors.emplace(key, std::move(vector));
        else
            record.vectorProblems.insert(key, problem);
        return true;
    }
    QJsonValue json;
    QString why;
    if (!toJson(value, 1, json, why)) {
        record.readError = why;
        return false;
    }
    record.fields.insert(key, json);
    return true;
}

/// A point's id or vector as a field; a payload key of the same name is a read error.
bool addPointPart(const QString &name, element value, const QSet<QString> &vectorFields,
                  ImportRecord &record)
{
    if (record.fields.contains(name) || record.vectors.contains(name)
        || record.vectorProblems.contains(name)) {
        record.readError = ImportJsonRow::tr("the payload key %1 has the same name as the "
                                             "point's %1; rename one of them in the file")
                               .arg(name);
        return false;
    }
    return addField(name, value, vectorFields, record);
}

/// An array in a row and the name parse() gives it as a field; pointOnly: inside a point's
/// payload or named vectors, so a field only when the row is point-shaped.
struct ArraySpan
{
    QString name;
    std::string_view text;
    bool pointOnly = false;
};

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && VectorTextScanner::isBlank(text.back()))
        text.remove_suffix(1);
    while (!text.empty() && VectorTextScanner::isBlank(text.front()))
        text.remove_prefix(1);
    return text;
}

/// The arrays a row's vector fields can be, in the row's order, found by walking it with
/// simdjson's On Demand API: the walk skips values without parsing them, so finding the text
/// of 1536 numbers costs a structural scan, not a parse. pointShaped as isPointShaped decides
/// it. False when the walk fails (the row is then left to the DOM parse and its messages).
bool findArrays(simdjson::ondemand::parser &parser, const char *data, size_t size,
                QList<ArraySpan> &spans, bool &pointShaped)
{
    using simdjson::SUCCESS;
    using simdjson::ondemand::json_type;
    simdjson::ondemand::document document;
    simdjson::ondemand::object members;
    if (parser.iterate(data, size, size + simdjson::SIMDJSON_PADDING).get(document) != SUCCESS
        || document.get_object().get(members) != SUCCESS)
        return false;
    const auto arrayText = [](simdjson::ondemand::value value, std::string_view &text) {
        simdjson::ondemand::array array;
        return value.get_array().get(array) == SUCCESS && array.raw_json().get(text) == SUCCESS;
    };
    PointShape shape;
    for (auto field : members) {
        std::string_view key;
        simdjson::ondemand::value value;
        json_type type;
        if (field.unescaped_key().get(key) != SUCCESS || field.value().get(value) != SUCCESS
            || value.type().get(type) != SUCCESS)
            return false;
        const bool payload = key == "payload";
        shape.note(key, type == json_type::object);
        std::string_view text;
        if (type == json_type::array) {
            if (!arrayText(value, text))
                return false;
            spans.append({stringOf(key), text, false});
            continue;
        }
        if (type != json_type::object || (!payload && key != "vector" && key != "vectors"))
            continue;
        simdjson::ondemand::object inner;
        if (value.get_object().get(inner) != SUCCESS)
            return false;
        // As readRow() names them: payload keys as they are, named vectors as key.NAME.
        const QString prefix = payload ? QString() : stringOf(key);
        for (auto member : inner) {
            std::string_view name;
            simdjson::ondemand::value memberValue;
            if (member.unescaped_key().get(name) != SUCCESS
                || member.value().get(memberValue) != SUCCESS
                || memberValue.type().get(type) != SUCCESS)
                return false;
            if (type != json_type::array)
                continue;
            if (!arrayText(memberValue, text))
                return false;
            spans.append({prefix.isEmpty() ? stringOf(name)
                          : name.empty()   ? prefix
                                           : prefix + QLatin1Char('.') + stringOf(name),
                          text, true});
        }
    }
    pointShaped = shape.isPoint();
    return true;
}

/// Each vector read as floats whose text is worth sending as it is moves to vectorTexts.
void keepTexts(simdjson::ondemand::parser &parser, const char *data, size_t size,
               ImportRecord &record)
{
    QList<ArraySpan> spans;
    bool pointShaped = false;
    if (!findArrays(parser, data, size, spans, pointShaped))
        return;
    for (const ArraySpan &span : std::as_const(spans)) {
        if (span.pointOnly && !record.pointShaped)
            continue;
        const auto vector = record.vectors.find(span.name);
        if (vector == record.vectors.end())
            continue;
        const qsizetype count = vector.value().size();
        QByteArray kept = ImportJsonRow::vectorText(span.text, count);
        if (kept.isEmpty())
            continue;
        record.vectors.erase(vector);
        record.vectorTexts.insert(span.name, {std::move(kept), count});
    }
}

/// The vector fields' arrays by the On Demand walk, the text of each checked by the scanner;
/// false when the row is left to the full parse.
bool findCuts(simdjson::ondemand::parser &parser, const char *data, size_t size,
              const QSet<QString> &vectorFields, QList<FlatRowVectors::Span> &cuts,
              bool &pointShaped)
{
    cuts.clear();
    QList<ArraySpan> spans;
    if (!findArrays(parser, data, size, spans, pointShaped))
        return false;
    const char *from = data;
    for (const ArraySpan &span : std::as_const(spans)) {
        if ((span.pointOnly && !pointShaped) || !vectorFields.contains(span.name))
            continue;
        qsizetype count = 0;
        const std::string_view text = ImportJsonRow::scannedVectorText(span.text, count);
        if (text.empty() || text.data() < from)
            return false;
        cuts.append({span.name, text, count});
        from = text.data() + text.size();
    }
    return true;
}

} // namespace

QByteArray ImportJsonRow::vectorText(std::string_view text, qsizetype count)
{
    text = trimmed(text);
    if (text.size() < 2 || text.front() != '[' || text.back() != ']'
        || qsizetype(text.size()) > 2 + MaxVectorTextBytes * count)
        return {};
    return QByteArray(text.data(), qsizetype(text.size()));
}

std::string_view ImportJsonRow::scannedVectorText(std::string_view text, qsizetype &count)
{
    text = trimmed(text);
    count = VectorTextScanner::count(text);
    if (count < 0 || qsizetype(text.size()) > 2 + MaxVectorTextBytes * count)
        return {};
    return text;
}

ImportJsonRow::ImportJsonRow()
    : m_parser(std::make_unique<Parser>())
{ }

ImportJsonRow::~ImportJsonRow() = default;

void ImportJsonRow::parse(const char *data, size_t size, bool padded,
                          const QSet<QString> &vectorFields, ImportRecord &record,
                          bool keepVectorText)
{
    record.fields = {};
    record.vectorTexts.clear();
    if (keepVectorText && padded && !vectorFields.isEmpty()) {
        if (readAroundVectors(data, size, vectorFields, record))
            return;
        record.fields = {};
        record.vectorTexts.clear();
    }
    readRow(data, size, padded, vectorFields, record);
    if (keepVectorText && padded && record.readError.isEmpty() && !record.vectors.isEmpty())
        keepTexts(m_parser->locator, data, size, record);
}

bool ImportJsonRow::readAroundVectors(const char *data, size_t size,
                                      const QSet<QString> &vectorFields, ImportRecord &record)
{
    // A flat row's vectors in one pass; a point's (or anything unusual) by the On Demand walk.
    QList<FlatRowVectors::Span> cuts;
    bool pointShaped = false;
    if (!FlatRowVectors::find(data, size, vectorFields, cuts)
        && !findCuts(m_parser->locator, data, size, vectorFields, cuts, pointShaped))
        return false;
    for (qsizetype i = 0; i < cuts.size(); ++i) {
        const FlatRowVectors::Span &cut = cuts.at(i);
        if (qsizetype(cut.text.size()) > 2 + MaxVectorTextBytes * cut.count)
            return false; // worth printing again: the full parse reads it
        for (qsizetype j = 0; j < i; ++j) {
            if (cuts.at(j).name == cut.name)
                return false; // a field twice: readRow() names it
        }
    }
    if (cuts.isEmpty())
        return false;

    // The rest of the row, each vector's array replaced by [], through the DOM parse.
    std::vector<char> &row = m_parser->rowWithoutVectors;
    row.clear();
    const char *from = data;
    for (const FlatRowVectors::Span &cut : std::as_const(cuts)) {
        row.insert(row.end(), from, cut.text.data());
        row.push_back('[');
        row.push_back(']');
        from = cut.text.data() + cut.text.size();
    }
    row.insert(row.end(), from, data + size);
    const size_t rowSize = row.size();
    row.resize(rowSize + simdjson::SIMDJSON_PADDING);
    readRow(row.data(), rowSize, true, vectorFields, record);
    if (!record.readError.isEmpty() || record.pointShaped != pointShaped)
        return false;
    for (const FlatRowVectors::Span &cut : std::as_const(cuts)) {
        const auto placeholder = record.vectors.find(cut.name);
        if (placeholder == record.vectors.end() || !placeholder.value().isEmpty())
            return false;
        record.vectors.erase(placeholder);
        record.vectorTexts.insert(
            cut.name, {QByteArray(cut.text.data(), qsizetype(cut.text.size())), cut.count});
    }
    return true;
}

void ImportJsonRow::readRow(const char *data, size_t size, bool padded,
                            const QSet<QString> &vectorFields, ImportRecord &record)
{
    record.vectors.clear();
    record.vectorProblems.clear();
    record.readError.clear();
    record.readErrorLine = record.line;
    record.pointShaped = false;
    element root;
    const simdjson::error_code code = m_parser->parser.parse(data, size, !padded).get(root);
    if (code != simdjson::SUCCESS) {
        record.readError = parseErrorText(code, data, size);
        return;
    }
    if (root.type() != element_type::OBJECT) {
        record.readError = tr("the row is %1, not an object").arg(typeName(root.type()));
        return;
    }
    simdjson::dom::object members;
    if (root.get_object().get(members) != simdjson::SUCCESS)
        return;
    simdjson::dom::object payload;
    if (isPointShaped(members, payload)) {
        record.pointShaped = true;
        for (auto field : payload) {
            if (!addField(stringOf(field.key), field.value, vectorFields, record))
                return;
        }
        // The point's own parts come after the payload, so a payload key of the same name
        // is what the clash message names.
        for (auto field : members) {
            const QString key = stringOf(field.key);
            if (key == QLatin1String("payload") || field.value.type() == element_type::NULL_VALUE)
                continue;
            if (key == QLatin1String("id") || field.value.type() != element_type::OBJECT) {
                if (!addPointPart(key, field.value, vectorFields, record))
                    return;
                continue;
            }
            simdjson::dom::object named;
            if (field.value.get_object().get(named) != simdjson::SUCCESS)
                return;
            for (auto vector : named) {
                // {"": [...]} is how some clients write the unnamed vector.
                const QString name = vector.key.empty()
                                         ? key
                                         : key + QLatin1Char('.') + stringOf(vector.key);
                if (!addPointPart(name, vector.value, vectorFields, record))
                    return;
            }
        }
        return;
    }
    for (auto field : members) {
        if (!addField(stringOf(field.key), field.value, vectorFields, record))
            return;
    }
}

QString ImportJsonRow::parseVector(const QByteArray &text, QList<float> &out)
{
    element root;
    const simdjson::error_code code
        = m_parser->parser.parse(text.constData(), size_t(text.size()), true).get(root);
    if (code != simdjson::SUCCESS)
        return parseErrorText(code, text.constData(), size_t(text.size()));
    return toFloats(root, out);
}
