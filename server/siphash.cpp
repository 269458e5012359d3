#include "siphash.h"

namespace mstore {

namespace {

uint64_t rotl(uint64_t x, int b)
{
    return (x << b) | (x >> (64 - b));
}

struct SipState
{
    uint64_t v0, v1, v2, v3;

    void round()
    {
        v0 += v1;
        v1 = rotl(v1, 13);
        v1 ^= v0;
        v0 = rotl(v0, 32);
        v2 += v3;
        v3 = rotl(v3, 16);
        v3 ^= v2;
        v0 += v3;
        v3 = rotl(v3, 21);
        v3 ^= v0;
        v2 += v1;
        v1 = rotl(v1, 17);
        v1 ^= v2;
        v2 = rotl(v2, 32);
    }

    void compress(uint64_t m)
    {
        v3 ^= m;
        round();
        round();
        v0 ^= m;
    }
};

uint64_t readLittleEndian(const uint8_t *p, size_t n)
{
    uint64_t value = 0;
    for (size_t i = 0; i < n; ++i)
        value |= uint64_t(p[i]) << (8 * i);
    return value;
}

} // namespace

uint64_t sipHash24(uint64_t k0, uint64_t k1, const uint8_t *data, size_t size)
{
    SipState s {k0 ^ 0x736f6d6570736575ULL, k1 ^ 0x646f72616e646f6dULL, k0 ^ 0x6c7967656e657261ULL,
        k1 ^ 0x7465646279746573ULL};
    const size_t whole = size - size % 8;
    for (size_t i = 0; i < whole; i += 8)
        s.compress(readLittleEndian(data + i, 8));
    const uint64_t last = (uint64_t(size) << 56) | readLittleEndian(data + whole, size % 8);
    s.compress(last);
    s.v2 ^= 0xff;
    for (int i = 0; i < 4; ++i)
        s.round();
    return s.v0 ^ s.v1 ^ s.v2 ^ s.v3;
}

} // namespace mstore
