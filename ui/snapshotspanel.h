#pragma once

#include "qdrantcallhandle.h"
#include "qdranttypes.h"

#include <QPointer>
#include <QWidget>

class ConsoleSession;
class InlineMessage;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;

/// The snapshots the server keeps of one collection: create one, list them, download one to
/// a chosen file (progress bar and Cancel; the file appears only when complete), restore the
/// collection from one (recoverSnapshot with its location on the server: the server's
/// snapshot folder, then <collection>/<snapshot>, as both Qdrant and memory-store lay them
/// out), delete one. Restore and delete ask first. Everything goes through ScopedAdmin.
class SnapshotsPanel final : public QWidget
{
    Q_OBJECT

public:
    /// The session is not owned and must outlive the panel.
    explicit SnapshotsPanel(ConsoleSession *session, QWidget *parent = nullptr);
    ~SnapshotsPanel() override;

    /// Shows a collection's snapshots, loading them from the server.
    void setCollection(const QString &collection);
    /// Lists the snapshots again.
    void reload();
    /// canRead: downloads are offered (the scope may take whole collections); canWrite:
    /// create, restore and delete are offered too (and the profile is not read-only).
    void setAccess(bool canRead, bool canWrite);
    /// The folder the server keeps snapshots in, as the server sees it (Qdrant's
    /// snapshots_path; /qdrant/snapshots in its container image).
    void setServerSnapshotFolder(const QString &folder);
    QString serverSnapshotFolder() const;

    /// Makes a new snapshot on the server.
    void createSnapshot();
    /// Asks for a file, then downloads the selected snapshot into it.
    void downloadSelectedSnapshot();
    /// Downloads a snapshot of the collection shown into filePath.
    void downloadSnapshotTo(const QString &snapshot, const QString &filePath);
    /// Stops the download; nothing is left at the chosen path.
    void cancelDownload();
    /// Asks, then restores the collection from the selected snapshot.
    void restoreSelectedSnapshot();
    /// Asks, then deletes the selected snapshot from the server.
    void deleteSelectedSnapshot();

    /// The snapshots listed, newest first as the server sends them.
    QList<SnapshotInfo> snapshots() const { return m_snapshots; }
    /// Selects a snapshot by name; false when it is not listed.
    bool selectSnapshot(const QString &name);
    bool isDownloading() const { return m_download.isRunning(); }
    QString messageText() const;

signals:
    void snapshotsListed(const QString &collection, int count);
    /// Bytes received of total (-1 when unknown).
    void downloadProgressed(qint64 received, qint64 total);
    void downloadFinished(const QString &filePath, qint64 bytes);
    void downloadFailed(const NetError &error);
    /// The collection was replaced by a snapshot's content.
    void collectionRestored(const QString &collection);

private:
    QString selectedSnapshot() const;
    void showSnapshots(const QList<SnapshotInfo> &snapshots);
    void restore(const QString &collection, const QString &snapshot);
    void refreshButtons();

    QPointer<ConsoleSession> m_session;
    QString m_collection;
    QList<SnapshotInfo> m_snapshots;
    bool m_canRead = false;
    bool m_canWrite = false;
    QString m_lastFolder; ///< where the last download went, offered first next time
    QdrantCallHandle m_listCall;
    QdrantCallHandle m_changeCall;
    QdrantCallHandle m_download;

    QTableWidget *m_table;
    QPushButton *m_create;
    QPushButton *m_downloadButton;
    QPushButton *m_restore;
    QPushButton *m_delete;
    QLineEdit *m_serverFolder;
    QLabel *m_progressLabel;
    QProgressBar *m_progress;
    QPushButton *m_cancel;
    InlineMessage *m_message;
};
