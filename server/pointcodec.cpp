#include "pointcodec.h"

#include <bit>
#include <cstring>

namespace mstore::pointcodec {

namespace {

constexpr uint8_t kVectorsFormat = 1;
constexpr uint8_t kIntegerKey = 0;
constexpr uint8_t kUuidKey = 1;

void putU32(std::string &out, uint32_t v)
{
    const char bytes[4] = {char(v & 0xff), char((v >> 8) & 0xff), char((v >> 16) & 0xff),
                           char(v >> 24)};
    out.append(bytes, 4);
}

class Reader
{
public:
    Reader(const uint8_t *data, size_t size) : m_p(data), m_end(data + size) {}

    bool u8(uint8_t &v)
    {
        if (m_end - m_p < 1)
            return false;
        v = *m_p++;
        return true;
    }
    bool u32(uint32_t &v)
    {
        if (m_end - m_p < 4)
            return false;
        v = uint32_t(m_p[0]) | uint32_t(m_p[1]) << 8 | uint32_t(m_p[2]) << 16
            | uint32_t(m_p[3]) << 24;
        m_p += 4;
        return true;
    }
    bool bytes(size_t n, const uint8_t *&out)
    {
        if (size_t(m_end - m_p) < n)
            return false;
        out = m_p;
        m_p += n;
        return true;
    }
    bool atEnd() const { return m_p == m_end; }

private:
    const uint8_t *m_p;
    const uint8_t *m_end;
};

} // namespace

size_t encodeKey(const PointId &id, Key &key)
{
    if (id.isUuid()) {
        key[0] = kUuidKey;
        std::memcpy(key.data() + 1, id.uuidBytes().data(), 16);
        return 17;
    }
    key[0] = kIntegerKey;
    const uint64_t n = id.number();
    for (int i = 0; i < 8; ++i)
        key[1 + i] = static_cast<uint8_t>(n >> (56 - 8 * i));
    return 9;
}

std::optional<PointId> decodeKey(const uint8_t *data, int size)
{
    if (size == 9 && data[0] == kIntegerKey) {
        uint64_t n = 0;
        for (int i = 1; i < 9; ++i)
            n = (n << 8) | data[i];
        return PointId(n);
    }
    if (size == 17 && data[0] == kUuidKey) {
        // PointId has no constructor from bytes; UUID ids are rare enough on the load path
        // for the detour through text not to matter.
        static constexpr char digits[] = "0123456789abcdef";
        char hex[32];
        for (int i = 0; i < 16; ++i) {
            hex[2 * i] = digits[data[1 + i] >> 4];
            hex[2 * i + 1] = digits[data[1 + i] & 15];
        }
        return PointId::fromUuid(std::string_view(hex, sizeof hex));
    }
    return std::nullopt;
}

void encodeVectors(const std::map<std::string, std::vector<float>> &vectors, std::string &out)
{
    out.clear();
    out.push_back(char(kVectorsFormat));
    putU32(out, uint32_t(vectors.size()));
    for (const auto &[name, values] : vectors) {
        putU32(out, uint32_t(name.size()));
        out += name;
        putU32(out, uint32_t(values.size()));
        if constexpr (std::endian::native == std::endian::little) {
            out.append(reinterpret_cast<const char *>(values.data()), values.size() * 4);
        } else {
            for (float f : values)
                putU32(out, std::bit_cast<uint32_t>(f));
        }
    }
}

bool decodeVectors(const uint8_t *data, size_t size,
                   std::map<std::string, std::vector<float>> &vectors)
{
    Reader r(data, size);
    uint8_t format = 0;
    uint32_t count = 0;
    if (!r.u8(format) || format != kVectorsFormat || !r.u32(count))
        return false;
    for (uint32_t i = 0; i < count; ++i) {
        uint32_t nameSize = 0;
        uint32_t dim = 0;
        const uint8_t *name = nullptr;
        const uint8_t *values = nullptr;
        // The size checks come before any allocation, so a garbage count cannot make us
        // allocate gigabytes.
        if (!r.u32(nameSize) || !r.bytes(nameSize, name) || !r.u32(dim)
            || !r.bytes(size_t(dim) * 4, values))
            return false;
        std::vector<float> &v =
            vectors[std::string(reinterpret_cast<const char *>(name), nameSize)];
        v.resize(dim);
        if constexpr (std::endian::native == std::endian::little) {
            if (dim > 0) // memcpy with the null data() of an empty vector is undefined
                std::memcpy(v.data(), values, size_t(dim) * 4);
        } else {
            for (uint32_t j = 0; j < dim; ++j) {
                const uint8_t *b = values + 4 * j;
                v[j] = std::bit_cast<float>(uint32_t(b[0]) | uint32_t(b[1]) << 8
                                            | uint32_t(b[2]) << 16 | uint32_t(b[3]) << 24);
            }
        }
    }
    return r.atEnd() && vectors.size() == count;
}

} // namespace mstore::pointcodec
