#include "embedderfactory.h"

#include "httptransport.h"
#include "localembedder.h"
#include "openaiembedder.h"
#include "secretstore.h"

#include <QPointer>
#include <QTimer>

namespace {

OpenAiEmbedderConfig openAiConfig(const ConnectionProfile &profile, const QString &key)
{
    OpenAiEmbedderConfig config;
    config.url = profile.embedderBaseUrl;
    config.model = profile.embedderModel.trimmed();
    // The model's own size is not sent: text-embedding-ada-002 refuses any "dimensions",
    // and for the models that accept it the answer is the same. Any other size is asked for
    // (and the answers are held to it).
    const int known = OpenAiEmbedder::knownModelDimension(config.model);
    config.dimensions = known == profile.embedderDimensions ? 0 : profile.embedderDimensions;
    config.apiKey = key;
    return config;
}

Embedder *makeOpenAi(const ConnectionProfile &profile, const QString &key, QObject *owner)
{
    // The transport belongs to the embedder, so it lives exactly as long as its calls can.
    auto *transport = new HttpTransport(owner);
    auto *embedder = new OpenAiEmbedder(transport, openAiConfig(profile, key), owner);
    transport->setParent(embedder);
    return embedder;
}

void answerLater(QObject *owner, EmbedderFactory::Done done, Result<Embedder *> result)
{
    QTimer::singleShot(
        0, owner, [done = std::move(done), result = std::move(result)] { done(result); });
}

} // namespace

QStringList EmbedderFactory::problems(const ConnectionProfile &profile)
{
    QStringList found;
    if (profile.embedderDimensions < 1
        || profile.embedderDimensions > ConnectionProfile::MaxDimensions) {
        found << tr("The embedder's vector size must be between 1 and %1, not %2.")
                     .arg(ConnectionProfile::MaxDimensions)
                     .arg(profile.embedderDimensions);
    }
    if (profile.embedderKind != ConnectionProfile::EmbedderKind::OpenAi)
        return found;
    const QUrl &url = profile.embedderBaseUrl;
    const QString scheme = url.scheme().toLower();
    if (url.isEmpty()) {
        found << tr("The embedder URL is missing.");
    } else if (!url.isValid() || (scheme != u"http" && scheme != u"https")
        || url.host().isEmpty()) {
        found << tr("The embedder URL \"%1\" is not an http:// or https:// address.")
                     .arg(url.toDisplayString());
    }
    if (profile.embedderModel.trimmed().isEmpty())
        found << tr("The embedder needs a model name (e.g. text-embedding-3-small).");
    return found;
}

QString EmbedderFactory::describe(const ConnectionProfile &profile)
{
    if (profile.embedderKind == ConnectionProfile::EmbedderKind::OpenAi)
        return OpenAiEmbedder(nullptr, openAiConfig(profile, QString())).displayName();
    return LocalEmbedder(profile.embedderDimensions).displayName();
}

void EmbedderFactory::create(
    const ConnectionProfile &profile, SecretStore *secrets, QObject *owner, Done done)
{
    const QStringList wrong = problems(profile);
    if (!wrong.isEmpty()) {
        NetError error;
        error.kind = NetError::Kind::Invalid;
        error.message = tr("The embedder of profile \"%1\" cannot be used: %2")
                            .arg(profile.name, wrong.join(QLatin1Char(' ')));
        answerLater(owner, std::move(done), error);
        return;
    }
    if (profile.embedderKind == ConnectionProfile::EmbedderKind::Local) {
        answerLater(owner, std::move(done),
            static_cast<Embedder *>(new LocalEmbedder(profile.embedderDimensions, owner)));
        return;
    }
    if (!secrets) {
        answerLater(owner, std::move(done), makeOpenAi(profile, QString(), owner));
        return;
    }
    QPointer<QObject> guard = owner;
    secrets->read(profile.id, SecretStore::Secret::EmbedderKey, owner,
        [guard, profile, done = std::move(done)](const Result<QString> &key) {
            if (!guard)
                return;
            if (key.ok()) {
                done(makeOpenAi(profile, key.value(), guard));
            } else if (SecretStore::failureOf(key.error()) == SecretStore::Failure::NoKeyring) {
                done(makeOpenAi(profile, QString(), guard));
            } else {
                NetError error = key.error();
                error.message = tr("The embedder's key could not be read: %1").arg(error.message);
                done(error);
            }
        });
}

std::optional<QString> EmbedderFactory::vectorFor(
    const QMap<QString, VectorParams> &vectors, int dimension)
{
    if (vectors.size() == 1)
        return vectors.firstKey();
    if (vectors.contains(QString()))
        return QString();
    std::optional<QString> fitting;
    for (auto it = vectors.begin(); it != vectors.end(); ++it) {
        if (dimension <= 0 || it.value().size != dimension)
            continue;
        if (fitting)
            return std::nullopt; // two of that size: the user has to choose
        fitting = it.key();
    }
    return fitting;
}
