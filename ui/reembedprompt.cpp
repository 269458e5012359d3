#include "reembedprompt.h"

#include "consolesession.h"
#include "embedderfactory.h"
#include "pointcuration.h"
#include "profilecolours.h"
#include "secretstore.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>

namespace {

// Errors from net/ are clauses ("the embedder ... expects 64"); after a colon they end the
// sentence, so they get its full stop.
QString sentenceEnd(const QString &text)
{
    QString trimmed = text.trimmed();
    if (trimmed.isEmpty() || trimmed.endsWith(u'.') || trimmed.endsWith(u'!')
        || trimmed.endsWith(u'?') || trimmed.endsWith(u')'))
        return trimmed;
    return trimmed + QLatin1Char('.');
}

} // namespace

ReEmbedPrompt::ReEmbedPrompt(
    ConsoleSession *session, PointCuration *curation, SecretStore *secrets, QWidget *parent)
    : QFrame(parent)
    , m_session(session)
    , m_curation(curation)
    , m_secrets(secrets)
    , m_icon(new QLabel(this))
    , m_message(new QLabel(this))
    , m_reembedButton(new QPushButton(tr("&Re-embed"), this))
    , m_dismissButton(new QPushButton(tr("Dismiss"), this))
{
    setObjectName(QStringLiteral("reembedPrompt"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_message->setObjectName(QStringLiteral("reembedMessage"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_reembedButton->setObjectName(QStringLiteral("reembedButton"));
    m_dismissButton->setObjectName(QStringLiteral("reembedDismiss"));
    m_reembedButton->setAutoDefault(false);
    m_dismissButton->setAutoDefault(false);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_message, 1);
    layout->addWidget(m_reembedButton);
    layout->addWidget(m_dismissButton);

    connect(m_reembedButton, &QPushButton::clicked, this, &ReEmbedPrompt::reembed);
    connect(m_dismissButton, &QPushButton::clicked, this, &ReEmbedPrompt::dismiss);
    if (curation) {
        connect(curation, &PointCuration::vectorUpdated, this, &ReEmbedPrompt::updated);
        connect(curation, &PointCuration::failed, this, &ReEmbedPrompt::failed);
    }
    if (session) {
        // Another tenant or connection: the point the bar speaks of is no longer in view.
        auto forget = [this] {
            ++m_generation;
            setBusy(false);
            hide();
        };
        connect(session, &ConsoleSession::scopeChanged, this, forget);
        connect(session, &ConsoleSession::closed, this, forget);
    }
    applyTint();
    hide();
}

ReEmbedPrompt::~ReEmbedPrompt() = default;

bool ReEmbedPrompt::offer(const QString &collection, const PointId &id, const QJsonObject &before,
    const QJsonObject &after)
{
    if (!m_session || m_session->isReadOnly()
        || !PointCuration::changesEmbeddedText(collection, before, after))
        return false;
    offerText(collection, id, PointCuration::embeddedText(collection, after));
    return true;
}

void ReEmbedPrompt::offerText(const QString &collection, const PointId &id, const QString &text)
{
    ++m_generation;
    m_collection = collection;
    m_id = id;
    m_text = text;
    m_error = false;
    setBusy(false);
    m_message->setText(tr("The text this point's vector is computed from changed. Re-embed "
                          "now?"));
    m_reembedButton->setText(tr("&Re-embed"));
    applyTint();
    show();
}

QString ReEmbedPrompt::messageText() const
{
    return m_message->text();
}

void ReEmbedPrompt::reembed()
{
    if (m_busy || !m_session || !m_curation || m_id.isNull())
        return;
    if (m_session->isReadOnly()) {
        showFailure(tr("Profile \"%1\" is read-only.").arg(m_session->profile().name));
        return;
    }
    m_error = false;
    setBusy(true);
    applyTint();
    m_message->setText(
        tr("Re-embedding with %1…").arg(EmbedderFactory::describe(m_session->profile())));
    const int generation = m_generation;
    const ConnectionProfile profile = m_session->profile();
    if (m_embedder && m_embedderProfile == profile) {
        runWith(m_embedder, generation);
        return;
    }
    if (m_embedder)
        m_embedder->deleteLater(); // made for settings the profile no longer has
    EmbedderFactory::create(
        profile, m_secrets, this, [this, generation, profile](const Result<Embedder *> &made) {
            if (made.ok()) {
                m_embedder = made.value();
                m_embedderProfile = profile;
            }
            if (generation != m_generation)
                return;
            if (made.ok())
                runWith(made.value(), generation);
            else
                showFailure(made.error().message);
        });
}

void ReEmbedPrompt::runWith(Embedder *embedder, int generation)
{
    if (!m_session)
        return;
    QPointer<Embedder> guard = embedder;
    // The point's vector is the collection's one vector, or among named ones the one the
    // embedder's size fits; PointCuration then checks the size against it.
    m_session->admin().collectionInfo(
        m_collection, this, [this, guard, generation](const Result<CollectionInfo> &info) {
            if (generation != m_generation || !guard || !m_curation)
                return;
            if (!info.ok()) {
                showFailure(info.error().message);
                return;
            }
            const std::optional<QString> vector
                = EmbedderFactory::vectorFor(info.value().vectors, guard->dimension());
            if (!vector) {
                showFailure(tr("%1 has several named vectors and none fits the embedder's %2 "
                               "dimensions alone.")
                                .arg(m_collection)
                                .arg(guard->dimension()));
                return;
            }
            m_curation->reembed(m_collection, m_id, m_text, guard, *vector);
        });
}

void ReEmbedPrompt::updated(const QString &collection, const PointId &id)
{
    if (!m_busy || collection != m_collection || id != m_id)
        return;
    setBusy(false);
    hide();
    emit reembedded(collection, id);
}

void ReEmbedPrompt::failed(const QString &what, const NetError &error)
{
    // PointCuration names each request's failure by what it was doing; only ours is ours.
    const QString ours = QCoreApplication::translate("PointCuration", "Re-embedding point %1 of %2")
                             .arg(m_id.toString(), m_collection);
    if (m_busy && what == ours)
        showFailure(error.message);
}

void ReEmbedPrompt::showFailure(const QString &text)
{
    setBusy(false);
    m_error = true;
    m_message->setText(tr("The vector was not replaced: %1").arg(sentenceEnd(text)));
    m_reembedButton->setText(tr("T&ry again"));
    applyTint();
}

void ReEmbedPrompt::dismiss()
{
    ++m_generation;
    setBusy(false);
    hide();
    emit dismissed();
}

void ReEmbedPrompt::setBusy(bool busy)
{
    m_busy = busy;
    m_reembedButton->setEnabled(!busy);
}

void ReEmbedPrompt::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    // The desktop switched between light and dark: the tint must follow.
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ParentChange)
        applyTint();
}

void ReEmbedPrompt::applyTint()
{
    const QPalette base = parentWidget() ? parentWidget()->palette() : QPalette();
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(style()
                          ->standardIcon(m_error ? QStyle::SP_MessageBoxWarning
                                                 : QStyle::SP_MessageBoxInformation,
                              nullptr, this)
                          .pixmap(size, size));
    QPalette own = palette();
    const QColor background = ProfileColours::noticeBackground(base);
    const QColor text
        = m_error ? ProfileColours::errorText(base) : ProfileColours::noticeText(base);
    if (own.color(QPalette::Window) == background && own.color(QPalette::WindowText) == text)
        return; // setPalette would send PaletteChange again
    own.setColor(QPalette::Window, background);
    own.setColor(QPalette::WindowText, text);
    setPalette(own);
}
