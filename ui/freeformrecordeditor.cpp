#include "freeformrecordeditor.h"

#include "payloadtreemodel.h"
#include "payloadtreeview.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

// Field names that usually hold the embedded text (LangChain, LlamaIndex, mem0, ...), in the
// order they are preferred when the user has not chosen.
const QStringList kUsualTextFields = {
    QStringLiteral("text"),
    QStringLiteral("content"),
    QStringLiteral("page_content"),
    QStringLiteral("document"),
    QStringLiteral("memory"),
    QStringLiteral("description"),
};

} // namespace

FreeFormRecordEditor::FreeFormRecordEditor(QWidget *parent)
    : QWidget(parent)
    , m_model(new PayloadTreeModel(this))
    , m_view(new PayloadTreeView(m_model, this))
    , m_textField(new QComboBox(this))
{
    m_view->setObjectName(QStringLiteral("freeFormTree"));
    m_textField->setObjectName(QStringLiteral("textFieldBox"));
    m_textField->setToolTip(tr("The field whose text the record's vector is computed from"));
    m_model->setPayload(QJsonObject {{QStringLiteral("text"), QString()}});

    auto *tools = new QHBoxLayout;
    for (QAction *action :
        {m_view->addFieldAction(), m_view->addItemAction(), m_view->removeAction()}) {
        auto *button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setObjectName(action->objectName() + QStringLiteral("Button"));
        tools->addWidget(button);
    }
    tools->addStretch(1);

    auto *hint = new QLabel(tr("This collection has no known schema: write the payload as "
                               "fields and JSON values, and choose the text to embed."),
        this);
    hint->setWordWrap(true);

    auto *choice = new QFormLayout;
    choice->addRow(tr("Embed the text of:"), m_textField);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(hint);
    layout->addLayout(tools);
    layout->addWidget(m_view, 1);
    layout->addLayout(choice);

    auto changed = [this] {
        refreshTextFields();
        emit edited();
    };
    connect(m_model, &QAbstractItemModel::dataChanged, this, changed);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, changed);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, changed);
    connect(m_model, &QAbstractItemModel::modelReset, this, changed);
    connect(m_textField, &QComboBox::currentIndexChanged, this, &FreeFormRecordEditor::edited);
    refreshTextFields();
}

FreeFormRecordEditor::~FreeFormRecordEditor() = default;

QJsonObject FreeFormRecordEditor::payload() const
{
    return m_model->payload();
}

QString FreeFormRecordEditor::textField() const
{
    return m_textField->currentData().toString();
}

QString FreeFormRecordEditor::embeddedText() const
{
    const QString field = textField();
    return field.isEmpty() ? QString() : payload().value(field).toString().trimmed();
}

void FreeFormRecordEditor::setProblems(const QList<PayloadProblem> &problems)
{
    m_model->setProblems(problems);
}

void FreeFormRecordEditor::refreshTextFields()
{
    const QJsonObject current = payload();
    QStringList fields;
    for (auto it = current.begin(); it != current.end(); ++it) {
        if (it.value().isString())
            fields.append(it.key());
    }
    QString keep = textField();
    if (!fields.contains(keep)) {
        keep.clear();
        for (const QString &usual : kUsualTextFields) {
            if (fields.contains(usual)) {
                keep = usual;
                break;
            }
        }
        if (keep.isEmpty() && !fields.isEmpty())
            keep = fields.first();
    }
    QStringList shown;
    for (int i = 0; i < m_textField->count(); ++i)
        shown.append(m_textField->itemData(i).toString());
    if (shown == fields && textField() == keep)
        return; // nothing to redo: the user's choice and the popup stay as they are
    const QSignalBlocker quiet(m_textField);
    m_textField->clear();
    for (const QString &field : fields)
        m_textField->addItem(field, field);
    m_textField->setCurrentIndex(int(fields.indexOf(keep)));
    m_textField->setEnabled(!fields.isEmpty());
    if (fields.isEmpty())
        m_textField->setPlaceholderText(tr("(no text field: add one)"));
}
