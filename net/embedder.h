#pragma once

#include "result.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

/// One vector per input text, in the order of the texts.
using Embeddings = QList<QList<float>>;

/// An embedding request in flight. Emits finished() exactly once, from the event loop (never
/// inside embed() or cancel()), then deletes itself later; cancel() stops the work and makes it
/// finish with NetError::Kind::Cancelled. Connect with a context object so a closed pane never
/// receives a late result.
class EmbedCall : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    /// Stops the work; finished() then reports Cancelled unless it has already been emitted.
    virtual void cancel() = 0;

signals:
    void finished(const Result<Embeddings> &result);
};

/// Turns texts into dense vectors for a collection. Never makes up a vector: a text it cannot
/// embed is an error, not a zero or random vector, because a vector that means nothing silently
/// poisons search.
class Embedder : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    /// Embeds texts (asynchronously); call from the thread the embedder lives in.
    virtual EmbedCall *embed(const QStringList &texts) = 0;
    /// Length of the vectors it makes; 0 while not known yet (a remote model whose size has
    /// not been configured and has not answered yet).
    virtual int dimension() const = 0;
    /// What the user sees, e.g. "lexical, offline" or "OpenAI text-embedding-3-small".
    virtual QString displayName() const = 0;
    /// Stable name of the model and scheme, e.g. "mc-lexical-v1" or "text-embedding-3-small";
    /// vectors are comparable only between texts embedded with the same modelId().
    virtual QString modelId() const = 0;
};
