#pragma once

#include "embedder.h"
#include "neterror.h"

#include <QByteArray>

/// Reads the body of a successful OpenAI-compatible `/v1/embeddings` answer into one vector per
/// input, ordered by each item's `index` (servers may send them in any order). Checks what the
/// API promises: one item per input, each index once, vectors of one length (`dimension` when
/// it is > 0), finite float32 values, given as a JSON array or as base64. Anything else is a
/// Decode error that says what was wrong.
Result<Embeddings> parseEmbeddingsResponse(
    const QByteArray &body, qsizetype inputCount, int dimension);

/// The reason an embeddings service gives in an error body: OpenAI and Azure
/// `{"error":{"message"}}`, Ollama and TEI `{"error":"..."}`, vLLM `{"message":...}`, or a short
/// plain-text body. Empty when there is none.
QString embeddingsErrorMessage(const QByteArray &body);
