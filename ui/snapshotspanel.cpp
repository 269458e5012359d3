#include "snapshotspanel.h"

#include "consolesession.h"
#include "inlinemessage.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableWidget>
#include <QVBoxLayout>

namespace {

enum Column { NameColumn, CreatedColumn, SizeColumn, ColumnCount };

// The progress bar counts in thousandths: a snapshot can be larger than an int of bytes.
constexpr int kProgressSteps = 1000;

} // namespace

SnapshotsPanel::SnapshotsPanel(ConsoleSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_create(new QPushButton(tr("Create snapshot"), this))
    , m_downloadButton(new QPushButton(tr("Download…"), this))
    , m_restore(new QPushButton(tr("Restore…"), this))
    , m_delete(new QPushButton(tr("Delete…"), this))
    , m_serverFolder(new QLineEdit(QStringLiteral("/qdrant/snapshots"), this))
    , m_progressLabel(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_message(new InlineMessage(this))
{
    m_table->setObjectName(QStringLiteral("snapshotTable"));
    m_table->setHorizontalHeaderLabels({tr("Snapshot"), tr("Created"), tr("Size")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_table->setAlternatingRowColors(true);
    m_create->setObjectName(QStringLiteral("createSnapshotButton"));
    m_downloadButton->setObjectName(QStringLiteral("downloadSnapshotButton"));
    m_restore->setObjectName(QStringLiteral("restoreSnapshotButton"));
    m_delete->setObjectName(QStringLiteral("deleteSnapshotButton"));
    m_serverFolder->setObjectName(QStringLiteral("serverSnapshotFolder"));
    m_serverFolder->setToolTip(
        tr("Where the server keeps its snapshots, as a path on the server's machine: "
           "Qdrant's snapshots_path (/qdrant/snapshots in its container image), or "
           "<data folder>/snapshots for memory-store. Restore asks the server to read "
           "<folder>/<collection>/<snapshot>."));
    m_progress->setObjectName(QStringLiteral("downloadProgress"));
    m_progress->setRange(0, kProgressSteps);
    m_cancel->setObjectName(QStringLiteral("cancelDownloadButton"));
    m_message->setObjectName(QStringLiteral("snapshotMessage"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_create);
    buttons->addStretch();
    buttons->addWidget(m_downloadButton);
    buttons->addWidget(m_restore);
    buttons->addWidget(m_delete);

    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_cancel);

    auto *folder = new QFormLayout;
    folder->addRow(tr("Server snapshot folder:"), m_serverFolder);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    layout->addLayout(folder);
    layout->addWidget(m_progressLabel);
    layout->addLayout(progressRow);
    layout->addWidget(m_message);
    m_progressLabel->hide();
    m_progress->hide();
    m_cancel->hide();

    connect(m_create, &QPushButton::clicked, this, &SnapshotsPanel::createSnapshot);
    connect(m_downloadButton, &QPushButton::clicked, this,
            &SnapshotsPanel::downloadSelectedSnapshot);
    connect(m_restore, &QPushButton::clicked, this, &SnapshotsPanel::restoreSelectedSnapshot);
    connect(m_delete, &QPushButton::clicked, this, &SnapshotsPanel::deleteSelectedSnapshot);
    connect(m_cancel, &QPushButton::clicked, this, &SnapshotsPanel::cancelDownload);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &SnapshotsPanel::refreshButtons);
    connect(m_serverFolder, &QLineEdit::textChanged, this, &SnapshotsPanel::refreshButtons);
    refreshButtons();
}

SnapshotsPanel::~SnapshotsPanel()
{
    m_listCall.cancel();
    m_changeCall.cancel();
    m_download.cancel();
}

void SnapshotsPanel::setCollection(const QString &collection)
{
    if (collection != m_collection) {
        m_message->clearMessage();
        showSnapshots({});
    }
    m_collection = collection;
    refreshButtons();
    reload();
}

void SnapshotsPanel::reload()
{
    m_listCall.cancel();
    if (!m_session || m_collection.isEmpty() || !m_canRead)
        return;
    const QString collection = m_collection;
    m_listCall = m_session->admin().listSnapshots(
        collection, this, [this, collection](const Result<QList<SnapshotInfo>> &result) {
            if (collection != m_collection)
                return;
            if (!result.ok()) {
                m_message->showError(result.error().message);
                return;
            }
            showSnapshots(result.value());
            emit snapshotsListed(collection, int(m_snapshots.size()));
        });
}

void SnapshotsPanel::showSnapshots(const QList<SnapshotInfo> &snapshots)
{
    const QString selected = selectedSnapshot();
    m_snapshots = snapshots;
    m_table->setRowCount(0);
    const QLocale locale;
    for (const SnapshotInfo &snapshot : snapshots) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        auto *name = new QTableWidgetItem(snapshot.name);
        if (!snapshot.checksum.isEmpty())
            name->setToolTip(tr("sha256 %1").arg(snapshot.checksum));
        m_table->setItem(row, NameColumn, name);
        m_table->setItem(row, CreatedColumn, new QTableWidgetItem(
            snapshot.creationTime.isValid()
                ? locale.toString(snapshot.creationTime.toLocalTime(), QLocale::ShortFormat)
                : QString()));
        auto *size = new QTableWidgetItem(locale.formattedDataSize(snapshot.size));
        size->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(row, SizeColumn, size);
        if (snapshot.name == selected)
            m_table->selectRow(row);
    }
    m_table->resizeColumnToContents(CreatedColumn);
    m_table->resizeColumnToContents(SizeColumn);
    refreshButtons();
}

void SnapshotsPanel::setAccess(bool canRead, bool canWrite)
{
    const bool couldRead = m_canRead;
    m_canRead = canRead;
    m_canWrite = canRead && canWrite;
    if (!m_canRead)
        showSnapshots({});
    else if (!couldRead)
        reload();
    refreshButtons();
}

void SnapshotsPanel::setServerSnapshotFolder(const QString &folder)
{
    m_serverFolder->setText(folder);
}

QString SnapshotsPanel::serverSnapshotFolder() const
{
    return m_serverFolder->text().trimmed();
}

QString SnapshotsPanel::selectedSnapshot() const
{
    const int row = m_table->currentRow();
    if (row < 0 || !m_table->item(row, NameColumn) || !m_table->item(row, NameColumn)->isSelected())
        return QString();
    return m_table->item(row, NameColumn)->text();
}

bool SnapshotsPanel::selectSnapshot(const QString &name)
{
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (m_table->item(row, NameColumn)->text() == name) {
            m_table->selectRow(row);
            return true;
        }
    }
    return false;
}

void SnapshotsPanel::refreshButtons()
{
    const bool busy = m_changeCall.isRunning();
    const bool selected = !selectedSnapshot().isEmpty();
    const bool here = !m_collection.isEmpty();
    m_create->setEnabled(here && m_canWrite && !busy);
    m_downloadButton->setEnabled(here && m_canRead && selected && !m_download.isRunning());
    m_restore->setEnabled(here && m_canWrite && selected && !busy
                          && !serverSnapshotFolder().isEmpty());
    m_delete->setEnabled(here && m_canWrite && selected && !busy);
    m_serverFolder->setEnabled(m_canWrite);
}

void SnapshotsPanel::createSnapshot()
{
    if (!m_session || m_collection.isEmpty())
        return;
    const QString collection = m_collection;
    m_message->showInfo(tr("Creating a snapshot of %1…").arg(collection));
    m_changeCall = m_session->admin().createSnapshot(
        collection, this, [this, collection](const Result<SnapshotInfo> &result) {
            refreshButtons();
            if (collection != m_collection)
                return;
            if (!result.ok()) {
                m_message->showError(result.error().message);
                return;
            }
            m_message->showSuccess(tr("Created the snapshot %1 (%2).")
                                       .arg(result.value().name,
                                            QLocale().formattedDataSize(result.value().size)));
            reload();
        });
    refreshButtons();
}

void SnapshotsPanel::downloadSelectedSnapshot()
{
    const QString snapshot = selectedSnapshot();
    if (snapshot.isEmpty())
        return;
    // The folder of the last download, else Downloads, else home (Downloads may not exist).
    QString folder = m_lastFolder;
    if (folder.isEmpty() || !QDir(folder).exists())
        folder = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    if (folder.isEmpty() || !QDir(folder).exists())
        folder = QDir::homePath();
    const QString suggested = QDir(folder).filePath(snapshot);
    // open(), not exec(): no nested event loop. The file chooser is a form, not a question.
    auto *chooser = new QFileDialog(this, tr("Save snapshot %1").arg(snapshot), suggested);
    chooser->setObjectName(QStringLiteral("snapshotFileDialog"));
    chooser->setAcceptMode(QFileDialog::AcceptSave);
    chooser->setFileMode(QFileDialog::AnyFile);
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    chooser->selectFile(suggested);
    const QString collection = m_collection;
    connect(chooser, &QFileDialog::fileSelected, this,
            [this, collection, snapshot](const QString &path) {
                if (collection == m_collection && !path.isEmpty())
                    downloadSnapshotTo(snapshot, path);
            });
    chooser->open();
}

void SnapshotsPanel::downloadSnapshotTo(const QString &snapshot, const QString &filePath)
{
    if (!m_session || m_collection.isEmpty() || m_download.isRunning())
        return;
    m_message->clearMessage();
    m_lastFolder = QFileInfo(filePath).absolutePath();
    m_progressLabel->setText(tr("Downloading %1 to %2").arg(snapshot,
                                                            QDir::toNativeSeparators(filePath)));
    m_progressLabel->show();
    m_progress->setRange(0, 0); // busy until the size is known
    m_progress->show();
    m_cancel->show();
    const auto finish = [this] {
        m_progressLabel->hide();
        m_progress->hide();
        m_cancel->hide();
        refreshButtons();
    };
    m_download = m_session->admin().downloadSnapshot(
        m_collection, snapshot, filePath, this,
        [this](qint64 received, qint64 total) {
            if (total > 0) {
                m_progress->setRange(0, kProgressSteps);
                m_progress->setValue(int(qMin<qint64>(kProgressSteps,
                                                      received * kProgressSteps / total)));
            }
            m_progress->setFormat(total > 0 ? tr("%1 of %2").arg(
                                                  QLocale().formattedDataSize(received),
                                                  QLocale().formattedDataSize(total))
                                            : QLocale().formattedDataSize(received));
            emit downloadProgressed(received, total);
        },
        [this, filePath, finish](const Result<qint64> &result) {
            finish();
            if (!result.ok()) {
                m_message->showError(result.error().kind == NetError::Kind::Cancelled
                                         ? tr("Download cancelled; nothing was saved.")
                                         : result.error().message);
                emit downloadFailed(result.error());
                return;
            }
            m_message->showSuccess(tr("Saved %1 (%2).")
                                       .arg(QDir::toNativeSeparators(filePath),
                                            QLocale().formattedDataSize(result.value())));
            emit downloadFinished(filePath, result.value());
        });
    refreshButtons();
}

void SnapshotsPanel::cancelDownload()
{
    m_download.cancel();
}

void SnapshotsPanel::restoreSelectedSnapshot()
{
    const QString snapshot = selectedSnapshot();
    if (snapshot.isEmpty() || serverSnapshotFolder().isEmpty())
        return;
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Restore collection"),
                                tr("Restore %1 from the snapshot %2?").arg(m_collection, snapshot),
                                QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("restoreConfirmation"));
    box->setInformativeText(tr("Every point of %1 is replaced by the snapshot's: what was "
                               "written since it was taken is lost.")
                                .arg(m_collection));
    QPushButton *restoreButton = box->addButton(tr("Restore"), QMessageBox::DestructiveRole);
    restoreButton->setObjectName(QStringLiteral("confirmRestoreButton"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    const QString collection = m_collection;
    connect(box, &QMessageBox::finished, this, [this, box, restoreButton, collection, snapshot] {
        if (box->clickedButton() == restoreButton && collection == m_collection)
            restore(collection, snapshot);
    });
    box->open();
}

void SnapshotsPanel::restore(const QString &collection, const QString &snapshot)
{
    if (!m_session)
        return;
    const QString folder = serverSnapshotFolder();
    const QUrl location = QUrl::fromLocalFile(folder + QLatin1Char('/') + collection
                                              + QLatin1Char('/') + snapshot);
    QString checksum;
    for (const SnapshotInfo &info : std::as_const(m_snapshots)) {
        if (info.name == snapshot)
            checksum = info.checksum;
    }
    m_message->showInfo(tr("Restoring %1 from %2…").arg(collection, snapshot));
    m_changeCall = m_session->admin().recoverSnapshot(
        collection, location, checksum, this,
        [this, collection, snapshot](const Result<bool> &result) {
            refreshButtons();
            if (!result.ok()) {
                if (collection == m_collection)
                    m_message->showError(result.error().message);
                return;
            }
            if (collection == m_collection)
                m_message->showSuccess(tr("Restored %1 from %2.").arg(collection, snapshot));
            emit collectionRestored(collection);
        });
    refreshButtons();
}

void SnapshotsPanel::deleteSelectedSnapshot()
{
    const QString snapshot = selectedSnapshot();
    if (snapshot.isEmpty())
        return;
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Delete snapshot"),
                                tr("Delete the snapshot %1 of %2 from the server?")
                                    .arg(snapshot, m_collection),
                                QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("deleteSnapshotConfirmation"));
    box->setInformativeText(tr("A downloaded copy, if any, is not touched. This cannot be "
                               "undone."));
    QPushButton *remove = box->addButton(tr("Delete snapshot"), QMessageBox::DestructiveRole);
    remove->setObjectName(QStringLiteral("confirmDeleteSnapshotButton"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    const QString collection = m_collection;
    connect(box, &QMessageBox::finished, this, [this, box, remove, collection, snapshot] {
        if (box->clickedButton() != remove || collection != m_collection || !m_session)
            return;
        m_changeCall = m_session->admin().deleteSnapshot(
            collection, snapshot, this, [this, collection, snapshot](const Result<bool> &r) {
                refreshButtons();
                if (collection != m_collection)
                    return;
                if (!r.ok()) {
                    m_message->showError(r.error().message);
                    return;
                }
                m_message->showSuccess(tr("Deleted the snapshot %1.").arg(snapshot));
                reload();
            });
        refreshButtons();
    });
    box->open();
}

QString SnapshotsPanel::messageText() const
{
    return m_message->text();
}
