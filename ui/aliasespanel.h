#pragma once

#include "qdrantcallhandle.h"
#include "qdranttypes.h"

#include <QPointer>
#include <QWidget>

class ConsoleSession;
class InlineMessage;
class QLineEdit;
class QListWidget;
class QPushButton;

/// The aliases of one collection: create one, rename or delete the selected one, through
/// ScopedAdmin (in a tenant scope both the alias and the collection must be the tenant's).
/// Deleting asks first: clients that read through the alias stop finding the collection.
class AliasesPanel final : public QWidget
{
    Q_OBJECT

public:
    /// The session is not owned and must outlive the panel.
    explicit AliasesPanel(ConsoleSession *session, QWidget *parent = nullptr);
    ~AliasesPanel() override;

    /// Shows a collection's aliases, loading them from the server.
    void setCollection(const QString &collection);
    /// Lists the aliases again.
    void reload();
    /// Whether create, rename and delete are offered.
    void setEditable(bool editable);

    /// Makes `alias` point to the collection shown.
    void createAlias(const QString &alias);
    /// Renames the selected alias.
    void renameSelectedAlias(const QString &newAlias);
    /// Asks, then deletes the selected alias.
    void deleteSelectedAlias();
    /// The aliases listed.
    QStringList aliases() const;
    QString messageText() const;

signals:
    /// The alias list of the collection arrived.
    void aliasesListed(const QString &collection, const QStringList &aliases);
    /// An alias was created, renamed or deleted on the server.
    void aliasesChanged(const QString &collection);

private:
    void apply(const QList<AliasOperation> &operations, const QString &done);
    void refreshButtons();

    QPointer<ConsoleSession> m_session;
    QString m_collection;
    bool m_editable = false;
    QdrantCallHandle m_listCall;
    QdrantCallHandle m_changeCall;

    QListWidget *m_list;
    QLineEdit *m_name;
    QPushButton *m_create;
    QPushButton *m_rename;
    QPushButton *m_delete;
    InlineMessage *m_message;
};
