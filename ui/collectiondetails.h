#pragma once

#include "qdrantcallhandle.h"
#include "qdranttypes.h"

#include <QMap>
#include <QPointer>
#include <QWidget>

class AliasesPanel;
class ConsoleSession;
class IndexesPanel;
class InlineMessage;
class QLabel;
class QPlainTextEdit;
class QTabWidget;
class SnapshotsPanel;

/// What the collection browser shows for the selected collection: its info (status, counts,
/// vectors, configuration) and tabs for its payload indexes, aliases and snapshots. Mutating
/// actions are offered only where ScopedAdmin would allow them: not for a read-only profile,
/// and in a tenant scope only on the tenant's own collections (a shared collection's indexes
/// or snapshots touch every tenant's points); the header says why when they are not.
class CollectionDetails final : public QWidget
{
    Q_OBJECT

public:
    enum Tab { OverviewTab, IndexesTab, AliasesTab, SnapshotsTab };

    /// The session is not owned and must outlive the widget.
    explicit CollectionDetails(ConsoleSession *session, QWidget *parent = nullptr);
    ~CollectionDetails() override;

    /// Shows a collection (empty: nothing selected).
    void setCollection(const QString &collection);
    QString collection() const { return m_collection; }
    /// Asks the server for the collection's info again.
    void reloadInfo();
    /// See SnapshotsPanel::setServerSnapshotFolder.
    void setServerSnapshotFolder(const QString &folder);

    QTabWidget *tabs() const { return m_tabs; }
    IndexesPanel *indexesPanel() const { return m_indexes; }
    AliasesPanel *aliasesPanel() const { return m_aliases; }
    SnapshotsPanel *snapshotsPanel() const { return m_snapshots; }
    /// The overview's value of a row: "status", "optimizer", "points", "indexedVectors",
    /// "segments" or "vectors".
    QString overviewValue(const QString &key) const;
    QString messageText() const;

signals:
    /// The collection's info arrived.
    void infoLoaded(const QString &collection, const CollectionInfo &info);
    /// Indexes, aliases or content changed on the server (the browser's row is stale).
    void collectionChanged(const QString &collection);

private:
    void refreshAccess();
    void showInfo(const CollectionInfo &info);
    void clearOverview();

    QPointer<ConsoleSession> m_session;
    QString m_collection;
    QdrantCallHandle m_infoCall;

    QLabel *m_title;
    QLabel *m_accessNote;
    InlineMessage *m_message;
    QTabWidget *m_tabs;
    QMap<QString, QLabel *> m_values;
    QPlainTextEdit *m_config;
    IndexesPanel *m_indexes;
    AliasesPanel *m_aliases;
    SnapshotsPanel *m_snapshots;
};
