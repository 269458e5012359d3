#include "connectionprofile.h"

#include <QFileInfo>
#include <QRegularExpression>

namespace {

QString tr(const char *text)
{
    return ConnectionProfile::tr(text);
}

// A base URL is where requests go; anything that could carry a secret (user info, a query
// such as ?api-key=) is refused, because the profile is saved in plain text.
void checkBaseUrl(const QUrl &url, const QString &what, QStringList &problems)
{
    if (url.isEmpty()) {
        problems << tr("%1 is missing.").arg(what);
        return;
    }
    if (!url.isValid()) {
        problems << tr("%1 is not a valid URL: %2").arg(what, url.errorString());
        return;
    }
    const QString scheme = url.scheme().toLower();
    if (scheme != u"http" && scheme != u"https") {
        problems << tr("%1 must start with http:// or https://, not \"%2\".")
                        .arg(what, url.toDisplayString());
        return;
    }
    if (url.host().isEmpty())
        problems << tr("%1 has no host name.").arg(what);
    if (!url.userInfo().isEmpty()) {
        problems << tr("%1 must not contain a user name or password; keys are kept in the "
                       "keychain, not in the URL.")
                        .arg(what);
    }
    if (url.hasQuery() || url.hasFragment()) {
        problems << tr("%1 must not have a query or fragment (?... or #...); keys are kept in "
                       "the keychain, not in the URL.")
                        .arg(what);
    }
}

void checkCollectionPattern(const QString &pattern, QStringList &problems)
{
    if (pattern.isEmpty())
        return; // tenants are not split by collection
    if (pattern.count(QStringLiteral("{id}")) != 1) {
        problems << tr("The collection-name pattern \"%1\" must contain {id} exactly once, where "
                       "the tenant's id goes (e.g. company_{id}_{type}).")
                        .arg(pattern);
    }
    if (pattern.count(QStringLiteral("{type}")) > 1) {
        problems << tr("The collection-name pattern \"%1\" may contain {type} at most once.")
                        .arg(pattern);
    }
    static const QRegularExpression placeholder(QStringLiteral("\\{([^}]*)\\}"));
    for (auto it = placeholder.globalMatch(pattern); it.hasNext();) {
        const QString name = it.next().captured(1);
        if (name != u"id" && name != u"type") {
            problems << tr("The collection-name pattern \"%1\" has an unknown placeholder {%2}; "
                           "only {id} and {type} are known.")
                            .arg(pattern, name);
        }
    }
    // Qdrant refuses these in collection names, so no collection could ever match.
    static const QRegularExpression forbidden(QStringLiteral("[/\\\\:*?\"<>|\\s]"));
    if (pattern.contains(forbidden)) {
        problems << tr("The collection-name pattern \"%1\" contains a character a collection "
                       "name cannot have (/ \\ : * ? \" < > | or a space).")
                        .arg(pattern);
    }
}

} // namespace

ConnectionProfile ConnectionProfile::create(const QString &name, const QUrl &url)
{
    ConnectionProfile profile;
    profile.id = QUuid::createUuid();
    profile.name = name;
    profile.url = url;
    return profile;
}

ConnectionProfile ConnectionProfile::embeddedDefault()
{
    ConnectionProfile profile;
    // Fixed, so the embedded profile keeps its id (and any keychain entry) across runs even
    // when it was never saved.
    profile.id = QUuid(QStringLiteral("{6d0b2c57-3f0e-4a53-9c51-4e0d7a1f6e01}"));
    profile.name = tr("Embedded memory-store");
    profile.embedded = true;
    profile.colour = QStringLiteral("#2e7d32");
    return profile;
}

QStringList ConnectionProfile::problems() const
{
    QStringList problems;
    if (id.isNull())
        problems << tr("The profile has no id.");
    if (name.trimmed().isEmpty())
        problems << tr("The profile needs a name.");
    else if (name.contains(QRegularExpression(QStringLiteral("[\\r\\n\\t]"))))
        problems << tr("The profile name must fit on one line.");

    if (!embedded)
        checkBaseUrl(url, tr("The server URL"), problems);
    if (!caCertificatePath.isEmpty() && !QFileInfo(caCertificatePath).isFile()) {
        problems << tr("The CA certificate file \"%1\" does not exist.")
                        .arg(caCertificatePath);
    }
    static const QRegularExpression hexColour(QStringLiteral("^#[0-9a-fA-F]{6}$"));
    if (!colour.isEmpty() && !hexColour.match(colour).hasMatch())
        problems << tr("The colour \"%1\" is not of the form #rrggbb.").arg(colour);

    checkCollectionPattern(collectionPattern, problems);
    if (tenantPayloadKey.contains(QRegularExpression(QStringLiteral("\\s")))) {
        problems << tr("The tenant payload key \"%1\" must not contain spaces.")
                        .arg(tenantPayloadKey);
    }

    if (embedderDimensions < 1 || embedderDimensions > MaxDimensions) {
        problems << tr("The embedder's vector size must be between 1 and %1, not %2.")
                        .arg(MaxDimensions)
                        .arg(embedderDimensions);
    }
    if (embedderKind == EmbedderKind::OpenAi) {
        checkBaseUrl(embedderBaseUrl, tr("The embedder URL"), problems);
        if (embedderModel.trimmed().isEmpty())
            problems << tr("The embedder needs a model name (e.g. text-embedding-3-small).");
    }
    return problems;
}

QString ConnectionProfile::embedderKindName(EmbedderKind kind)
{
    switch (kind) {
    case EmbedderKind::Local: return QStringLiteral("local");
    case EmbedderKind::OpenAi: return QStringLiteral("openai");
    }
    return {};
}

ConnectionProfile::EmbedderKind ConnectionProfile::embedderKindFromName(const QString &name,
                                                                        bool *ok)
{
    const bool openAi = name == u"openai";
    if (ok)
        *ok = openAi || name == u"local";
    return openAi ? EmbedderKind::OpenAi : EmbedderKind::Local;
}
