#pragma once

#include "pointid.h"

#include <QJsonObject>
#include <QWidget>

class ConsoleSession;
class PayloadEditor;
class PointCuration;
class PointsPane;
class QAction;
class QSplitter;
class ReEmbedPrompt;
class SecretStore;

/// The points table with the payload editor beside it: a point opened in the table is edited
/// on the right, saved through PointCuration (scope, journal), and the table reloads.
class PointsWorkspace final : public QWidget
{
    Q_OBJECT

public:
    /// secrets may be nullptr (no keychain): a remote embedder then goes without a key.
    PointsWorkspace(ConsoleSession *session, PointCuration *curation, SecretStore *secrets,
                    QWidget *parent = nullptr);

    PointsPane *pointsPane() const { return m_points; }
    PayloadEditor *editor() const { return m_editor; }
    ReEmbedPrompt *reembedPrompt() const { return m_reembed; }
    /// Points → New record… (Ctrl+N): the schema's form, embedded and saved under the tenant.
    QAction *newRecordAction() const { return m_newRecord; }
    /// Export… (Ctrl+Shift+E): the points the table's filter selects, to JSONL or CSV.
    QAction *exportAction() const { return m_export; }
    /// Find similar (Ctrl+Shift+F): the current row's nearest neighbours, in the search pane.
    QAction *findSimilarAction() const { return m_findSimilar; }

    /// Shows a collection's points (the filter cleared).
    void openCollection(const QString &collection);
    /// Shows the points of a collection that match a filter (e.g. a leakage finding).
    void openCollectionFiltered(const QString &collection, const QJsonObject &filter);
    /// Opens a point in the payload editor (e.g. a search hit).
    void editPoint(const QString &collection, const PointId &id, const QJsonObject &payload);

signals:
    /// The user asked for the points nearest to this one.
    void findSimilarRequested(const QString &collection, const PointId &id);

private:
    void showNewRecordDialog();
    void refreshActions();
    void showExportDialog();
    void findSimilarToCurrent();
    void onSaved(const QString &collection, const PointId &id, const QJsonObject &after);

    ConsoleSession *m_session;
    PointCuration *m_curation;
    SecretStore *m_secrets;
    QAction *m_newRecord;
    QAction *m_export;
    QAction *m_findSimilar;
    ReEmbedPrompt *m_reembed;
    QSplitter *m_splitter;
    PointsPane *m_points;
    PayloadEditor *m_editor;
    QString m_editedCollection;
    PointId m_editedId;
};
