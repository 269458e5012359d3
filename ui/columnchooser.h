#pragma once

#include <QDialog>
#include <QStringList>

class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPushButton;

/// Which payload keys the points table shows, and in what order: every key known for the
/// collection (schema, indexes, keys seen in pages) with a check box, the shown ones first in
/// their order. Drag or Move up / Move down to reorder; a key no page has shown yet can be
/// typed in. Open it with open() and read chosenColumns() on accepted().
class ColumnChooser final : public QDialog
{
    Q_OBJECT

public:
    /// available: every key to offer; shown: the keys shown now, in order.
    ColumnChooser(
        const QStringList &available, const QStringList &shown, QWidget *parent = nullptr);
    ~ColumnChooser() override;

    /// The checked keys, in the list's order.
    QStringList chosenColumns() const;
    /// Checks (or unchecks) a key; false when it is not listed.
    bool setKeyChecked(const QString &key, bool checked);
    /// Adds a typed key (checked) at the end, or checks it when it is listed.
    void addKey(const QString &key);

    QListWidget *list() const { return m_list; }
    QLineEdit *newKeyEdit() const { return m_newKey; }

private:
    QListWidgetItem *itemFor(const QString &key) const;
    void appendItem(const QString &key, bool checked);
    void moveCurrent(int step);
    void refreshButtons();

    QListWidget *m_list;
    QLineEdit *m_newKey;
    QPushButton *m_addButton;
    QPushButton *m_upButton;
    QPushButton *m_downButton;
};
