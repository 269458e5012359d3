#include "localembedder.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QPromise>
#include <QSet>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <cmath>
#include <memory>
#include <optional>
#include <vector>

namespace {

// Changing anything below changes every vector: bump the version in modelId() so vectors made
// by the old scheme are not searched with queries made by the new one.
constexpr float WordWeight = 1.0f;
constexpr float BigramWeight = 0.7f;
// Shared by a word's character n-grams: a word and its inflections ("instance", "instances")
// share most of them, so stems count without a language-specific stemmer.
constexpr float CharGramsWeight = 1.0f;

// A crude stem: the first five letters, for words longer than that ("migrate", "migration").
constexpr size_t StemLength = 5;
constexpr float StemWeight = 0.7f;

constexpr char32_t WordStart = U'<';
constexpr char32_t WordEnd = U'>';

// English function words carry no topic; without them two unrelated sentences that both say
// "for the" would look alike. Other languages still work, with a little more noise.
const QSet<QString> &stopWords()
{
    static const QSet<QString> words = [] {
        const char *const list[] = {"a", "about", "above", "after", "again", "against", "all",
            "also", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been", "before",
            "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does",
            "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has",
            "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in",
            "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "no", "nor",
            "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "out",
            "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the",
            "their", "theirs", "them", "then", "there", "these", "they", "this", "those", "through",
            "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when",
            "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your",
            "yours"};
        QSet<QString> set;
        for (const char *word : list)
            set.insert(QString::fromLatin1(word));
        return set;
    }();
    return words;
}

// FNV-1a (64-bit) over the feature's code points, finished with MurmurHash3's fmix64 so the
// low bits (the bucket) and the top bit (the sign) are well mixed. A fixed function, unlike
// qHash/std::hash whose seed changes per process.
class FeatureHash
{
public:
    explicit FeatureHash(char kind) { byte(quint8(kind)); }

    void add(char32_t c)
    {
        byte(quint8(c));
        byte(quint8(c >> 8));
        byte(quint8(c >> 16));
        byte(quint8(c >> 24));
    }
    void add(const std::u32string &s)
    {
        for (char32_t c : s)
            add(c);
    }
    quint64 value() const
    {
        quint64 h = m_h;
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdULL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53ULL;
        h ^= h >> 33;
        return h;
    }

private:
    void byte(quint8 b)
    {
        m_h ^= b;
        m_h *= 0x100000001b3ULL;
    }

