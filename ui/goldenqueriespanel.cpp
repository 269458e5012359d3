#include "goldenqueriespanel.h"

#include "goldenqueries.h"
#include "inlinemessage.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

GoldenQueriesPanel::GoldenQueriesPanel(GoldenQueries *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_table(new QTableView(this))
    , m_name(new QLineEdit(this))
    , m_save(new QPushButton(tr("Save as golden"), this))
    , m_runAll(new QPushButton(tr("Run all"), this))
    , m_remove(new QPushButton(tr("Remove"), this))
    , m_message(new InlineMessage(this))
{
    m_table->setModel(model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    // The query text gives way: the outcome of the last run must stay readable.
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(GoldenQueries::QueryColumn, QHeaderView::Stretch);
    m_table->setWordWrap(false);
    m_name->setPlaceholderText(tr("Name of the golden query"));
    m_save->setToolTip(tr("Keep the ids shown as this query's expected answer for this tenant"));
    m_runAll->setToolTip(tr("Run every golden query again and show how the expected ids moved"));

    auto *saveRow = new QHBoxLayout;
    saveRow->addWidget(m_name, 1);
    saveRow->addWidget(m_save);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_runAll);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(saveRow);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_message);

    connect(m_save, &QPushButton::clicked, this, [this] { emit saveRequested(m_name->text()); });
    connect(m_name, &QLineEdit::returnPressed, this, [this] {
        if (m_save->isEnabled())
            emit saveRequested(m_name->text());
    });
    connect(m_name, &QLineEdit::textChanged, this, &GoldenQueriesPanel::refreshButtons);
    connect(m_runAll, &QPushButton::clicked, this, [this] {
        if (m_running)
            emit stopRequested();
        else
            emit runAllRequested();
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const QModelIndex current = m_table->currentIndex();
        if (current.isValid())
            emit removeRequested(current.row());
    });
    connect(m_table, &QTableView::activated, this,
        [this](const QModelIndex &index) { emit queryActivated(index.row()); });
    connect(model, &QAbstractItemModel::modelReset, this, &GoldenQueriesPanel::refreshButtons);
    connect(model, &QAbstractItemModel::rowsInserted, this, &GoldenQueriesPanel::refreshButtons);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &GoldenQueriesPanel::refreshButtons);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentChanged, this,
        &GoldenQueriesPanel::refreshButtons);
    refreshButtons();
}

QString GoldenQueriesPanel::messageText() const
{
    return m_message->text();
}

void GoldenQueriesPanel::setCanSave(bool canSave)
{
    m_canSave = canSave;
    refreshButtons();
}

void GoldenQueriesPanel::setRunning(bool running)
{
    m_running = running;
    m_runAll->setText(running ? tr("Stop") : tr("Run all"));
    refreshButtons();
}

void GoldenQueriesPanel::showMessage(const QString &text, bool error)
{
    if (error)
        m_message->showError(text);
    else
        m_message->showInfo(text);
}

void GoldenQueriesPanel::refreshButtons()
{
    m_save->setEnabled(m_canSave && !m_running && !m_name->text().trimmed().isEmpty());
    m_runAll->setEnabled(m_running || m_model->rowCount() > 0);
    m_remove->setEnabled(!m_running && m_table->currentIndex().isValid());
}
