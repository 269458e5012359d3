#include "distance.h"
#include "exactvectorindex.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdlib>

#if defined(__x86_64__) || defined(__i386__)
#define MSTORE_X86 1
#include <immintrin.h>
#endif

namespace mstore {

namespace {

// Three raw kernels per instruction set: the dot product, the squared L2 distance and the L1
// distance. Each keeps several independent accumulators so that the FMA latency does not bound
// the loop; with 1536 dimensions the data then streams at memory speed.

using RawKernel = float (*)(const float *a, const float *b, size_t dim);

// Portable fallback (the only path on non-x86). Four accumulators for the same reason; the
// compiler may turn them into one baseline SSE2/NEON register.
float dotScalar(const float *a, const float *b, size_t dim)
{
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    size_t i = 0;
    for (; i + 4 <= dim; i += 4) {
        s0 += a[i] * b[i];
        s1 += a[i + 1] * b[i + 1];
        s2 += a[i + 2] * b[i + 2];
        s3 += a[i + 3] * b[i + 3];
    }
    for (; i < dim; ++i)
        s0 += a[i] * b[i];
    return (s0 + s1) + (s2 + s3);
}

float l2Scalar(const float *a, const float *b, size_t dim)
{
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    size_t i = 0;
    for (; i + 4 <= dim; i += 4) {
        const float d0 = a[i] - b[i], d1 = a[i + 1] - b[i + 1];
        const float d2 = a[i + 2] - b[i + 2], d3 = a[i + 3] - b[i + 3];
        s0 += d0 * d0;
        s1 += d1 * d1;
        s2 += d2 * d2;
        s3 += d3 * d3;
    }
    for (; i < dim; ++i) {
        const float d = a[i] - b[i];
        s0 += d * d;
    }
    return (s0 + s1) + (s2 + s3);
}

float l1Scalar(const float *a, const float *b, size_t dim)
{
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    size_t i = 0;
    for (; i + 4 <= dim; i += 4) {
        s0 += std::fabs(a[i] - b[i]);
        s1 += std::fabs(a[i + 1] - b[i + 1]);
        s2 += std::fabs(a[i + 2] - b[i + 2]);
        s3 += std::fabs(a[i + 3] - b[i + 3]);
    }
    for (; i < dim; ++i)
        s0 += std::fabs(a[i] - b[i]);
    return (s0 + s1) + (s2 + s3);
}

#ifdef MSTORE_X86

// AVX2 + FMA: 4 x 8 floats per iteration, then 8 at a time, then a masked load for the last
// 1..7 so that odd dimensions need no scalar tail.

__attribute__((target("avx2,fma"))) inline float horizontalSum(__m256 v)
{
    __m128 lo = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    __m128 shuf = _mm_movehdup_ps(lo);
    __m128 sums = _mm_add_ps(lo, shuf);
    shuf = _mm_movehl_ps(shuf, sums);
    return _mm_cvtss_f32(_mm_add_ss(sums, shuf));
}

// maskload takes lanes whose top bit is set: loading at kMaskTable + 8 - r gives r set lanes.
alignas(64) constexpr int32_t kMaskTable[16]
    = {-1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0};

__attribute__((target("avx2,fma"))) inline __m256i tailMask(size_t remaining)
{
    return _mm256_loadu_si256(reinterpret_cast<const __m256i *>(kMaskTable + 8 - remaining));
}

__attribute__((target("avx2,fma"))) float dotAvx2(const float *a, const float *b, size_t dim)
{
    __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps();
    __m256 s2 = _mm256_setzero_ps(), s3 = _mm256_setzero_ps();
    size_t i = 0;
    for (; i + 32 <= dim; i += 32) {
        s0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), s0);
        s1 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 8), _mm256_loadu_ps(b + i + 8), s1);
        s2 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 16), _mm256_loadu_ps(b + i + 16), s2);
        s3 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 24), _mm256_loadu_ps(b + i + 24), s3);
    }
    for (; i + 8 <= dim; i += 8)
        s0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), s0);
    if (i < dim) {
        const __m256i m = tailMask(dim - i);
        s1 = _mm256_fmadd_ps(_mm256_maskload_ps(a + i, m), _mm256_maskload_ps(b + i, m), s1);
    }
    return horizontalSum(_mm256_add_ps(_mm256_add_ps(s0, s1), _mm256_add_ps(s2, s3)));
}

