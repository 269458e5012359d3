#pragma once

#include <QStyledItemDelegate>

struct AgentMemorySchema;
struct SchemaField;

/// Typed editors for a PayloadTreeModel: choices of a keyword as a combo box, scores as spin
/// boxes within their range, date-times as a date-time editor, keyword lists as one
/// comma-separated line, booleans as true/false, JSON types as a combo box. Without a schema
/// (an unknown collection) values are edited as plain JSON: numbers, booleans and text.
/// Also paints what the model leaves to the view: an item's position, problems in red and
/// read-only keys dimmed.
class PayloadValueDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit PayloadValueDelegate(QObject *parent = nullptr);

    /// The schema the top-level fields follow; nullptr for a plain JSON tree.
    void setSchema(const AgentMemorySchema *schema) { m_schema = schema; }
    /// The schema field the node at index stands for: a top-level field, or (item set to
    /// true) an item of a top-level list field; nullptr when the schema does not name it.
    const SchemaField *fieldFor(const QModelIndex &index, bool *item = nullptr) const;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model,
                      const QModelIndex &index) const override;
    void updateEditorGeometry(QWidget *editor, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    enum class Editor { Default, Type, Choice, Boolean, Number, Range, DateTime, List, Lines };
    Editor editorFor(const QModelIndex &index) const;
    QString fieldHelp(const SchemaField &field) const;

    const AgentMemorySchema *m_schema = nullptr;
};
