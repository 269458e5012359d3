#include "journaldock.h"

#include "editjournalmodel.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

namespace {

/// Collection names keep both ends ("company_42_…_knowledge"); a change summary keeps its
/// start, where the first changed key is.
class ElideByColumn final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        option->textElideMode = index.column() == EditJournalModel::CollectionColumn
                || index.column() == EditJournalModel::PointColumn
            ? Qt::ElideMiddle
            : Qt::ElideRight;
    }
};

} // namespace

JournalDock::JournalDock(EditJournalModel *model, QWidget *parent)
    : QDockWidget(tr("Edit Journal"), parent)
    , m_model(model)
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTableView)
    , m_profile(new QComboBox)
    , m_collection(new QComboBox)
    , m_reload(new QPushButton(tr("Reload")))
    , m_export(new QPushButton(tr("Export JSONL…")))
    , m_status(new QLabel)
{
    setObjectName(QStringLiteral("journalDock"));
    m_proxy->setSourceModel(model);
    m_proxy->setSortRole(EditJournalModel::SortRole);

    m_view->setObjectName(QStringLiteral("journalView"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(EditJournalModel::WhenColumn, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    QHeaderView *header = m_view->horizontalHeader();
    header->setHighlightSections(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    // The change takes what the other columns leave, so nothing scrolls sideways.
    header->setSectionResizeMode(EditJournalModel::ChangeColumn, QHeaderView::Stretch);
    const QFontMetrics metrics = m_view->fontMetrics();
    auto width = [&metrics](const QString &sample) {
        return metrics.horizontalAdvance(sample) + 20;
    };
    header->resizeSection(
        EditJournalModel::WhenColumn, width(QStringLiteral("2024-05-01 12:00:00")));
    header->resizeSection(EditJournalModel::ProfileColumn, width(QStringLiteral("production")));
    header->resizeSection(EditJournalModel::WhoColumn, width(QStringLiteral("engineer")));
    header->resizeSection(EditJournalModel::CollectionColumn,
        width(QStringLiteral("company_42_cost_optimiza")));
    header->resizeSection(EditJournalModel::PointColumn, width(QStringLiteral("123456789")));
    header->resizeSection(EditJournalModel::OperationColumn,
        width(QStringLiteral("overwrite_payload")));
    header->resizeSection(EditJournalModel::BeforeColumn, width(QString(40, u'x')));
    m_view->setItemDelegate(new ElideByColumn(m_view));
    // The whole payloads are in the Change column's tooltip; their columns are there on demand.
    header->hideSection(EditJournalModel::BeforeColumn);
    header->hideSection(EditJournalModel::AfterColumn);
    header->setContextMenuPolicy(Qt::ActionsContextMenu);
    for (int column = 0; column < EditJournalModel::ColumnCount; ++column) {
        auto *action = new QAction(
            model->headerData(column, Qt::Horizontal).toString(), header);
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(column));
        action->setEnabled(column != EditJournalModel::WhenColumn);
        connect(action, &QAction::toggled, header,
            [header, column](bool shown) { header->setSectionHidden(column, !shown); });
        header->addAction(action);
    }

    m_profile->setObjectName(QStringLiteral("journalProfileFilter"));
    m_collection->setObjectName(QStringLiteral("journalCollectionFilter"));
    m_profile->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_collection->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_profile->setToolTip(tr("Show the edits made through one connection profile"));
    m_collection->setToolTip(tr("Show the edits of one collection"));
    m_reload->setObjectName(QStringLiteral("journalReload"));
    m_export->setObjectName(QStringLiteral("journalExport"));
    m_export->setToolTip(tr("Save the edits shown (after the filters) as a JSON Lines file"));
    m_status->setObjectName(QStringLiteral("journalStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);

    connect(m_profile, &QComboBox::activated, this, &JournalDock::applyFilter);
    connect(m_collection, &QComboBox::activated, this, &JournalDock::applyFilter);
    connect(m_reload, &QPushButton::clicked, model, &EditJournalModel::reload);
    connect(m_export, &QPushButton::clicked, this, &JournalDock::chooseExportFile);
    connect(model, &EditJournalModel::sourcesChanged, this, &JournalDock::refillFilters);
    connect(model, &EditJournalModel::reloaded, this, &JournalDock::updateStatus);
    connect(model, &EditJournalModel::reloadFailed, this, [this](const NetError &error) {
        m_notice = error.message;
        updateStatus();
    });
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(model, signal, this, &JournalDock::updateStatus);
    connect(model, &QAbstractItemModel::modelReset, this, &JournalDock::updateStatus);
    connect(&m_exportWatcher, &QFutureWatcherBase::finished, this,
        &JournalDock::onExportFinished);

    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(new QLabel(tr("Profile:")));
    top->addWidget(m_profile);
    top->addWidget(new QLabel(tr("Collection:")));
    top->addWidget(m_collection);
    top->addStretch(1);
    top->addWidget(m_reload);
    top->addWidget(m_export);
    auto *contents = new QWidget;
    auto *layout = new QVBoxLayout(contents);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);
    setWidget(contents);
    refillFilters();
    updateStatus();
}

JournalDock::~JournalDock() = default;

void JournalDock::refillFilters()
{
    // Keep what the user picked while entries come and go.
    const QVariant profile = m_profile->currentData();
    const QVariant collection = m_collection->currentData();
    m_profile->clear();
    m_profile->addItem(tr("All profiles"), QVariant::fromValue(QUuid()));
    for (const auto &[id, name] : m_model->profiles())
        m_profile->addItem(name.isEmpty() ? id.toString(QUuid::WithoutBraces) : name, id);
    m_collection->clear();
    m_collection->addItem(tr("All collections"), QString());
    for (const QString &name : m_model->collections())
        m_collection->addItem(name, name);
    m_profile->setCurrentIndex(std::max(0, m_profile->findData(profile)));
    m_collection->setCurrentIndex(std::max(0, m_collection->findData(collection)));
}

void JournalDock::applyFilter()
{
    EditJournal::Filter filter;
    filter.profileId = m_profile->currentData().toUuid();
    filter.collection = m_collection->currentData().toString();
    m_model->setFilter(filter);
}

void JournalDock::chooseExportFile()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Edit Journal"),
        folder + QStringLiteral("/edit-journal.jsonl"), tr("JSON Lines (*.jsonl);;All files (*)"));
    if (!path.isEmpty())
        exportTo(path);
}

void JournalDock::exportTo(const QString &filePath)
{
    EditJournal *journal = m_model->journal();
    if (!journal || m_exportWatcher.isRunning())
        return;
    m_exportPath = filePath;
    m_export->setEnabled(false);
    m_notice = tr("Exporting to %1…").arg(QDir::toNativeSeparators(filePath));
    updateStatus();
    m_exportWatcher.setFuture(journal->exportAsync(filePath, m_model->filter()));
}

void JournalDock::onExportFinished()
{
    m_export->setEnabled(true);
    if (m_exportWatcher.future().resultCount() == 0)
        return;
    const Result<EditJournal::ExportSummary> result = m_exportWatcher.result();
    if (!result.ok()) {
        m_notice = result.error().message;
        updateStatus();
        emit exportFailed(result.error());
        return;
    }
    m_notice = tr("Exported to %1 (edits: %2).")
                   .arg(QDir::toNativeSeparators(m_exportPath))
                   .arg(result.value().records);
    updateStatus();
    emit exported(result.value().records, m_exportPath);
}

QString JournalDock::statusText() const
{
    return m_status->text();
}

void JournalDock::updateStatus()
{
    const int shown = m_model->rowCount();
    const int total = m_model->totalRecords();
    QStringList parts;
    parts << (shown == total ? tr("Edits: %1").arg(total)
                             : tr("Edits: %1 of %2").arg(shown).arg(total));
    const QStringList warnings = m_model->warnings();
    if (!warnings.isEmpty())
        parts << tr("Unreadable lines skipped: %1 (hover for details)").arg(warnings.size());
    if (!m_notice.isEmpty())
        parts << m_notice;
    m_status->setText(parts.join(QStringLiteral(" · ")));
    m_status->setToolTip(warnings.join(u'\n'));
}
