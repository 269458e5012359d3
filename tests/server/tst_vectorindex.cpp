// Distance kernels (every SIMD level against a double-precision reference) and the exact
// vector index (top-k, filter, threshold, ties, row reuse, parallel scan).

#include "distance.h"
#include "exactvectorindex.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>
#include <thread>
#include <vector>

#ifdef __linux__
#include <sys/mman.h>
#include <unistd.h>
#endif

using namespace mstore;

Q_DECLARE_METATYPE(mstore::Distance)
Q_DECLARE_METATYPE(mstore::SimdLevel)

namespace {

std::vector<float> randomVector(std::mt19937 &rng, size_t dim, float range = 1.0f)
{
    std::uniform_real_distribution<float> uniform(-range, range);
    std::vector<float> v(dim);
    for (float &x : v)
        x = uniform(rng);
    return v;
}

/// The score in double precision, and the sum of the magnitudes it was built from (the scale
/// the float rounding error is relative to).
struct Reference
{
    double value;
    double magnitude;
};

Reference reference(Distance distance, const float *a, const float *b, size_t dim)
{
    double sum = 0, magnitude = 0;
    for (size_t i = 0; i < dim; ++i) {
        const double x = a[i], y = b[i];
        switch (distance) {
        case Distance::Cosine:
        case Distance::Dot:
            sum += x * y;
            magnitude += std::fabs(x * y);
            break;
        case Distance::Euclid:
            sum += (x - y) * (x - y);
            break;
        case Distance::Manhattan:
            sum += std::fabs(x - y);
            break;
        }
    }
    if (distance == Distance::Euclid)
        return {std::sqrt(sum), std::sqrt(sum)};
    if (distance == Distance::Manhattan)
        return {sum, sum};
    return {sum, magnitude};
}

bool better(Distance distance, const ScoredRow &x, const ScoredRow &y)
{
    if (x.score != y.score)
        return largerIsBetter(distance) ? x.score > y.score : x.score < y.score;
    return x.row < y.row;
}

/// What search() must return, by brute force over score().
std::vector<ScoredRow> expectedSearch(const VectorIndex &index, const float *query,
    uint32_t rowsEnd, size_t limit, const RowFilter &accept, std::optional<float> threshold)
{
    const Distance distance = index.distance();
    std::vector<ScoredRow> all;
    for (uint32_t row = 0; row < rowsEnd; ++row) {
        if (!index.contains(row) || (accept && !accept(row)))
            continue;
        const float s = score(distance, query, index.vector(row), index.dimension());
        if (threshold && (largerIsBetter(distance) ? s < *threshold : s > *threshold))
            continue;
        all.push_back({row, s});
    }
    std::sort(all.begin(), all.end(),
        [distance](const ScoredRow &x, const ScoredRow &y) { return better(distance, x, y); });
    if (all.size() > limit)
        all.resize(limit);
    return all;
}

QByteArray describe(const std::vector<ScoredRow> &rows)
{
    QByteArray text;
    for (const ScoredRow &r : rows)
        text += QByteArray::number(r.row) + ':' + QByteArray::number(r.score, 'g', 9) + ' ';
    return text;
}

bool sameRows(const std::vector<ScoredRow> &a, const std::vector<ScoredRow> &b)
{
    return std::equal(
        a.begin(), a.end(), b.begin(), b.end(), [](const ScoredRow &x, const ScoredRow &y) {
            return x.row == y.row && x.score == y.score;
        });
}

#define COMPARE_ROWS(actual, expected)                                                             \
    QVERIFY2(sameRows(actual, expected),                                                           \
        QByteArray("got " + describe(actual) + "\nwant " + describe(expected)).constData())

/// An index of `rows` random vectors (Cosine ones normalised, as the collection does).
std::unique_ptr<ExactVectorIndex> randomIndex(
    Distance distance, size_t dim, uint32_t rows, std::mt19937 &rng)
{
    auto index = std::make_unique<ExactVectorIndex>(dim, distance);
    for (uint32_t row = 0; row < rows; ++row) {
        std::vector<float> v = randomVector(rng, dim);
        if (distance == Distance::Cosine)
            normalize(v.data(), dim);
        index->set(row, v.data());
    }
    return index;
}

const Distance kDistances[]
    = {Distance::Cosine, Distance::Dot, Distance::Euclid, Distance::Manhattan};

void addDistanceRows()
{
    QTest::addColumn<Distance>("distance");
    for (Distance d : kDistances)
        QTest::newRow(distanceName(d)) << d;
}

} // namespace

