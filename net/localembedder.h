#pragma once

#include "embedder.h"

/// Embeds text offline and deterministically, without any model: case-folded words (English
/// stop words dropped), 5-letter stems, word bigrams and character 3-/4-grams, each hashed with a
/// sign into `dimension` buckets (FNV-1a, fixed: the same text gives the same vector on every
/// run and platform), weighted by √tf, L2-normalised. Texts that share words or stems score a
/// clearly higher cosine than unrelated texts; it knows no synonyms. Shown as "lexical, offline".
class LocalEmbedder final : public Embedder
{
    Q_OBJECT

public:
    /// Largest dimension accepted; Qdrant's own limit for a dense vector.
    static constexpr int MaxDimension = 65536;
    /// Batches up to this many texts are embedded on the calling thread's event loop; larger
    /// ones on the global thread pool so the GUI thread never stalls on an import.
    static constexpr int InlineBatchLimit = 64;

    /// A dimension outside 1..MaxDimension makes every embed() fail with Invalid.
    explicit LocalEmbedder(int dimension, QObject *parent = nullptr);

    EmbedCall *embed(const QStringList &texts) override;
    int dimension() const override { return m_dimension; }
    QString displayName() const override;
    QString modelId() const override;

    /// Embeds on the calling thread; a pure function, safe on any thread.
    static Result<Embeddings> embedSync(const QStringList &texts, int dimension);
    /// One text; Invalid when it has no letters or digits (an empty text has no meaning).
    static Result<QList<float>> embedText(const QString &text, int dimension);

private:
    int m_dimension;
};
