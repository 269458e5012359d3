#include "requestlogdock.h"

#include "curlcommand.h"
#include "requestlogmodel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

RequestLogDock::RequestLogDock(RequestLogModel *model, QWidget *parent)
    : QDockWidget(tr("Request Log"), parent)
    , m_model(model)
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTableView)
    , m_filter(new QLineEdit)
    , m_clear(new QPushButton(tr("Clear")))
    , m_footer(new QLabel)
    , m_copyCurl(new QAction(tr("Copy as curl"), this))
{
    setObjectName(QStringLiteral("requestLogDock"));
    m_proxy->setSourceModel(model);
    m_proxy->setSortRole(RequestLogModel::SortRole);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_filter->setObjectName(QStringLiteral("requestLogFilter"));
    m_filter->setPlaceholderText(tr("Filter by method, path, status or error"));
    m_filter->setClearButtonEnabled(true);
    m_clear->setObjectName(QStringLiteral("requestLogClear"));
    m_clear->setToolTip(tr("Remove every entry from the log"));
    m_footer->setObjectName(QStringLiteral("requestLogFooter"));
    m_footer->setTextFormat(Qt::PlainText);

    m_view->setObjectName(QStringLiteral("requestLogView"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(RequestLogModel::TimeColumn, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    QHeaderView *header = m_view->horizontalHeader();
    header->setHighlightSections(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    // Path and error share what the fixed columns leave, so nothing scrolls sideways.
    header->setSectionResizeMode(RequestLogModel::PathColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(RequestLogModel::ErrorColumn, QHeaderView::Stretch);
    // Widths from the font, not from the rows: sizing to 5,000 rows' contents is slow.
    const QFontMetrics metrics = m_view->fontMetrics();
    auto width = [&metrics](const QString &sample) {
        return metrics.horizontalAdvance(sample) + 20;
    };
    header->resizeSection(RequestLogModel::TimeColumn, width(QStringLiteral("00:00:00.000")));
    header->resizeSection(RequestLogModel::MethodColumn, width(QStringLiteral("DELETE")));
    header->resizeSection(RequestLogModel::StatusColumn, width(tr("Status")));
    header->resizeSection(RequestLogModel::ClientMsColumn, width(tr("Client ms") + u' '));
    header->resizeSection(RequestLogModel::ServerMsColumn, width(tr("Server ms") + u' '));
    header->resizeSection(
        RequestLogModel::BytesColumn, width(QStringLiteral("999.9 KiB / 99.9 MiB")));

    m_copyCurl->setObjectName(QStringLiteral("copyCurlAction"));
    m_copyCurl->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_copyCurl->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_copyCurl->setToolTip(tr("Copy the request as a curl command (the API key is redacted)"));
    auto *separator = new QAction(this);
    separator->setSeparator(true);
    auto *clearAction = new QAction(tr("Clear Log"), this);
    m_view->addActions({m_copyCurl, separator, clearAction});
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(m_copyCurl, &QAction::triggered, this, &RequestLogDock::copyCurlOfSelection);
    connect(clearAction, &QAction::triggered, model, &RequestLogModel::clear);
    connect(m_clear, &QPushButton::clicked, model, &RequestLogModel::clear);
    connect(m_filter, &QLineEdit::textChanged, m_proxy,
        &QSortFilterProxyModel::setFilterFixedString);

    // Follow new rows while the user is at the bottom; stay put once they scrolled up.
    connect(m_proxy, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        const QScrollBar *bar = m_view->verticalScrollBar();
        m_atBottom = bar->value() >= bar->maximum() - 2;
    });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &RequestLogDock::followNewRows);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved}) {
        connect(m_proxy, signal, this, &RequestLogDock::updateFooter);
    }
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &RequestLogDock::updateFooter);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &RequestLogDock::updateFooter);
    connect(model, &RequestLogModel::lastLatencyChanged, this, &RequestLogDock::updateFooter);
    auto updateCopy = [this] { m_copyCurl->setEnabled(m_view->currentIndex().isValid()); };
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, updateCopy);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, updateCopy);
    updateCopy();

    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(m_filter, 1);
    top->addWidget(m_clear);
    auto *contents = new QWidget;
    auto *layout = new QVBoxLayout(contents);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_footer);
    setWidget(contents);
    updateFooter();
}

QString RequestLogDock::curlOfSelection() const
{
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty() && m_view->currentIndex().isValid())
        rows << m_view->currentIndex();
    std::sort(rows.begin(), rows.end(),
        [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QStringList commands;
    for (const QModelIndex &index : std::as_const(rows)) {
        const QModelIndex source = m_proxy->mapToSource(index);
        if (source.isValid())
            commands << CurlCommand::fromEntry(m_model->entry(source.row()));
    }
    return commands.join(QStringLiteral("\n\n"));
}

void RequestLogDock::copyCurlOfSelection()
{
    const QString commands = curlOfSelection();
    if (commands.isEmpty())
        return;
    QApplication::clipboard()->setText(commands);
    m_footer->setText(tr("Copied as curl; the API key reads <redacted>."));
}

void RequestLogDock::followNewRows()
{
    if (m_atBottom)
        m_view->scrollToBottom();
}

void RequestLogDock::updateFooter()
{
    const int shown = m_proxy->rowCount();
    const int total = m_model->rowCount();
    QString text = shown == total ? tr("Requests: %1").arg(total)
                                  : tr("Requests: %1 of %2").arg(shown).arg(total);
    if (m_model->lastClientMs() >= 0) {
        text += tr(" · last %1")
                    .arg(RequestLogModel::latencyText(m_model->lastClientMs(),
                        m_model->lastServerMs()));
    }
    m_footer->setText(text);
}
