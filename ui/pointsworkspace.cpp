#include "pointsworkspace.h"

#include "consolesession.h"
#include "payloadeditor.h"
#include "pointcuration.h"
#include "pointspane.h"

#include <QSplitter>
#include <QVBoxLayout>

PointsWorkspace::PointsWorkspace(ConsoleSession *session, PointCuration *curation,
                                 QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_curation(curation)
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_points(new PointsPane(session, m_splitter))
    , m_editor(new PayloadEditor(m_splitter))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
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
    // A new scope or connection: what the editor shows may no longer be ours to see.
    connect(session, &ConsoleSession::scopeChanged, this, [this] {
        m_editedId = PointId();
        m_editor->setPayload({});
        m_editor->setEnabled(false);
    });
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
    if (collection == m_editedCollection && id == m_editedId)
        m_editor->setPayload(after);
    m_points->reload();
}
