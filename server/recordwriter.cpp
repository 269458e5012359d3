#include "recordwriter.h"

#include "jsonwriter.h"

namespace mstore {

RecordWriter::RecordWriter(const Collection &collection, PayloadSelector payload,
                           VectorSelector vectors)
    : m_collection(collection), m_payload(std::move(payload)), m_vectors(std::move(vectors))
{}

void RecordWriter::writeVectors(std::string &out, uint32_t row) const
{
    JsonWriter w(out);
    if (!m_vectors.wanted()) {
        w.null();
        return;
    }
    if (!m_collection.configUnlocked().namedVectors()) {
        const VectorIndex *index = m_collection.vectorIndex("");
        const float *v = index ? index->vector(row) : nullptr;
        if (v && m_vectors.includes(""))
            w.floats(v, index->dimension());
        else
            w.raw("{}");
        return;
    }
    out.push_back('{');
    bool first = true;
    for (const auto &[name, index] : m_collection.vectorIndexes()) {
        const float *v = index->vector(row);
        if (!v || !m_vectors.includes(name))
            continue;
        if (!first)
            out.push_back(',');
        first = false;
        w.key(name).floats(v, index->dimension());
    }
    out.push_back('}');
}

void RecordWriter::writeBody(std::string &out, uint32_t row) const
{
    const Collection::Row &r = m_collection.rows()[row];
    out += ",\"payload\":";
    if (m_payload.wanted())
        m_payload.write(r.payload, out);
    else
        out += "null";
    out += ",\"vector\":";
    writeVectors(out, row);
}

void RecordWriter::writeRecord(std::string &out, uint32_t row) const
{
    out += "{\"id\":";
    m_collection.rows()[row].id.appendJson(out);
    writeBody(out, row);
    out.push_back('}');
}

void RecordWriter::writeScored(std::string &out, uint32_t row, float score) const
{
    const Collection::Row &r = m_collection.rows()[row];
    JsonWriter w(out);
    out += "{\"id\":";
    r.id.appendJson(out);
    w.raw(",\"version\":").number(r.version).raw(",\"score\":").floatValue(score);
    writeBody(out, row);
    out.push_back('}');
}

void RecordWriter::writeScrolled(std::string &out, uint32_t row, const Json *orderValue) const
{
    JsonWriter w(out);
    out += "{\"id\":";
    m_collection.rows()[row].id.appendJson(out);
    out += ",\"version\":0,\"score\":1.0";
    writeBody(out, row);
    if (orderValue && !orderValue->is_null())
        w.raw(",\"order_value\":").json(*orderValue);
    out.push_back('}');
}

void RecordWriter::writeOrdered(std::string &out, uint32_t row, double orderValue,
                                bool integral) const
{
    JsonWriter w(out);
    out += "{\"id\":";
    m_collection.rows()[row].id.appendJson(out);
    writeBody(out, row);
    out += ",\"order_value\":";
    if (integral)
        w.number(static_cast<int64_t>(orderValue));
    else
        w.number(orderValue);
    out.push_back('}');
}

} // namespace mstore