class TestVectorIndex : public QObject
{
    Q_OBJECT

private slots:
    void names();
    void kernels_data();
    void kernels();
    void tailDoesNotReadPastTheEnd();
    void normalizeVector();
    void searchMatchesBruteForce_data();
    void searchMatchesBruteForce();
    void threshold_data();
    void threshold();
    void ties();
    void removeContainsSize();
    void rowsReused();
    void setFromOwnRowWhileGrowing();
    void parallelEqualsSingleThreaded_data();
    void parallelEqualsSingleThreaded();
    void concurrentSearches();
    void filterExceptionReachesCaller();
};

void TestVectorIndex::names()
{
    for (Distance d : kDistances)
        QVERIFY(distanceFromName(distanceName(d)) == d);
    QCOMPARE(QByteArray(distanceName(Distance::Euclid)), QByteArray("Euclid"));
    QVERIFY(!distanceFromName("cosine"));
    QVERIFY(!distanceFromName("Euclidean"));
    QVERIFY(!distanceFromName(""));
    QVERIFY(largerIsBetter(Distance::Cosine));
    QVERIFY(largerIsBetter(Distance::Dot));
    QVERIFY(!largerIsBetter(Distance::Euclid));
    QVERIFY(!largerIsBetter(Distance::Manhattan));
}

void TestVectorIndex::kernels_data()
{
    QTest::addColumn<Distance>("distance");
    QTest::addColumn<SimdLevel>("level");
    QTest::addColumn<int>("dim");
    const SimdLevel levels[] = {SimdLevel::Scalar, SimdLevel::Avx2, SimdLevel::Avx512};
    for (Distance d : kDistances) {
        for (SimdLevel level : levels) {
            if (level > bestSimdLevel())
                continue; // the CPU cannot run it; scoreFunction() would clamp anyway
            for (int dim : {1, 3, 7, 17, 1536}) {
                QTest::addRow("%s/%s/%d", distanceName(d), simdLevelName(level), dim)
                    << d << level << dim;
            }
        }
    }
}

void TestVectorIndex::kernels()
{
    QFETCH(Distance, distance);
    QFETCH(SimdLevel, level);
    QFETCH(int, dim);
    const ScoreFunction kernel = scoreFunction(level, distance);
    std::mt19937 rng(uint32_t(dim) * 7919u + uint32_t(distance));
    for (int round = 0; round < 20; ++round) {
        // Offset by one float so the vectors are not 32/64-byte aligned.
        std::vector<float> a = randomVector(rng, size_t(dim) + 1, 2.0f);
        std::vector<float> b = randomVector(rng, size_t(dim) + 1, 2.0f);
        const float *pa = a.data() + 1, *pb = b.data() + 1;
        const Reference ref = reference(distance, pa, pb, size_t(dim));
        const double tolerance = 1e-5 * ref.magnitude + 1e-6;
        const float got = kernel(pa, pb, size_t(dim));
        QVERIFY2(std::fabs(got - ref.value) <= tolerance,
            QByteArray("got " + QByteArray::number(got, 'g', 9) + ", reference "
                + QByteArray::number(ref.value, 'g', 12))
                .constData());
        // The dispatched score() agrees with the reference too (it uses the best level).
        QVERIFY(std::fabs(score(distance, pa, pb, size_t(dim)) - ref.value) <= tolerance);
    }
    // Identical vectors: Euclid and Manhattan exactly 0.
    std::vector<float> v = randomVector(rng, size_t(dim));
    if (!largerIsBetter(distance))
        QCOMPARE(kernel(v.data(), v.data(), size_t(dim)), 0.0f);
}