    quint64 m_h = 0xcbf29ce484222325ULL;
};

struct Feature
{
    quint64 hash;
    float weight;
};

bool isWordChar(char32_t c)
{
    if (QChar::isLetterOrNumber(c))
        return true;
    switch (QChar::category(c)) {
    case QChar::Mark_NonSpacing:
    case QChar::Mark_SpacingCombining:
    case QChar::Mark_Enclosing:
        return true;
    default:
        return false;
    }
}

// Case-folded runs of letters, digits and combining marks. Single letters ("s" of "customer's")
// are dropped; single digits are kept ("5" in "m5 xlarge" is already part of "m5").
std::vector<std::u32string> contentWords(const QString &text)
{
    const QList<uint> codePoints
        = text.normalized(QString::NormalizationForm_KC).toCaseFolded().toUcs4();
    const QSet<QString> &stop = stopWords();
    std::vector<std::u32string> words;
    std::u32string word;
    auto flush = [&] {
        if (word.empty())
            return;
        const bool keep = word.size() > 1 || QChar::isNumber(word.front());
        if (keep && !stop.contains(QString::fromUcs4(word.data(), qsizetype(word.size()))))
            words.push_back(word);
        word.clear();
    };
    for (uint cp : codePoints) {
        if (isWordChar(char32_t(cp)))
            word.push_back(char32_t(cp));
        else
            flush();
    }
    flush();
    return words;
}

void addCharGrams(const std::u32string &word, std::vector<Feature> &features)
{
    std::u32string marked;
    marked.reserve(word.size() + 2);
    marked.push_back(WordStart);
    marked.append(word);
    marked.push_back(WordEnd);
    const size_t first = features.size();
    for (size_t n = 3; n <= 4; ++n) {
        for (size_t i = 0; i + n <= marked.size(); ++i) {
            FeatureHash hash('c');
            for (size_t k = i; k < i + n; ++k)
                hash.add(marked[k]);
            features.push_back({hash.value(), 0.0f});
        }
    }
    // Each word's n-grams together weigh CharGramsWeight (in squared norm), whatever its length.
    const size_t count = features.size() - first;
    if (count == 0)
        return;
    const float weight = CharGramsWeight / std::sqrt(float(count));
    for (size_t i = first; i < features.size(); ++i)
        features[i].weight = weight;
}

std::vector<Feature> extractFeatures(const QString &text)
{
    const std::vector<std::u32string> words = contentWords(text);
    std::vector<Feature> features;
    features.reserve(words.size() * 20);
    for (size_t i = 0; i < words.size(); ++i) {
        FeatureHash word('w');
        word.add(words[i]);
        features.push_back({word.value(), WordWeight});
        if (i > 0) {
            FeatureHash bigram('b');
            bigram.add(words[i - 1]);
            bigram.add(U' ');
            bigram.add(words[i]);
            features.push_back({bigram.value(), BigramWeight});
        }
        if (words[i].size() > StemLength) {
            FeatureHash stem('s');
            stem.add(words[i].substr(0, StemLength));
            features.push_back({stem.value(), StemWeight});
        }
        addCharGrams(words[i], features);
    }
    return features;
}

NetError invalid(const QString &message)
{
    NetError error;
    error.kind = NetError::Kind::Invalid;
    error.message = message;
    return error;
}

NetError cancelledError()
{
    NetError error;
    error.kind = NetError::Kind::Cancelled;
    error.message = QCoreApplication::translate("LocalEmbedder", "embedding cancelled");
    return error;
}

std::optional<NetError> checkDimension(int dimension)
{
    if (dimension >= 1 && dimension <= LocalEmbedder::MaxDimension)
        return std::nullopt;
    return invalid(
        QCoreApplication::translate("LocalEmbedder",
            "the local embedder cannot make %1-dimensional "
            "vectors (1 to %2)")
            .arg(QString::number(dimension), QString::number(LocalEmbedder::MaxDimension)));
}

Result<Embeddings> embedAll(
    const QStringList &texts, int dimension, const std::atomic_bool *cancelled)
{
    if (auto error = checkDimension(dimension))
        return *error;
    Embeddings vectors;
    vectors.reserve(texts.size());
    for (qsizetype i = 0; i < texts.size(); ++i) {
        if (cancelled && cancelled->load(std::memory_order_relaxed))
            return cancelledError();
        Result<QList<float>> vector = LocalEmbedder::embedText(texts.at(i), dimension);
        if (!vector.ok()) {
            NetError error = vector.error();
            if (texts.size() > 1)
                error.message = QCoreApplication::translate("LocalEmbedder", "text %1 of %2: %3")
                                    .arg(QString::number(i + 1), QString::number(texts.size()),
                                        error.message);
            return error;
        }
        vectors.append(std::move(vector).value());
    }
    return vectors;
}

// Finishes from the event loop: small batches on the calling thread, large ones computed on the
// global thread pool. The worker shares only `Job` with the call, so the call may be deleted
// (or the embedder destroyed) while it runs.
class LocalEmbedCall final : public EmbedCall
{
    Q_OBJECT

public:
    LocalEmbedCall(const QStringList &texts, int dimension)
        : m_job(std::make_shared<Job>())
    {
        m_job->texts = texts;
        m_job->dimension = dimension;
        if (texts.size() <= LocalEmbedder::InlineBatchLimit) {
            QTimer::singleShot(0, this,
                [this] { finish(embedAll(m_job->texts, m_job->dimension, &m_job->cancelled)); });
            return;
        }
        auto promise = std::make_shared<QPromise<void>>();
        auto *watcher = new QFutureWatcher<void>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [this] {
            finish(m_job->result ? *m_job->result : Result<Embeddings>(cancelledError()));
        });
        promise->start();
        watcher->setFuture(promise->future());
        QThreadPool::globalInstance()->start([job = m_job, promise] {
            job->result = embedAll(job->texts, job->dimension, &job->cancelled);
            promise->finish();
        });
    }