__attribute__((target("avx2,fma"))) float l2Avx2(const float *a, const float *b, size_t dim)
{
    __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps();
    __m256 s2 = _mm256_setzero_ps(), s3 = _mm256_setzero_ps();
    size_t i = 0;
    for (; i + 32 <= dim; i += 32) {
        const __m256 d0 = _mm256_sub_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i));
        const __m256 d1 = _mm256_sub_ps(_mm256_loadu_ps(a + i + 8), _mm256_loadu_ps(b + i + 8));
        const __m256 d2 = _mm256_sub_ps(_mm256_loadu_ps(a + i + 16), _mm256_loadu_ps(b + i + 16));
        const __m256 d3 = _mm256_sub_ps(_mm256_loadu_ps(a + i + 24), _mm256_loadu_ps(b + i + 24));
        s0 = _mm256_fmadd_ps(d0, d0, s0);
        s1 = _mm256_fmadd_ps(d1, d1, s1);
        s2 = _mm256_fmadd_ps(d2, d2, s2);
        s3 = _mm256_fmadd_ps(d3, d3, s3);
    }
    for (; i + 8 <= dim; i += 8) {
        const __m256 d = _mm256_sub_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i));
        s0 = _mm256_fmadd_ps(d, d, s0);
    }
    if (i < dim) {
        const __m256i m = tailMask(dim - i);
        const __m256 d = _mm256_sub_ps(_mm256_maskload_ps(a + i, m), _mm256_maskload_ps(b + i, m));
        s1 = _mm256_fmadd_ps(d, d, s1);
    }
    return horizontalSum(_mm256_add_ps(_mm256_add_ps(s0, s1), _mm256_add_ps(s2, s3)));
}

__attribute__((target("avx2,fma"))) float l1Avx2(const float *a, const float *b, size_t dim)
{
    // |x| clears the sign bit.
    const __m256 sign = _mm256_set1_ps(-0.0f);
    __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps();
    __m256 s2 = _mm256_setzero_ps(), s3 = _mm256_setzero_ps();
    size_t i = 0;
    for (; i + 32 <= dim; i += 32) {
        const __m256 d0 = _mm256_sub_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i));
        const __m256 d1 = _mm256_sub_ps(_mm256_loadu_ps(a + i + 8), _mm256_loadu_ps(b + i + 8));
        const __m256 d2 = _mm256_sub_ps(_mm256_loadu_ps(a + i + 16), _mm256_loadu_ps(b + i + 16));
        const __m256 d3 = _mm256_sub_ps(_mm256_loadu_ps(a + i + 24), _mm256_loadu_ps(b + i + 24));
        s0 = _mm256_add_ps(s0, _mm256_andnot_ps(sign, d0));
        s1 = _mm256_add_ps(s1, _mm256_andnot_ps(sign, d1));
        s2 = _mm256_add_ps(s2, _mm256_andnot_ps(sign, d2));
        s3 = _mm256_add_ps(s3, _mm256_andnot_ps(sign, d3));
    }
    for (; i + 8 <= dim; i += 8) {
        const __m256 d = _mm256_sub_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i));
        s0 = _mm256_add_ps(s0, _mm256_andnot_ps(sign, d));
    }
    if (i < dim) {
        const __m256i m = tailMask(dim - i);
        const __m256 d = _mm256_sub_ps(_mm256_maskload_ps(a + i, m), _mm256_maskload_ps(b + i, m));
        s1 = _mm256_add_ps(s1, _mm256_andnot_ps(sign, d));
    }
    return horizontalSum(_mm256_add_ps(_mm256_add_ps(s0, s1), _mm256_add_ps(s2, s3)));
}

// AVX-512F: 4 x 16 floats per iteration; the tail is one masked load (masked-off lanes are
// not read, so it never faults past the end of the row).

