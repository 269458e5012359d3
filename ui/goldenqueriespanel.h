#pragma once

#include <QWidget>

class GoldenQueries;
class InlineMessage;
class QLineEdit;
class QPushButton;
class QTableView;

/// The golden queries of the tenant in scope: save the search shown as golden under a name,
/// run them all again (after an import) and see, per query, which expected points moved or
/// went missing (the Last run column; its tooltip has each id's rank and score then and now),
/// remove one. The owner does the work on the signals and reports back with setRunning() and
/// showMessage().
class GoldenQueriesPanel final : public QWidget
{
    Q_OBJECT

public:
    /// model is not owned.
    explicit GoldenQueriesPanel(GoldenQueries *model, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    QLineEdit *nameEdit() const { return m_name; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *runAllButton() const { return m_runAll; }
    /// The panel's message line.
    QString messageText() const;

    /// Whether saving is possible now (results shown, a tenant chosen).
    void setCanSave(bool canSave);
    /// While the queries run again: Run all becomes Stop.
    void setRunning(bool running);
    void showMessage(const QString &text, bool error);

signals:
    /// Save the search shown as a golden query under name.
    void saveRequested(const QString &name);
    /// Run every golden query again.
    void runAllRequested();
    /// Stop running them.
    void stopRequested();
    /// Remove a row.
    void removeRequested(int row);
    /// Show a row's query in the search pane (double-click or Enter).
    void queryActivated(int row);

private:
    void refreshButtons();

    GoldenQueries *m_model;
    QTableView *m_table;
    QLineEdit *m_name;
    QPushButton *m_save;
    QPushButton *m_runAll;
    QPushButton *m_remove;
    InlineMessage *m_message;
    bool m_canSave = false;
    bool m_running = false;
};
