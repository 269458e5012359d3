#pragma once

#include <QJsonObject>
#include <QPointer>
#include <QWidget>

class ConsoleSession;
class LeakageAudit;
class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;
struct NetError;

/// The leakage audit as a panel: runs LeakageAudit over the session's current scope and lists
/// what it found (collection, check, points, and whether only "All tenants (admin)" can show
/// them), with the selected finding explained underneath. Activating a finding (double-click,
/// Enter, or "Show points") emits jumpRequested() with the filter that selects exactly its
/// points. A new scope or a closed session drops the findings, which belonged to the old one.
class LeakageAuditView final : public QWidget
{
    Q_OBJECT

public:
    explicit LeakageAuditView(ConsoleSession *session, QWidget *parent = nullptr);
    ~LeakageAuditView() override;

    /// Audits the collections of the session's current scope.
    void runAudit();
    /// Stops a running audit.
    void cancelAudit();

    QTreeWidget *findingsView() const { return m_tree; }
    /// The line above the list: progress, the summary, or the error.
    QString statusText() const;
    bool isRunning() const;

signals:
    /// The user asked to see a finding's points: open collection with filter (a Qdrant filter).
    /// needsAllTenants: the current tenant scope cannot show them (LeakageFinding::adminOnly),
    /// so the caller switches to "All tenants (admin)" first.
    void jumpRequested(const QString &collection, const QJsonObject &filter,
                       bool needsAllTenants);
    /// An audit ended (with findings, or with the error the status line shows).
    void auditEnded();

private:
    void onFinished();
    void onFailed(const NetError &error);
    void onScopeChanged();
    void onCurrentChanged();
    void activate(QTreeWidgetItem *item);
    void setRunning(bool running);

    QPointer<ConsoleSession> m_session;
    LeakageAudit *m_audit;
    QPushButton *m_run;
    QPushButton *m_cancel;
    QLabel *m_status;
    QTreeWidget *m_tree;
    QLabel *m_explanation;
    QPushButton *m_show;
};
