#include "columnchooser.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

ColumnChooser::ColumnChooser(
    const QStringList &available, const QStringList &shown, QWidget *parent)
    : QDialog(parent)
    , m_list(new QListWidget(this))
    , m_newKey(new QLineEdit(this))
    , m_addButton(new QPushButton(tr("Add"), this))
    , m_upButton(new QPushButton(tr("Move up"), this))
    , m_downButton(new QPushButton(tr("Move down"), this))
{
    setWindowTitle(tr("Columns"));
    auto *intro = new QLabel(tr("Check the payload keys to show; drag them into the order "
                                "you want. The id column is always first."),
        this);
    intro->setWordWrap(true);

    m_list->setDragDropMode(QAbstractItemView::InternalMove);
    m_list->setDefaultDropAction(Qt::MoveAction);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    for (const QString &key : shown)
        appendItem(key, true);
    QStringList rest = available;
    rest.sort(Qt::CaseInsensitive);
    for (const QString &key : std::as_const(rest)) {
        if (!key.isEmpty() && !itemFor(key))
            appendItem(key, false);
    }
    if (m_list->count() > 0)
        m_list->setCurrentRow(0);

    m_newKey->setPlaceholderText(tr("Another key, e.g. metadata.source"));
    m_addButton->setEnabled(false);
    connect(m_newKey, &QLineEdit::textChanged, this,
        [this](const QString &text) { m_addButton->setEnabled(!text.trimmed().isEmpty()); });
    connect(m_newKey, &QLineEdit::returnPressed, m_addButton, &QPushButton::click);
    connect(m_addButton, &QPushButton::clicked, this, [this] {
        addKey(m_newKey->text().trimmed());
        m_newKey->clear();
    });
    connect(m_upButton, &QPushButton::clicked, this, [this] { moveCurrent(-1); });
    connect(m_downButton, &QPushButton::clicked, this, [this] { moveCurrent(1); });
    connect(m_list, &QListWidget::currentRowChanged, this, [this] { refreshButtons(); });

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // Enter in the key box adds the key; it must not also close the dialog.
    buttons->button(QDialogButtonBox::Ok)->setAutoDefault(false);
    m_addButton->setAutoDefault(false);

    auto *moves = new QVBoxLayout;
    moves->addWidget(m_upButton);
    moves->addWidget(m_downButton);
    moves->addStretch();
    auto *middle = new QHBoxLayout;
    middle->addWidget(m_list, 1);
    middle->addLayout(moves);
    auto *adding = new QHBoxLayout;
    adding->addWidget(m_newKey, 1);
    adding->addWidget(m_addButton);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(middle, 1);
    layout->addLayout(adding);
    layout->addWidget(buttons);
    resize(380, 440);
    refreshButtons();
}

ColumnChooser::~ColumnChooser() = default;

QStringList ColumnChooser::chosenColumns() const
{
    QStringList keys;
    for (int row = 0; row < m_list->count(); ++row) {
        const QListWidgetItem *item = m_list->item(row);
        if (item->checkState() == Qt::Checked)
            keys.append(item->text());
    }
    return keys;
}

bool ColumnChooser::setKeyChecked(const QString &key, bool checked)
{
    QListWidgetItem *item = itemFor(key);
    if (!item)
        return false;
    item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    return true;
}

void ColumnChooser::addKey(const QString &key)
{
    if (key.isEmpty())
        return;
    if (QListWidgetItem *item = itemFor(key)) {
        item->setCheckState(Qt::Checked);
        m_list->setCurrentItem(item);
        return;
    }
    appendItem(key, true);
    m_list->setCurrentRow(m_list->count() - 1);
}

QListWidgetItem *ColumnChooser::itemFor(const QString &key) const
{
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->text() == key)
            return m_list->item(row);
    }
    return nullptr;
}

void ColumnChooser::appendItem(const QString &key, bool checked)
{
    auto *item = new QListWidgetItem(key, m_list);
    item->setFlags(
        Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable | Qt::ItemIsDragEnabled);
    item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
}

void ColumnChooser::moveCurrent(int step)
{
    const int row = m_list->currentRow();
    const int target = row + step;
    if (row < 0 || target < 0 || target >= m_list->count())
        return;
    QListWidgetItem *item = m_list->takeItem(row);
    m_list->insertItem(target, item);
    m_list->setCurrentRow(target);
}

void ColumnChooser::refreshButtons()
{
    const int row = m_list->currentRow();
    m_upButton->setEnabled(row > 0);
    m_downButton->setEnabled(row >= 0 && row + 1 < m_list->count());
}
