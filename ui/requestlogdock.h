#pragma once

#include <QDockWidget>

class QAction;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class RequestLogModel;

/// The request log: every HTTP call of the session (method, path, status, client and server
/// time, bytes, error), newest at the bottom, filterable; "Copy as curl" (context menu or
/// Ctrl+Shift+C) puts a command on the clipboard with the API key as `<redacted>`.
class RequestLogDock final : public QDockWidget
{
    Q_OBJECT

public:
    explicit RequestLogDock(RequestLogModel *model, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }
    QAction *copyCurlAction() const { return m_copyCurl; }
    /// The curl commands of the selected rows (the current row when none is selected),
    /// separated by blank lines; empty when there is no row.
    QString curlOfSelection() const;
    /// Puts curlOfSelection() on the clipboard.
    void copyCurlOfSelection();

private:
    void updateFooter();
    void followNewRows();

    RequestLogModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QLineEdit *m_filter;
    QPushButton *m_clear;
    QLabel *m_footer;
    QAction *m_copyCurl;
    bool m_atBottom = true;
};