void TestVectorIndex::tailDoesNotReadPastTheEnd()
{
#ifdef __linux__
    // Vectors that end exactly where an inaccessible page begins: a kernel reading one float
    // too far (a tail without a mask) crashes here instead of silently reading garbage.
    const size_t page = size_t(sysconf(_SC_PAGESIZE));
    char *pages[2];
    for (char *&base : pages) {
        void *p
            = mmap(nullptr, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        QVERIFY(p != MAP_FAILED);
        base = static_cast<char *>(p);
        QCOMPARE(mprotect(base + page, page, PROT_NONE), 0);
    }
    std::mt19937 rng(1);
    for (int dim : {1, 3, 7, 17, 33, 1023}) {
        float *a = reinterpret_cast<float *>(pages[0] + page) - dim;
        float *b = reinterpret_cast<float *>(pages[1] + page) - dim;
        const std::vector<float> va = randomVector(rng, size_t(dim));
        const std::vector<float> vb = randomVector(rng, size_t(dim));
        std::copy(va.begin(), va.end(), a);
        std::copy(vb.begin(), vb.end(), b);
        for (SimdLevel level : {SimdLevel::Scalar, SimdLevel::Avx2, SimdLevel::Avx512}) {
            for (Distance d : kDistances) {
                const Reference ref = reference(d, a, b, size_t(dim));
                QVERIFY(std::fabs(scoreFunction(level, d)(a, b, size_t(dim)) - ref.value)
                    <= 1e-5 * ref.magnitude + 1e-6);
            }
        }
    }
    for (char *base : pages)
        munmap(base, 2 * page);
#else
    QSKIP("needs mmap/mprotect");
#endif
}

void TestVectorIndex::normalizeVector()
{
    // Zero stays zero (not NaN), as Qdrant's cosine_preprocess.
    std::vector<float> zero(17, 0.0f);
    normalize(zero.data(), zero.size());
    for (float x : zero)
        QCOMPARE(x, 0.0f);

    std::mt19937 rng(42);
    for (size_t dim : {1, 3, 7, 17, 1536}) {
        std::vector<float> v = randomVector(rng, dim, 3.0f);
        normalize(v.data(), dim);
        double length = 0;
        for (float x : v)
            length += double(x) * x;
        QVERIFY2(std::fabs(std::sqrt(length) - 1.0) < 1e-5, QByteArray::number(length).constData());
        // Normalising again leaves the vector bit for bit unchanged (Qdrant skips vectors
        // whose squared length is within 1e-6 of 1), so stored vectors do not drift.
        const std::vector<float> once = v;
        normalize(v.data(), dim);
        QVERIFY(v == once);
    }

    // A single component scales to exactly +-1.
    float one[] = {-4.0f};
    normalize(one, 1);
    QCOMPARE(one[0], -1.0f);
}

void TestVectorIndex::searchMatchesBruteForce_data()
{
    addDistanceRows();
}

void TestVectorIndex::searchMatchesBruteForce()
{
    QFETCH(Distance, distance);
    std::mt19937 rng(7);
    const size_t dim = 7;
    auto index = randomIndex(distance, dim, 300, rng);
    std::vector<float> query = randomVector(rng, dim);
    if (distance == Distance::Cosine)
        normalize(query.data(), dim);

    const RowFilter none;
    const RowFilter even = [](uint32_t row) { return row % 2 == 0; };
    for (size_t limit : {size_t(1), size_t(10), size_t(300), size_t(1000)}) {
        COMPARE_ROWS(index->search(query.data(), limit, none, std::nullopt),
            expectedSearch(*index, query.data(), 300, limit, none, std::nullopt));
        const auto filtered = index->search(query.data(), limit, even, std::nullopt);
        COMPARE_ROWS(
            filtered, expectedSearch(*index, query.data(), 300, limit, even, std::nullopt));
        for (const ScoredRow &r : filtered)
            QCOMPARE(r.row % 2, 0u);
    }
    QCOMPARE(index->search(query.data(), 1000, even, std::nullopt).size(), size_t(150));
    QVERIFY(index->search(query.data(), 0, none, std::nullopt).empty());
    // Reported scores are score()'s, for Euclid the plain distance.
    const auto best = index->search(query.data(), 1, none, std::nullopt);
    QCOMPARE(best.size(), size_t(1));
    QCOMPARE(best[0].score, score(distance, query.data(), index->vector(best[0].row), dim));
    QVERIFY(index
                ->search(
                    query.data(), 5, [](uint32_t) { return false; }, std::nullopt)
                .empty());

    ExactVectorIndex empty(dim, distance);
    QVERIFY(empty.search(query.data(), 5, none, std::nullopt).empty());
}

void TestVectorIndex::threshold_data()
{
    addDistanceRows();
}

void TestVectorIndex::threshold()
{
    QFETCH(Distance, distance);
    std::mt19937 rng(11);
    const size_t dim = 17;
    auto index = randomIndex(distance, dim, 200, rng);
    std::vector<float> query = randomVector(rng, dim);
    if (distance == Distance::Cosine)
        normalize(query.data(), dim);
    const RowFilter none;
    const auto all = index->search(query.data(), 200, none, std::nullopt);
    QCOMPARE(all.size(), size_t(200));

    // A threshold equal to the 20th score keeps exactly the first 20 (the bound is inclusive),
    // from the right side: >= for Cosine/Dot, <= for Euclid/Manhattan.
    const float t = all[19].score;
    const auto kept = index->search(query.data(), 200, none, t);
    COMPARE_ROWS(kept, std::vector<ScoredRow>(all.begin(), all.begin() + 20));
    for (const ScoredRow &r : kept)
        QVERIFY(largerIsBetter(distance) ? r.score >= t : r.score <= t);
    COMPARE_ROWS(index->search(query.data(), 5, none, t),
        std::vector<ScoredRow>(all.begin(), all.begin() + 5));

    // A threshold no row reaches.
    const float unreachable
        = largerIsBetter(distance) ? all.front().score + 1.0f : all.front().score - 1.0f;
    QVERIFY(index->search(query.data(), 10, none, unreachable).empty());
    // Filter and threshold together.
    const RowFilter odd = [](uint32_t row) { return row % 2 == 1; };
    COMPARE_ROWS(index->search(query.data(), 200, odd, t),
        expectedSearch(*index, query.data(), 200, 200, odd, t));
}

void TestVectorIndex::ties()
{
    // Equal scores come out lower row first, and a limit that cuts through a tie keeps the
    // lower rows.
    ExactVectorIndex index(3, Distance::Dot);
    const float best[] = {1.0f, 1.0f, 1.0f};
    const float worse[] = {0.5f, 0.0f, 0.0f};
    for (uint32_t row : {9u, 2u, 5u, 7u})
        index.set(row, best);
    for (uint32_t row : {0u, 1u, 3u})
        index.set(row, worse);
    const float query[] = {1.0f, 1.0f, 1.0f};
    const RowFilter none;
    COMPARE_ROWS(index.search(query, 2, none, std::nullopt),
        (std::vector<ScoredRow> {{2, 3.0f}, {5, 3.0f}}));
    COMPARE_ROWS(index.search(query, 6, none, std::nullopt),
        (std::vector<ScoredRow> {
            {2, 3.0f}, {5, 3.0f}, {7, 3.0f}, {9, 3.0f}, {0, 0.5f}, {1, 0.5f}}));

    // Same for a smaller-is-better distance.
    ExactVectorIndex euclid(3, Distance::Euclid);
    for (uint32_t row : {4u, 1u, 6u})
        euclid.set(row, best);
    euclid.set(0, worse);
    COMPARE_ROWS(euclid.search(query, 3, none, std::nullopt),
        (std::vector<ScoredRow> {{1, 0.0f}, {4, 0.0f}, {6, 0.0f}}));
}

void TestVectorIndex::removeContainsSize()
{
    ExactVectorIndex index(3, Distance::Euclid);
    QCOMPARE(index.dimension(), size_t(3));
    QCOMPARE(index.distance(), Distance::Euclid);
    QCOMPARE(index.size(), size_t(0));
    QVERIFY(!index.contains(0));
    QVERIFY(index.vector(0) == nullptr);

    const float a[] = {1, 2, 3}, b[] = {4, 5, 6};
    index.set(0, a);
    index.set(1000, b); // sparse: grows past the rows in between
    QCOMPARE(index.size(), size_t(2));
    QVERIFY(index.contains(0));
    QVERIFY(index.contains(1000));
    QVERIFY(!index.contains(500));
    QVERIFY(!index.contains(1001));
    QVERIFY(index.vector(500) == nullptr);
    QVERIFY(std::equal(b, b + 3, index.vector(1000)));

    index.set(0, b); // replace: size unchanged
    QCOMPARE(index.size(), size_t(2));
    QVERIFY(std::equal(b, b + 3, index.vector(0)));

    index.remove(1000);
    index.remove(1000); // twice is harmless
    index.remove(77); // never set
    index.remove(4000000000u);
    QCOMPARE(index.size(), size_t(1));
    QVERIFY(!index.contains(1000));
    QVERIFY(index.vector(1000) == nullptr);
    const RowFilter none;
    COMPARE_ROWS(index.search(a, 10, none, std::nullopt),
        (std::vector<ScoredRow> {{0, score(Distance::Euclid, a, b, 3)}}));

    index.remove(0);
    QCOMPARE(index.size(), size_t(0));
    QVERIFY(index.search(a, 10, none, std::nullopt).empty());
}

void TestVectorIndex::rowsReused()
{
    std::mt19937 rng(3);
    ExactVectorIndex index(17, Distance::Manhattan);
    std::vector<std::vector<float>> vectors;
    for (uint32_t row = 0; row < 100; ++row) {
        vectors.push_back(randomVector(rng, 17));
        index.set(row, vectors.back().data());
    }
    for (uint32_t row = 0; row < 100; row += 3)
        index.remove(row);
    QCOMPARE(index.size(), size_t(66));
    // Freed slots take new vectors; the others keep theirs.
    for (uint32_t row = 0; row < 100; row += 3) {
        vectors[row] = randomVector(rng, 17);
        index.set(row, vectors[row].data());
    }
    QCOMPARE(index.size(), size_t(100));
    for (uint32_t row = 0; row < 100; ++row)
        QVERIFY(std::equal(vectors[row].begin(), vectors[row].end(), index.vector(row)));
    // A reused row is found by its new vector.
    const auto hit = index.search(vectors[33].data(), 1, RowFilter(), std::nullopt);
    COMPARE_ROWS(hit, (std::vector<ScoredRow> {{33, 0.0f}}));
}

void TestVectorIndex::setFromOwnRowWhileGrowing()
{
    // set() from a pointer into the index itself, while the storage has to be reallocated.
    ExactVectorIndex index(5, Distance::Dot);
    const float v[] = {1, 2, 3, 4, 5};
    index.set(0, v);
    index.set(100000, index.vector(0));
    QVERIFY(std::equal(v, v + 5, index.vector(100000)));
    index.set(0, index.vector(0)); // onto itself
    QVERIFY(std::equal(v, v + 5, index.vector(0)));
}

void TestVectorIndex::parallelEqualsSingleThreaded_data()
{
    addDistanceRows();
}

void TestVectorIndex::parallelEqualsSingleThreaded()
{
    QFETCH(Distance, distance);
    // > 20k rows. Components on a coarse grid so that many rows tie on the score; the chunk
    // merge must then still put the lower row first exactly as one sequential scan does.
    const size_t dim = 24;
    const uint32_t rows = 25000;
    std::mt19937 rng(5);
    std::uniform_int_distribution<int> grid(-2, 2);
    ExactVectorIndex index(dim, distance);
    std::vector<float> v(dim);
    for (uint32_t row = 0; row < rows; ++row) {
        for (float &x : v)
            x = float(grid(rng)) * 0.5f;
        index.set(row, v.data());
    }
    for (uint32_t row = 0; row < rows; row += 7)
        index.remove(row);
    for (float &x : v)
        x = float(grid(rng)) * 0.5f;
    const float *query = v.data();

    const RowFilter none;
    const RowFilter filter = [](uint32_t row) { return row % 5 != 1; };
    const auto probe = expectedSearch(index, query, rows, 500, none, std::nullopt);
    const float t = probe.back().score;

    for (size_t limit : {size_t(1), size_t(10), size_t(100), size_t(rows)}) {
        for (const RowFilter *accept : {&none, &filter}) {
            for (std::optional<float> threshold : {std::optional<float>(), std::optional(t)}) {
                index.setMaxThreads(1);
                const auto single = index.search(query, limit, *accept, threshold);
                COMPARE_ROWS(single, expectedSearch(index, query, rows, limit, *accept, threshold));
                // More threads than cores or pool workers is clamped, not an error.
                for (unsigned threads : {2u, 3u, 8u}) {
                    index.setMaxThreads(threads);
                    index.setMinFloatsPerThread(1);
                    COMPARE_ROWS(index.search(query, limit, *accept, threshold), single);
                }
                index.setMinFloatsPerThread(ExactVectorIndex::defaultMinFloatsPerThread);
            }
        }
    }
}

void TestVectorIndex::concurrentSearches()
{
    // search() is const and runs from several request threads at once under a shared lock;
    // each may split its own scan too.
    std::mt19937 rng(9);
    auto index = randomIndex(Distance::Cosine, 64, 30000, rng);
    index->setMinFloatsPerThread(10000);
    std::vector<std::vector<float>> queries;
    std::vector<std::vector<ScoredRow>> expected;
    for (int i = 0; i < 4; ++i) {
        queries.push_back(randomVector(rng, 64));
        normalize(queries.back().data(), 64);
        expected.push_back(index->search(queries.back().data(), 10, RowFilter(), std::nullopt));
    }
    std::vector<std::vector<ScoredRow>> got(4);
    std::vector<std::thread> threads;
    threads.reserve(4);
    for (int i = 0; i < 4; ++i) {
        threads.emplace_back([&, i] {
            for (int repeat = 0; repeat < 5; ++repeat)
                got[i] = index->search(queries[i].data(), 10, RowFilter(), std::nullopt);
        });
    }
    for (std::thread &t : threads)
        t.join();
    for (int i = 0; i < 4; ++i)
        COMPARE_ROWS(got[i], expected[i]);
}

void TestVectorIndex::filterExceptionReachesCaller()
{
    // A filter that throws in a pool worker must surface in the searching thread (and leave
    // the pool usable), not terminate the process.
    std::mt19937 rng(13);
    auto index = randomIndex(Distance::Dot, 16, 30000, rng);
    index->setMinFloatsPerThread(1);
    const std::vector<float> query = randomVector(rng, 16);
    for (uint32_t bad : {0u, 17000u, 29999u}) {
        const RowFilter throwing = [bad](uint32_t row) {
            if (row == bad)
                throw std::runtime_error("filter failed");
            return true;
        };
        QVERIFY_THROWS_EXCEPTION(
            std::runtime_error, index->search(query.data(), 10, throwing, std::nullopt));
    }
    QCOMPARE(index->search(query.data(), 10, RowFilter(), std::nullopt).size(), size_t(10));
}

QTEST_GUILESS_MAIN(TestVectorIndex)
#include "tst_vectorindex.moc"
