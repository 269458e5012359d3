#pragma once

#include <QCoreApplication>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QUuid>

/// How to reach one Qdrant server and how its data is laid out. Holds no secret: the API key
/// and the embedder's key live in the OS keychain under the profile's id (see SecretStore).
struct ConnectionProfile
{
    Q_DECLARE_TR_FUNCTIONS(ConnectionProfile)

public:
    /// How text is turned into vectors for this server's collections.
    enum class EmbedderKind {
        Local,  ///< offline, in-process (LocalEmbedder)
        OpenAi, ///< an OpenAI-compatible /embeddings endpoint
    };

    /// The default collection-name pattern: tenants are collections such as company_42_...
    static QString defaultCollectionPattern() { return QStringLiteral("company_{id}_{type}"); }
    /// The default tenant payload key of the agent-memory collections.
    static QString defaultTenantPayloadKey() { return QStringLiteral("customer_id"); }
    /// The vector size of the agent-memory collections (text-embedding-3-small).
    static constexpr int DefaultDimensions = 1536;
    /// Qdrant's own limit for a dense vector.
    static constexpr int MaxDimensions = 65536;

    QUuid id;
    QString name;
    /// The server's base URL; empty for the embedded memory-store, whose port is picked at
    /// start.
    QUrl url;
    /// True for the memory-store the console hosts itself.
    bool embedded = false;
    /// The user agreed to connect despite certificate errors, for this profile only.
    bool tlsIgnoreErrors = false;
    /// A PEM file of extra certificate authorities to trust; empty for the system's.
    QString caCertificatePath;
    /// "#rrggbb" shown next to the profile's name (production red, staging amber); may be
    /// empty.
    QString colour;
    /// Refuses every write before it is sent.
    bool readOnly = false;

    /// Tenants as collections: a name pattern with {id} (the tenant) and optionally {type}.
    /// Empty when tenants are not split by collection.
    QString collectionPattern = defaultCollectionPattern();
    /// Tenants as a payload field (every point carries it). Empty when not used.
    QString tenantPayloadKey = defaultTenantPayloadKey();

    EmbedderKind embedderKind = EmbedderKind::Local;
    /// OpenAI-compatible endpoint, e.g. https://api.openai.com/v1; unused for Local.
    QUrl embedderBaseUrl;
    /// e.g. text-embedding-3-small; unused for Local.
    QString embedderModel;
    /// Length of the vectors the embedder makes.
    int embedderDimensions = DefaultDimensions;

    /// A new profile with a fresh id and the defaults.
    static ConnectionProfile create(const QString &name, const QUrl &url);
    /// The profile of the embedded memory-store, offered when no profile exists. Its id is
    /// fixed so that it stays the same across runs.
    static ConnectionProfile embeddedDefault();

    /// Everything wrong with this profile, one sentence per problem; empty when it is valid.
    QStringList problems() const;
    bool isValid() const { return problems().isEmpty(); }

    /// "local" or "openai", as stored in the settings file.
    static QString embedderKindName(EmbedderKind kind);
    /// The kind with that name; false in *ok (and Local) for a name it does not know.
    static EmbedderKind embedderKindFromName(const QString &name, bool *ok = nullptr);

    friend bool operator==(const ConnectionProfile &, const ConnectionProfile &) = default;
};

Q_DECLARE_METATYPE(ConnectionProfile)
