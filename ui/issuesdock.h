#pragma once

#include "issuecause.h"

#include <QDockWidget>

class IssueListModel;
class QAction;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QStackedLayout;
class QTreeView;

/// Errors and warnings from background work, newest at the bottom. Double-click or Enter on
/// an issue that has a cause emits causeActivated() so the main window can jump there. The
/// title carries the count ("Issues (3)") so a closed-up dock still says something happened.
class IssuesDock final : public QDockWidget
{
    Q_OBJECT

public:
    explicit IssuesDock(IssueListModel *model, QWidget *parent = nullptr);

    QTreeView *view() const { return m_view; }
    QAction *jumpAction() const { return m_jump; }
    /// The cause of the current issue; empty when there is none.
    IssueCause currentCause() const;

signals:
    /// The user asked to see what an issue is about.
    void causeActivated(const IssueCause &cause);

private:
    void activate(const QModelIndex &index);
    void updateTitle();
    void updateActions();

    IssueListModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTreeView *m_view;
    QStackedLayout *m_stack;
    QPushButton *m_clear;
    QLabel *m_empty;
    QAction *m_jump;
    QAction *m_copy;
};