    ~LocalEmbedCall() override { m_job->cancelled = true; }

    void cancel() override
    {
        if (m_finished || m_job->cancelled)
            return;
        m_job->cancelled = true;
        QMetaObject::invokeMethod(
            this, [this] { finish(cancelledError()); }, Qt::QueuedConnection);
    }

private:
    struct Job
    {
        QStringList texts;
        int dimension = 0;
        std::atomic_bool cancelled = false;
        std::optional<Result<Embeddings>> result; ///< written by the worker before finish()
    };

    void finish(const Result<Embeddings> &result)
    {
        if (m_finished)
            return;
        m_finished = true;
        emit finished(m_job->cancelled ? Result<Embeddings>(cancelledError()) : result);
        deleteLater();
    }

    std::shared_ptr<Job> m_job;
    bool m_finished = false;
};

} // namespace

LocalEmbedder::LocalEmbedder(int dimension, QObject *parent)
    : Embedder(parent)
    , m_dimension(dimension)
{ }

EmbedCall *LocalEmbedder::embed(const QStringList &texts)
{
    return new LocalEmbedCall(texts, m_dimension);
}

QString LocalEmbedder::displayName() const
{
    return tr("lexical, offline");
}

QString LocalEmbedder::modelId() const
{
    return QStringLiteral("mc-lexical-v1");
}

Result<Embeddings> LocalEmbedder::embedSync(const QStringList &texts, int dimension)
{
    return embedAll(texts, dimension, nullptr);
}

Result<QList<float>> LocalEmbedder::embedText(const QString &text, int dimension)
{
    if (auto error = checkDimension(dimension))
        return *error;
    std::vector<Feature> features = extractFeatures(text);
    if (features.empty())
        return invalid(tr("the text has no words to embed (letters or digits)"));

    // Equal features are merged and weighted sublinearly in their count: mean weight × √tf.
    // √ rather than 1 + ln: IEEE 754 rounds sqrt exactly, so vectors are bit-identical on every
    // platform. The merge is an open-addressing table walked in slot order: O(n), and the order
    // in which buckets are summed depends only on the features, never on the process.
    size_t tableSize = 16;
    while (tableSize < features.size() * 2)
        tableSize *= 2;
    struct Slot
    {
        quint64 hash = 0; // 0: empty (a feature hashing to 0 is stored as 1)
        float sum = 0;
        int count = 0;
    };
    std::vector<Slot> table(tableSize);
    for (const Feature &feature : features) {
        const quint64 hash = feature.hash ? feature.hash : 1;
        size_t i = size_t(hash) & (tableSize - 1);
        while (table[i].hash != 0 && table[i].hash != hash)
            i = (i + 1) & (tableSize - 1);
        table[i].hash = hash;
        table[i].sum += feature.weight;
        ++table[i].count;
    }
    QList<float> vector(dimension, 0.0f);
    float *out = vector.data();
    for (const Slot &slot : table) {
        if (slot.count == 0)
            continue;
        const float value = slot.count == 1
            ? slot.sum
            : slot.sum / float(slot.count) * std::sqrt(float(slot.count));
        const size_t bucket = size_t(slot.hash % quint64(dimension));
        out[bucket] += (slot.hash >> 63) ? -value : value;
    }

    double norm = 0;
    for (float v : vector)
        norm += double(v) * double(v);
    // Signed buckets can cancel out exactly only in contrived cases; never return a zero vector.
    if (norm == 0)
        return invalid(tr("the text's features cancel out in %1 dimensions").arg(dimension));
    const float scale = float(1.0 / std::sqrt(norm));
    for (float &v : vector)
        v *= scale;
    return vector;
}

#include "localembedder.moc"
