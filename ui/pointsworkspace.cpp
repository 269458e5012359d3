#include "pointsworkspace.h"

#include "consolesession.h"
#include "exportdialog.h"
#include "newrecorddialog.h"
#include "payloadeditor.h"
#include "pointcuration.h"
#include "pointsmodel.h"
#include "pointspane.h"
#include "reembedprompt.h"

#include <QAction>
#include <QSplitter>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

PointsWorkspace::PointsWorkspace(ConsoleSession *session, PointCuration *curation,
                                 SecretStore *secrets, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_curation(curation)
    , m_secrets(secrets)
    , m_newRecord(new QAction(tr("&New record…"), this))
    , m_export(new QAction(tr("&Export…"), this))
    , m_findSimilar(new QAction(tr("Find &similar"), this))
    , m_reembed(new ReEmbedPrompt(session, curation, secrets, this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_points(new PointsPane(session, curation, m_splitter))
    , m_editor(new PayloadEditor(m_splitter))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *tools = new QToolBar(this);
    m_newRecord->setObjectName(QStringLiteral("newRecordAction"));
    m_newRecord->setShortcut(QKeySequence::New);
    m_newRecord->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    tools->addAction(m_newRecord);
    m_export->setObjectName(QStringLiteral("exportAction"));
    m_export->setShortcut(QKeySequence(tr("Ctrl+Shift+E")));
    m_export->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    tools->addAction(m_export);
    m_findSimilar->setObjectName(QStringLiteral("findSimilarAction"));
    m_findSimilar->setShortcut(QKeySequence(tr("Ctrl+Shift+F")));
    m_findSimilar->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    tools->addAction(m_findSimilar);
    // A WidgetWithChildrenShortcut works inside the widgets its action was added to: the
    // workspace, so the keys work wherever the focus is in it (not only on the toolbar).
    addActions({m_newRecord, m_export, m_findSimilar});
    layout->addWidget(tools);
    layout->addWidget(m_reembed);
    m_reembed->hide();
    layout->addWidget(m_splitter);
    m_splitter->addWidget(m_points);
    m_splitter->addWidget(m_editor);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_editor->setEnabled(false);

    connect(m_points, &PointsPane::pointActivated, this, &PointsWorkspace::editPoint);
    connect(m_editor, &PayloadEditor::saveRequested, this,
            [this](const QJsonObject &payload, bool overwrite) {
                if (m_editedId.isNull())
                    return;
                m_curation->savePayload(m_editedCollection, m_editedId,
                                        m_editor->originalPayload(), payload, overwrite);
            });
    connect(m_curation, &PointCuration::payloadSaved, this, &PointsWorkspace::onSaved);
    connect(m_newRecord, &QAction::triggered, this, &PointsWorkspace::showNewRecordDialog);
    connect(m_export, &QAction::triggered, this, &PointsWorkspace::showExportDialog);
    connect(m_findSimilar, &QAction::triggered, this, &PointsWorkspace::findSimilarToCurrent);
    connect(m_points->model(), &QAbstractItemModel::modelReset, this,
            &PointsWorkspace::refreshActions);
    connect(session, &ConsoleSession::opened, this, &PointsWorkspace::refreshActions);
    refreshActions();
    // A new scope or connection: what the editor shows may no longer be ours to see.
    connect(session, &ConsoleSession::scopeChanged, this, [this] {
        m_editedId = PointId();
        m_editor->setPayload({});
        m_editor->setEnabled(false);
        refreshActions();
    });
}

void PointsWorkspace::refreshActions()
{
    const QString collection = m_points->model()->collection();
    const QString refusal = collection.isEmpty() ? tr("Open a collection first.")
                                                 : NewRecordDialog::refusal(m_session, collection);
    m_newRecord->setEnabled(refusal.isEmpty());
    m_newRecord->setToolTip(refusal.isEmpty() ? tr("Add a record to %1 (Ctrl+N)").arg(collection)
                                              : refusal);
    // Reading is allowed to a read-only profile: export and search only need a collection.
    m_export->setEnabled(!collection.isEmpty());
    m_export->setToolTip(collection.isEmpty()
                             ? tr("Open a collection first.")
                             : tr("Export the points the filter selects (Ctrl+Shift+E)"));
    m_findSimilar->setEnabled(!collection.isEmpty());
    m_findSimilar->setToolTip(tr("Search for the points nearest to the current one "
                                 "(Ctrl+Shift+F)"));
}

void PointsWorkspace::showExportDialog()
{
    const QString collection = m_points->model()->collection();
    if (collection.isEmpty())
        return;
    auto *dialog = new ExportDialog(m_session, collection, m_points->filter(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void PointsWorkspace::findSimilarToCurrent()
{
    const QString collection = m_points->model()->collection();
    const int row = m_points->table()->currentIndex().row();
    const PointId id = row >= 0 ? m_points->model()->pointId(row) : m_editedId;
    if (collection.isEmpty() || id.isNull())
        return;
    emit findSimilarRequested(collection, id);
}

void PointsWorkspace::showNewRecordDialog()
{
    const QString collection = m_points->model()->collection();
    if (collection.isEmpty())
        return;
    auto *dialog = new NewRecordDialog(m_session, m_curation, m_secrets, collection, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &NewRecordDialog::recordSaved, m_points, &PointsPane::reload);
    dialog->show();
}

void PointsWorkspace::openCollection(const QString &collection)
{
    m_points->openCollection(collection);
    m_points->clearFilter();
}

void PointsWorkspace::openCollectionFiltered(const QString &collection, const QJsonObject &filter)
{
    m_points->openCollection(collection);
    m_points->setFilter(filter);
}

void PointsWorkspace::editPoint(const QString &collection, const PointId &id,
                                const QJsonObject &payload)
{
    m_editedCollection = collection;
    m_editedId = id;
    m_editor->setEnabled(true);
    m_editor->setCollection(collection);
    const TenantScope &scope = m_session->scope();
    // The tenant key of a shared collection is the scope's to set, never the editor's.
    // (A shared collection is one whose reads the scope filters.)
    const Result<QJsonObject> scoped = scope.scopeFilter(collection, {});
    const bool scopedKey = scope.mode() == TenantScope::Mode::Tenant
        && !scope.payloadKey().isEmpty() && scoped.ok() && !scoped.value().isEmpty();
    m_editor->setReadOnlyKeys(scopedKey ? QStringList{scope.payloadKey()} : QStringList());
    m_editor->setReadOnly(m_session->isReadOnly());
    m_editor->setPayload(payload);
}

void PointsWorkspace::onSaved(const QString &collection, const PointId &id,
                              const QJsonObject &after)
{
    if (collection == m_editedCollection && id == m_editedId) {
        // Offered before the editor forgets what the point held: re-embedding is a choice.
        m_reembed->offer(collection, id, m_editor->originalPayload(), after);
        m_editor->setPayload(after);
    }
    m_points->reload();
}
