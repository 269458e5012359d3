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

    /// Shows a collection's points (the filter cleared).
    void openCollection(const QString &collection);
    /// Shows the points of a collection that match a filter (e.g. a leakage finding).
    void openCollectionFiltered(const QString &collection, const QJsonObject &filter);

private:
    void showNewRecordDialog();
    void refreshNewRecordAction();
    void editPoint(const QString &collection, const PointId &id, const QJsonObject &payload);
    void onSaved(const QString &collection, const PointId &id, const QJsonObject &after);

    ConsoleSession *m_session;
    PointCuration *m_curation;
    SecretStore *m_secrets;
    QAction *m_newRecord;
    ReEmbedPrompt *m_reembed;
    QSplitter *m_splitter;
    PointsPane *m_points;
    PayloadEditor *m_editor;
    QString m_editedCollection;
    PointId m_editedId;
};
