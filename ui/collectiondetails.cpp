#include "collectiondetails.h"

#include "aliasespanel.h"
#include "consolesession.h"
#include "indexespanel.h"
#include "inlinemessage.h"
#include "snapshotspanel.h"

#include <QFontDatabase>
#include <QFormLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QVBoxLayout>

CollectionDetails::CollectionDetails(ConsoleSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_title(new QLabel(this))
    , m_accessNote(new QLabel(this))
    , m_message(new InlineMessage(this))
    , m_tabs(new QTabWidget(this))
    , m_config(new QPlainTextEdit(this))
    , m_indexes(new IndexesPanel(session, this))
    , m_aliases(new AliasesPanel(session, this))
    , m_snapshots(new SnapshotsPanel(session, this))
{
    m_title->setObjectName(QStringLiteral("detailsTitle"));
    m_title->setTextFormat(Qt::PlainText);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_title->setFont(titleFont);
    m_accessNote->setObjectName(QStringLiteral("accessNote"));
    m_accessNote->setWordWrap(true);
    m_accessNote->hide();
    m_message->setObjectName(QStringLiteral("detailsMessage"));

    auto *overview = new QWidget(this);
    auto *form = new QFormLayout;
    const QList<std::pair<QString, QString>> rows{
        {QStringLiteral("status"), tr("Status:")},
        {QStringLiteral("optimizer"), tr("Optimizer:")},
        {QStringLiteral("points"), tr("Points:")},
        {QStringLiteral("indexedVectors"), tr("Indexed vectors:")},
        {QStringLiteral("segments"), tr("Segments:")},
        {QStringLiteral("vectors"), tr("Vectors:")},
    };
    for (const auto &[key, label] : rows) {
        auto *value = new QLabel(overview);
        value->setObjectName(key + QStringLiteral("Value"));
        value->setTextFormat(Qt::PlainText);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        value->setWordWrap(true);
        form->addRow(label, value);
        m_values.insert(key, value);
    }
    m_config->setObjectName(QStringLiteral("configText"));
    m_config->setReadOnly(true);
    m_config->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_config->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *overviewLayout = new QVBoxLayout(overview);
    overviewLayout->addLayout(form);
    overviewLayout->addWidget(new QLabel(tr("Configuration:"), overview));
    overviewLayout->addWidget(m_config, 1);

    m_tabs->setObjectName(QStringLiteral("detailsTabs"));
    m_tabs->addTab(overview, tr("Overview"));
    m_tabs->addTab(m_indexes, tr("Payload indexes"));
    m_tabs->addTab(m_aliases, tr("Aliases"));
    m_tabs->addTab(m_snapshots, tr("Snapshots"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_accessNote);
    layout->addWidget(m_message);
    layout->addWidget(m_tabs, 1);

    connect(m_indexes, &IndexesPanel::indexesChanged, this, [this](const QString &collection) {
        if (collection == m_collection)
            reloadInfo();
        emit collectionChanged(collection);
    });
    connect(m_aliases, &AliasesPanel::aliasesChanged, this, &CollectionDetails::collectionChanged);
    connect(m_snapshots, &SnapshotsPanel::collectionRestored, this,
            [this](const QString &collection) {
                if (collection == m_collection)
                    reloadInfo();
                emit collectionChanged(collection);
            });
    if (session) {
        connect(session, &ConsoleSession::scopeChanged, this, &CollectionDetails::refreshAccess);
        connect(session, &ConsoleSession::opened, this, &CollectionDetails::refreshAccess);
    }
    setCollection(QString());
}

CollectionDetails::~CollectionDetails()
{
    m_infoCall.cancel();
}

void CollectionDetails::setCollection(const QString &collection)
{
    const bool changed = collection != m_collection;
    m_collection = collection;
    if (changed) {
        m_message->clearMessage();
        clearOverview();
    }
    m_title->setText(collection.isEmpty() ? tr("No collection selected") : collection);
    m_tabs->setEnabled(!collection.isEmpty());
    refreshAccess();
    m_aliases->setCollection(collection);
    m_snapshots->setCollection(collection);
    if (changed)
        m_indexes->setCollection(collection, {});
    reloadInfo();
}

void CollectionDetails::refreshAccess()
{
    bool canRead = false;
    bool canWrite = false;
    QString note;
    if (m_session && !m_collection.isEmpty()) {
        const Result<QString> allowed = m_session->scope().checkCollectionOperation(m_collection);
        canRead = allowed.ok();
        canWrite = canRead && !m_session->isReadOnly();
        if (!canRead)
            note = tr("Indexes, aliases and snapshots of %1 act on every tenant's points: "
                      "switch to All tenants (admin) to manage them.")
                       .arg(m_collection);
        else if (!canWrite)
            note = tr("Read-only profile: nothing here can be changed.");
    }
    m_accessNote->setText(note);
    m_accessNote->setVisible(!note.isEmpty());
    m_indexes->setEditable(canWrite);
    m_aliases->setEditable(canWrite);
    m_snapshots->setAccess(canRead, canWrite);
}

void CollectionDetails::reloadInfo()
{
    m_infoCall.cancel();
    if (!m_session || m_collection.isEmpty())
        return;
    const QString collection = m_collection;
    m_infoCall = m_session->admin().collectionInfo(
        collection, this, [this, collection](const Result<CollectionInfo> &info) {
            if (collection != m_collection)
                return;
            if (!info.ok()) {
                m_message->showError(info.error().message);
                return;
            }
            m_message->clearMessage();
            showInfo(info.value());
            emit infoLoaded(collection, info.value());
        });
}

void CollectionDetails::setServerSnapshotFolder(const QString &folder)
{
    m_snapshots->setServerSnapshotFolder(folder);
}

void CollectionDetails::showInfo(const CollectionInfo &info)
{
    const QLocale locale;
    const auto count = [&locale](qint64 n) {
        return n < 0 ? tr("not reported") : locale.toString(n);
    };
    m_values.value(QStringLiteral("status"))->setText(info.status);
    m_values.value(QStringLiteral("optimizer"))->setText(info.optimizerStatus);
    m_values.value(QStringLiteral("points"))->setText(count(info.pointsCount));
    m_values.value(QStringLiteral("indexedVectors"))->setText(count(info.indexedVectorsCount));
    m_values.value(QStringLiteral("segments"))->setText(locale.toString(info.segmentsCount));
    QStringList vectors;
    for (auto it = info.vectors.cbegin(); it != info.vectors.cend(); ++it) {
        const QString params = tr("%1 dimensions · %2").arg(it->size).arg(it->distance);
        vectors.append(it.key().isEmpty() ? params : tr("%1: %2").arg(it.key(), params));
    }
    m_values.value(QStringLiteral("vectors"))->setText(vectors.join(QLatin1Char('\n')));
    m_config->setPlainText(QString::fromUtf8(QJsonDocument(info.config).toJson()));
    m_indexes->setCollection(m_collection, info.payloadSchema);
}

void CollectionDetails::clearOverview()
{
    for (QLabel *value : std::as_const(m_values))
        value->clear();
    m_config->clear();
}

QString CollectionDetails::overviewValue(const QString &key) const
{
    QLabel *value = m_values.value(key);
    return value ? value->text() : QString();
}

QString CollectionDetails::messageText() const
{
    return m_message->text();
}
