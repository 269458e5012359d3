#pragma once

#include <QTreeView>

class PayloadTreeModel;
class PayloadValueDelegate;
class QAction;
class QMenu;
struct AgentMemorySchema;
struct SchemaField;

/// The tree mode of the payload editor: a PayloadTreeModel with typed editors
/// (PayloadValueDelegate) and the structural edits as actions: add a field (to the selected
/// object, or one the schema has and the payload lacks), add an item to a list, remove.
class PayloadTreeView final : public QTreeView
{
    Q_OBJECT

public:
    explicit PayloadTreeView(PayloadTreeModel *model, QWidget *parent = nullptr);
    using QTreeView::edit; // the public edit(index) beside the override below

    /// The schema whose fields get typed editors and the "Add field" menu; nullptr for none.
    void setSchema(const AgentMemorySchema *schema);
    /// False for a read-only profile: no editor opens, no action is enabled.
    void setEditable(bool editable);
    /// Commits and closes the editor open in the tree, if one is.
    void commitEditor();

    QAction *addFieldAction() const { return m_addField; }
    QAction *addItemAction() const { return m_addItem; }
    QAction *removeAction() const { return m_remove; }
    /// The schema's fields the payload lacks, to add; rebuilt as it opens.
    QMenu *schemaFieldsMenu() const { return m_schemaFields; }
    PayloadValueDelegate *valueDelegate() const { return m_delegate; }

public slots:
    /// Adds a field named new_field (new_field_2, ...) and opens its name for editing.
    void addField();
    /// Adds an item after the selected one (or at the end of the selected list).
    void addItem();
    /// Removes the selected field or item.
    void removeCurrent();
    /// Enables the actions that apply to the current index.
    void updateActions();

signals:
    /// A structural edit was refused; message says why.
    void editRefused(const QString &message);

protected:
    void currentChanged(const QModelIndex &current, const QModelIndex &previous) override;
    /// A masked value opens no editor: the user is told why (editRefused) instead.
    bool edit(const QModelIndex &index, EditTrigger trigger, QEvent *event) override;

private:
    void fillSchemaMenu();
    void addSchemaField(const QString &name);
    void beginEditing(const QModelIndex &index);
    QModelIndex objectFor(QModelIndex index) const;

    PayloadTreeModel *m_model;
    PayloadValueDelegate *m_delegate;
    const AgentMemorySchema *m_schema = nullptr;
    bool m_editable = true;
    QAction *m_addField;
    QAction *m_addItem;
    QAction *m_remove;
    QMenu *m_schemaFields;
};