// Not _mm512_reduce_add_ps: GCC 12 expands it through _mm256_undefined_pd and warns
// (-Wuninitialized) at every use. Extracting with an explicit zero source avoids that.
__attribute__((target("avx512f"))) inline float horizontalSum(__m512 v)
{
    const __m128 zero = _mm_setzero_ps();
    const __m128 q0 = _mm512_mask_extractf32x4_ps(zero, 0xF, v, 0);
    const __m128 q1 = _mm512_mask_extractf32x4_ps(zero, 0xF, v, 1);
    const __m128 q2 = _mm512_mask_extractf32x4_ps(zero, 0xF, v, 2);
    const __m128 q3 = _mm512_mask_extractf32x4_ps(zero, 0xF, v, 3);
    const __m128 sum = _mm_add_ps(_mm_add_ps(q0, q1), _mm_add_ps(q2, q3));
    __m128 shuf = _mm_movehdup_ps(sum);
    __m128 sums = _mm_add_ps(sum, shuf);
    shuf = _mm_movehl_ps(shuf, sums);
    return _mm_cvtss_f32(_mm_add_ss(sums, shuf));
}

__attribute__((target("avx512f"))) inline __mmask16 tailMask16(size_t remaining)
{
    return static_cast<__mmask16>((1u << remaining) - 1);
}

__attribute__((target("avx512f"))) float dotAvx512(const float *a, const float *b, size_t dim)
{
    __m512 s0 = _mm512_setzero_ps(), s1 = _mm512_setzero_ps();
    __m512 s2 = _mm512_setzero_ps(), s3 = _mm512_setzero_ps();
    size_t i = 0;
    for (; i + 64 <= dim; i += 64) {
        s0 = _mm512_fmadd_ps(_mm512_loadu_ps(a + i), _mm512_loadu_ps(b + i), s0);
        s1 = _mm512_fmadd_ps(_mm512_loadu_ps(a + i + 16), _mm512_loadu_ps(b + i + 16), s1);
        s2 = _mm512_fmadd_ps(_mm512_loadu_ps(a + i + 32), _mm512_loadu_ps(b + i + 32), s2);
        s3 = _mm512_fmadd_ps(_mm512_loadu_ps(a + i + 48), _mm512_loadu_ps(b + i + 48), s3);
    }
    for (; i + 16 <= dim; i += 16)
        s0 = _mm512_fmadd_ps(_mm512_loadu_ps(a + i), _mm512_loadu_ps(b + i), s0);
    if (i < dim) {
        const __mmask16 m = tailMask16(dim - i);
        s1 = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(m, a + i), _mm512_maskz_loadu_ps(m, b + i), s1);
    }
    return horizontalSum(_mm512_add_ps(_mm512_add_ps(s0, s1), _mm512_add_ps(s2, s3)));
}

__attribute__((target("avx512f"))) float l2Avx512(const float *a, const float *b, size_t dim)
{
    __m512 s0 = _mm512_setzero_ps(), s1 = _mm512_setzero_ps();
    __m512 s2 = _mm512_setzero_ps(), s3 = _mm512_setzero_ps();
    size_t i = 0;
    for (; i + 64 <= dim; i += 64) {
        const __m512 d0 = _mm512_sub_ps(_mm512_loadu_ps(a + i), _mm512_loadu_ps(b + i));
        const __m512 d1 = _mm512_sub_ps(_mm512_loadu_ps(a + i + 16), _mm512_loadu_ps(b + i + 16));
        const __m512 d2 = _mm512_sub_ps(_mm512_loadu_ps(a + i + 32), _mm512_loadu_ps(b + i + 32));
        const __m512 d3 = _mm512_sub_ps(_mm512_loadu_ps(a + i + 48), _mm512_loadu_ps(b + i + 48));
        s0 = _mm512_fmadd_ps(d0, d0, s0);
        s1 = _mm512_fmadd_ps(d1, d1, s1);
        s2 = _mm512_fmadd_ps(d2, d2, s2);
        s3 = _mm512_fmadd_ps(d3, d3, s3);
    }
    for (; i + 16 <= dim; i += 16) {
        const __m512 d = _mm512_sub_ps(_mm512_loadu_ps(a + i), _mm512_loadu_ps(b + i));
        s0 = _mm512_fmadd_ps(d, d, s0);
    }
    if (i < dim) {
        const __mmask16 m = tailMask16(dim - i);
        const __m512 d
            = _mm512_sub_ps(_mm512_maskz_loadu_ps(m, a + i), _mm512_maskz_loadu_ps(m, b + i));
        s1 = _mm512_fmadd_ps(d, d, s1);
    }
    return horizontalSum(_mm512_add_ps(_mm512_add_ps(s0, s1), _mm512_add_ps(s2, s3)));
}

