#pragma once

#include "connectionprofile.h"
#include "embedder.h"
#include "qdranttypes.h"
#include "result.h"

#include <QCoreApplication>
#include <QMap>
#include <QString>

#include <functional>
#include <optional>

class SecretStore;

/// Makes the Embedder a connection profile names: a LocalEmbedder of the profile's dimensions
/// ("lexical, offline"), or an OpenAiEmbedder on the profile's base URL and model with the
/// embedder's key read from the SecretStore (hence asynchronous). The embedder is a child of
/// the caller's owner object; an OpenAI one brings its own HttpTransport (the Qdrant server's
/// TLS consent is not the embedding service's).
class EmbedderFactory final
{
    Q_DECLARE_TR_FUNCTIONS(EmbedderFactory)

public:
    using Done = std::function<void(const Result<Embedder *> &)>;

    /// Makes the profile's embedder as a child of owner; answers exactly once through done,
    /// from the event loop, unless owner is gone by then. Errors: Invalid for a profile whose
    /// embedder settings are wrong, the keychain's error when the key cannot be read. With
    /// no keychain at all (or secrets nullptr) no key can have been stored, so the embedder
    /// goes without one (a session-only key is still used).
    static void create(
        const ConnectionProfile &profile, SecretStore *secrets, QObject *owner, Done done);
    /// What the profile's embedder will be shown as, before it exists ("lexical, offline").
    static QString describe(const ConnectionProfile &profile);
    /// The profile's embedder settings that keep it from being made; empty when none.
    static QStringList problems(const ConnectionProfile &profile);
    /// The vector of a collection that an embedder of this dimension writes: the unnamed one
    /// or the only one; among several named vectors, the only one of that size. nullopt when
    /// no single vector fits (0 for dimension: not known yet, so only a lone vector fits).
    static std::optional<QString> vectorFor(
        const QMap<QString, VectorParams> &vectors, int dimension);
};
