#include "issuesdock.h"

#include "issuelistmodel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIdentityProxyModel>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStackedLayout>
#include <QStyle>
#include <QTreeView>
#include <QVBoxLayout>

namespace {

/// Adds the style's message-box icon for the severity to the first column.
class SeverityIcons final : public QIdentityProxyModel
{
public:
    explicit SeverityIcons(QStyle *style, QObject *parent)
        : QIdentityProxyModel(parent)
        , m_error(style->standardIcon(QStyle::SP_MessageBoxCritical))
        , m_warning(style->standardIcon(QStyle::SP_MessageBoxWarning))
        , m_info(style->standardIcon(QStyle::SP_MessageBoxInformation))
    {
    }

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (role != Qt::DecorationRole || index.column() != IssueListModel::SeverityColumn)
            return QIdentityProxyModel::data(index, role);
        switch (index.data(IssueListModel::SeverityRole).value<IssueListModel::Severity>()) {
        case IssueListModel::Severity::Error: return m_error;
        case IssueListModel::Severity::Warning: return m_warning;
        case IssueListModel::Severity::Info: return m_info;
        }
        return {};
    }

private:
    QIcon m_error;
    QIcon m_warning;
    QIcon m_info;
};

} // namespace

IssuesDock::IssuesDock(IssueListModel *model, QWidget *parent)
    : QDockWidget(parent)
    , m_model(model)
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTreeView)
    , m_stack(new QStackedLayout)
    , m_clear(new QPushButton(tr("Clear")))
    , m_empty(new QLabel(tr("No issues. Errors from loads, imports and other background work "
                            "show here.")))
    , m_jump(new QAction(tr("Jump to Cause"), this))
    , m_copy(new QAction(tr("Copy Message"), this))
{
    setObjectName(QStringLiteral("issuesDock"));
    auto *icons = new SeverityIcons(style(), this);
    icons->setSourceModel(model);
    m_proxy->setSourceModel(icons);
    m_proxy->setSortRole(IssueListModel::SortRole);

    m_view->setObjectName(QStringLiteral("issuesView"));
    m_view->setModel(m_proxy);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setItemsExpandable(false);
    m_view->setAllColumnsShowFocus(true);
    m_view->setAlternatingRowColors(true);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(IssueListModel::TimeColumn, Qt::AscendingOrder);
    QHeaderView *header = m_view->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(IssueListModel::MessageColumn, QHeaderView::Stretch);
    const QFontMetrics metrics = m_view->fontMetrics();
    auto width = [&metrics](const QString &sample) {
        return metrics.horizontalAdvance(sample) + 36;
    };
    header->resizeSection(IssueListModel::SeverityColumn, width(tr("Warning")));
    header->resizeSection(IssueListModel::TimeColumn, width(QStringLiteral("00:00:00")));
    header->resizeSection(IssueListModel::SourceColumn,
        width(QStringLiteral("Points · company_42_cost_opt")));
    header->resizeSection(IssueListModel::CountColumn, width(QStringLiteral("×999")));

    m_empty->setObjectName(QStringLiteral("issuesEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setEnabled(false); // the palette's placeholder look
    m_clear->setObjectName(QStringLiteral("issuesClear"));

    m_jump->setObjectName(QStringLiteral("jumpToCauseAction"));
    m_jump->setShortcut(QKeySequence(Qt::Key_F4));
    m_jump->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_copy->setShortcut(QKeySequence::Copy);
    m_copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    auto *separator = new QAction(this);
    separator->setSeparator(true);
    auto *clearAction = new QAction(tr("Clear Issues"), this);
    m_view->addActions({m_jump, m_copy, separator, clearAction});
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);

    // activated: Enter, and a double-click (or a single click where the platform says so).
    connect(m_view, &QAbstractItemView::activated, this, &IssuesDock::activate);
    connect(m_jump, &QAction::triggered, this, [this] { activate(m_view->currentIndex()); });
    connect(m_copy, &QAction::triggered, this, [this] {
        const QModelIndex current = m_view->currentIndex();
        if (current.isValid()) {
            QApplication::clipboard()->setText(
                current.siblingAtColumn(IssueListModel::MessageColumn).data().toString());
        }
    });
    connect(m_clear, &QPushButton::clicked, model, &IssueListModel::clear);
    connect(clearAction, &QAction::triggered, model, &IssueListModel::clear);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
        &IssuesDock::updateActions);
    connect(model, &QAbstractItemModel::dataChanged, this, &IssuesDock::updateActions);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved}) {
        connect(model, signal, this, &IssuesDock::updateTitle);
        connect(model, signal, this, &IssuesDock::updateActions);
    }
    connect(model, &QAbstractItemModel::modelReset, this, &IssuesDock::updateTitle);
    connect(model, &QAbstractItemModel::modelReset, this, &IssuesDock::updateActions);
    // New issues come in at the bottom: keep the newest in sight.
    connect(m_proxy, &QAbstractItemModel::rowsInserted, m_view, &QTreeView::scrollToBottom);

    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_view);
    auto *bottom = new QHBoxLayout;
    bottom->addStretch(1);
    bottom->addWidget(m_clear);
    auto *contents = new QWidget;
    auto *layout = new QVBoxLayout(contents);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addLayout(m_stack, 1);
    layout->addLayout(bottom);
    setWidget(contents);
    updateTitle();
    updateActions();
}

IssueCause IssuesDock::currentCause() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? current.data(IssueListModel::CauseRole).value<IssueCause>()
                             : IssueCause();
}

void IssuesDock::activate(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const IssueCause cause = index.data(IssueListModel::CauseRole).value<IssueCause>();
    if (!cause.isEmpty())
        emit causeActivated(cause);
}

void IssuesDock::updateTitle()
{
    const int count = m_model->rowCount();
    setWindowTitle(count == 0 ? tr("Issues") : tr("Issues (%1)").arg(count));
    m_stack->setCurrentWidget(count == 0 ? static_cast<QWidget *>(m_empty) : m_view);
    m_clear->setEnabled(count > 0);
}

void IssuesDock::updateActions()
{
    m_jump->setEnabled(!currentCause().isEmpty());
    m_copy->setEnabled(m_view->currentIndex().isValid());
}