__attribute__((target("avx512f"))) float l1Avx512(const float *a, const float *b, size_t dim)
{
    __m512 s0 = _mm512_setzero_ps(), s1 = _mm512_setzero_ps();
    __m512 s2 = _mm512_setzero_ps(), s3 = _mm512_setzero_ps();
    size_t i = 0;
    for (; i + 64 <= dim; i += 64) {
        const __m512 d0 = _mm512_sub_ps(_mm512_loadu_ps(a + i), _mm512_loadu_ps(b + i));
        const __m512 d1 = _mm512_sub_ps(_mm512_loadu_ps(a + i + 16), _mm512_loadu_ps(b + i + 16));
        const __m512 d2 = _mm512_sub_ps(_mm512_loadu_ps(a + i + 32), _mm512_loadu_ps(b + i + 32));
        const __m512 d3 = _mm512_sub_ps(_mm512_loadu_ps(a + i + 48), _mm512_loadu_ps(b + i + 48));
        s0 = _mm512_add_ps(s0, _mm512_abs_ps(d0));
        s1 = _mm512_add_ps(s1, _mm512_abs_ps(d1));
        s2 = _mm512_add_ps(s2, _mm512_abs_ps(d2));
        s3 = _mm512_add_ps(s3, _mm512_abs_ps(d3));
    }
    for (; i + 16 <= dim; i += 16) {
        const __m512 d = _mm512_sub_ps(_mm512_loadu_ps(a + i), _mm512_loadu_ps(b + i));
        s0 = _mm512_add_ps(s0, _mm512_abs_ps(d));
    }
    if (i < dim) {
        const __mmask16 m = tailMask16(dim - i);
        const __m512 d
            = _mm512_sub_ps(_mm512_maskz_loadu_ps(m, a + i), _mm512_maskz_loadu_ps(m, b + i));
        s1 = _mm512_add_ps(s1, _mm512_abs_ps(d));
    }
    return horizontalSum(_mm512_add_ps(_mm512_add_ps(s0, s1), _mm512_add_ps(s2, s3)));
}

#endif // MSTORE_X86

// Qdrant's post-processing (lib/segment/src/spaces/simple.rs, MetricPostProcessing): Euclid
// reports |s|.sqrt() of the squared distance, Manhattan |s|; Dot and Cosine the raw product.
template <RawKernel Kernel> float euclidScore(const float *a, const float *b, size_t dim)
{
    return std::sqrt(std::fabs(Kernel(a, b, dim)));
}

template <RawKernel Kernel> float manhattanScore(const float *a, const float *b, size_t dim)
{
    return std::fabs(Kernel(a, b, dim));
}

struct KernelSet
{
    ScoreFunction dot;
    ScoreFunction euclid;
    ScoreFunction manhattan;
};

constexpr KernelSet kScalar = {dotScalar, euclidScore<l2Scalar>, manhattanScore<l1Scalar>};
#ifdef MSTORE_X86
constexpr KernelSet kAvx2 = {dotAvx2, euclidScore<l2Avx2>, manhattanScore<l1Avx2>};
constexpr KernelSet kAvx512 = {dotAvx512, euclidScore<l2Avx512>, manhattanScore<l1Avx512>};
#endif

SimdLevel detectSimdLevel()
{
#ifdef MSTORE_X86
    // libgcc's detection also checks (XGETBV) that the OS saves the YMM/ZMM registers.
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f"))
        return SimdLevel::Avx512;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
        return SimdLevel::Avx2;
#endif
    return SimdLevel::Scalar;
}

// The kernels score() uses. Resolved once: score() runs for every row of a search.
struct Dispatch
{
    ScoreFunction dot = scoreFunction(defaultSimdLevel(), Distance::Dot);
    ScoreFunction euclid = scoreFunction(defaultSimdLevel(), Distance::Euclid);
    ScoreFunction manhattan = scoreFunction(defaultSimdLevel(), Distance::Manhattan);
};

const Dispatch &dispatch()
{
    static const Dispatch d;
    return d;
}

} // namespace

SimdLevel bestSimdLevel()
{
    static const SimdLevel level = detectSimdLevel();
    return level;
}

SimdLevel defaultSimdLevel()
{
    static const SimdLevel level = [] {
        // AVX2 even where AVX-512F exists: on the Zen 4 we measured, the 512-bit kernels are no
        // faster with the vectors in L1 and 30-50% slower streaming from memory with a
        // cache-line aligned query (docs/decisions/0002-exact-vector-search.md). MSTORE_SIMD
        // overrides, for CPUs where that is not so.
        SimdLevel chosen = std::min(bestSimdLevel(), SimdLevel::Avx2);
        if (const char *env = std::getenv("MSTORE_SIMD")) {
            const std::string_view name(env);
            if (name == "scalar")
                chosen = SimdLevel::Scalar;
            else if (name == "avx2")
                chosen = SimdLevel::Avx2;
            else if (name == "avx512")
                chosen = SimdLevel::Avx512;
        }
        return std::min(chosen, bestSimdLevel());
    }();
    return level;
}

const char *simdLevelName(SimdLevel level)
{
    switch (level) {
    case SimdLevel::Scalar:
        return "scalar";
    case SimdLevel::Avx2:
        return "avx2+fma";
    case SimdLevel::Avx512:
        return "avx512f";
    }
    return "?";
}

ScoreFunction scoreFunction(SimdLevel level, Distance distance)
{
    if (level > bestSimdLevel())
        // cppcheck-suppress uselessAssignmentArg ; read in the MSTORE_X86 block below
        level = bestSimdLevel();
    const KernelSet *set = &kScalar;
#ifdef MSTORE_X86
    if (level == SimdLevel::Avx512)
        set = &kAvx512;
    else if (level == SimdLevel::Avx2)
        set = &kAvx2;
#endif
    switch (distance) {
    case Distance::Cosine:
    case Distance::Dot:
        return set->dot;
    case Distance::Euclid:
        return set->euclid;
    case Distance::Manhattan:
        return set->manhattan;
    }
    return set->dot;
}

std::optional<Distance> distanceFromName(std::string_view name)
{
    if (name == "Cosine")
        return Distance::Cosine;
    if (name == "Dot")
        return Distance::Dot;
    if (name == "Euclid")
        return Distance::Euclid;
    if (name == "Manhattan")
        return Distance::Manhattan;
    return std::nullopt;
}

const char *distanceName(Distance distance)
{
    switch (distance) {
    case Distance::Cosine:
        return "Cosine";
    case Distance::Dot:
        return "Dot";
    case Distance::Euclid:
        return "Euclid";
    case Distance::Manhattan:
        return "Manhattan";
    }
    return "Cosine";
}

bool largerIsBetter(Distance distance)
{
    return distance == Distance::Cosine || distance == Distance::Dot;
}

float score(Distance distance, const float *a, const float *b, size_t dim)
{
    const Dispatch &d = dispatch();
    switch (distance) {
    case Distance::Cosine:
    case Distance::Dot:
        return d.dot(a, b, dim);
    case Distance::Euclid:
        return d.euclid(a, b, dim);
    case Distance::Manhattan:
        return d.manhattan(a, b, dim);
    }
    return 0.0f;
}

void normalize(float *v, size_t dim)
{
    // As Qdrant's cosine_preprocess (spaces/simple.rs + tools.rs is_length_zero_or_normalized):
    // a squared length below FLT_EPSILON is left alone (so a zero vector stays zero instead of
    // becoming NaN), and so is one within 1e-6 of 1, which makes re-normalising a stored
    // vector a no-op instead of a drift. Division, not a reciprocal multiply, as Qdrant does.
    const float squared = dispatch().dot(v, v, dim);
    if (squared < FLT_EPSILON || std::fabs(squared - 1.0f) <= 1.0e-6f)
        return;
    const float length = std::sqrt(squared);
    for (size_t i = 0; i < dim; ++i)
        v[i] /= length;
}

} // namespace mstore
