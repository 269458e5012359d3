#include "indexespanel.h"

#include "agentmemoryschemas.h"
#include "collectiontemplate.h"
#include "consolesession.h"
#include "inlinemessage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace {

enum Column { FieldColumn, TypeColumn, PointsColumn, OptionsColumn, ColumnCount };

// The index types Qdrant knows; is_tenant applies to keyword and uuid only.
const QStringList &indexTypes()
{
    static const QStringList types{QStringLiteral("keyword"), QStringLiteral("integer"),
                                   QStringLiteral("float"),   QStringLiteral("bool"),
                                   QStringLiteral("datetime"), QStringLiteral("text"),
                                   QStringLiteral("uuid"),    QStringLiteral("geo")};
    return types;
}

bool allowsTenant(const QString &type)
{
    return type == QLatin1String("keyword") || type == QLatin1String("uuid");
}

/// The options of an index for the table: "tenant", or its other params as compact JSON.
QString optionsText(const QJsonObject &params)
{
    QJsonObject rest = params;
    rest.remove(QStringLiteral("type"));
    QStringList parts;
    if (rest.take(QStringLiteral("is_tenant")).toBool())
        parts.append(IndexesPanel::tr("tenant"));
    if (!rest.isEmpty())
        parts.append(QString::fromUtf8(QJsonDocument(rest).toJson(QJsonDocument::Compact)));
    return parts.join(QStringLiteral(" · "));
}

} // namespace

IndexesPanel::IndexesPanel(ConsoleSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_field(new QLineEdit(this))
    , m_type(new QComboBox(this))
    , m_tenant(new QCheckBox(tr("Tenant key (is_tenant)"), this))
    , m_create(new QPushButton(tr("Create index"), this))
    , m_drop(new QPushButton(tr("Drop index"), this))
    , m_message(new InlineMessage(this))
{
    m_table->setObjectName(QStringLiteral("indexTable"));
    m_table->setHorizontalHeaderLabels({tr("Field"), tr("Type"), tr("Points"), tr("Options")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAlternatingRowColors(true);

    m_field->setObjectName(QStringLiteral("indexField"));
    m_field->setPlaceholderText(tr("Payload field, e.g. customer_id"));
    m_type->setObjectName(QStringLiteral("indexType"));
    m_type->addItems(indexTypes());
    m_tenant->setObjectName(QStringLiteral("indexIsTenant"));
    m_tenant->setToolTip(tr("Qdrant keeps each tenant's points together and plans "
                            "tenant-filtered searches with this index"));
    m_create->setObjectName(QStringLiteral("createIndexButton"));
    m_drop->setObjectName(QStringLiteral("dropIndexButton"));
    m_message->setObjectName(QStringLiteral("indexMessage"));

    // Two rows: the details pane is narrow, and a field name needs the room.
    auto *form = new QHBoxLayout;
    form->addWidget(new QLabel(tr("New index:"), this));
    form->addWidget(m_field, 1);
    auto *options = new QHBoxLayout;
    options->addWidget(m_type);
    options->addWidget(m_tenant);
    options->addStretch();
    options->addWidget(m_create);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_drop);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    layout->addLayout(form);
    layout->addLayout(options);
    layout->addWidget(m_message);

    connect(m_field, &QLineEdit::textEdited, this, &IndexesPanel::onFieldEdited);
    connect(m_field, &QLineEdit::textChanged, this, &IndexesPanel::refreshButtons);
    connect(m_field, &QLineEdit::returnPressed, m_create, &QPushButton::click);
    connect(m_type, &QComboBox::currentTextChanged, this, &IndexesPanel::refreshButtons);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &IndexesPanel::refreshButtons);
    connect(m_create, &QPushButton::clicked, this, [this] {
        createIndex(m_field->text().trimmed(), m_type->currentText(),
                    m_tenant->isEnabled() && m_tenant->isChecked());
    });
    connect(m_drop, &QPushButton::clicked, this, &IndexesPanel::dropSelectedIndex);
    refreshButtons();
}

IndexesPanel::~IndexesPanel()
{
    m_call.cancel();
}

void IndexesPanel::setCollection(const QString &collection, const QJsonObject &payloadSchema)
{
    if (collection != m_collection) {
        m_message->clearMessage();
        m_field->clear();
        // The schema's fields as suggestions: what the agents filter on.
        QStringList suggestions;
        if (const AgentMemorySchema *schema = agentMemorySchemaFor(collection)) {
            for (const SchemaField &field : schema->fields)
                suggestions.append(field.name);
        }
        m_field->setCompleter(suggestions.isEmpty() ? nullptr
                                                    : new QCompleter(suggestions, m_field));
    }
    m_collection = collection;
    const QString selected = m_table->currentRow() >= 0 && m_table->item(m_table->currentRow(), 0)
        ? m_table->item(m_table->currentRow(), 0)->text()
        : QString();
    m_table->setRowCount(0);
    QStringList fields = payloadSchema.keys();
    fields.sort();
    for (const QString &field : fields) {
        const QJsonObject entry = payloadSchema.value(field).toObject();
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_table->setItem(row, FieldColumn, new QTableWidgetItem(field));
        m_table->setItem(row, TypeColumn,
                         new QTableWidgetItem(entry.value(QStringLiteral("data_type")).toString()));
        const QJsonValue points = entry.value(QStringLiteral("points"));
        auto *pointsItem = new QTableWidgetItem(
            points.isDouble() ? QLocale().toString(qint64(points.toDouble())) : QString());
        pointsItem->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(row, PointsColumn, pointsItem);
        m_table->setItem(row, OptionsColumn, new QTableWidgetItem(optionsText(
                             entry.value(QStringLiteral("params")).toObject())));
        if (field == selected)
            m_table->selectRow(row);
    }
    m_table->resizeColumnToContents(FieldColumn);
    m_table->resizeColumnToContents(TypeColumn);
    refreshButtons();
}

void IndexesPanel::setEditable(bool editable)
{
    m_editable = editable;
    refreshButtons();
}

void IndexesPanel::onFieldEdited(const QString &field)
{
    // A field the schema knows gets the index the template would give it.
    const AgentMemorySchema *schema = agentMemorySchemaFor(m_collection);
    const SchemaField *known = schema ? schema->field(field.trimmed()) : nullptr;
    if (!known)
        return;
    const CollectionTemplate::Index index{known->name,
                                          CollectionTemplate::indexSchemaFor(*schema, *known)};
    if (index.schema.isUndefined())
        return;
    m_type->setCurrentText(index.type());
    m_tenant->setChecked(index.isTenant());
}

void IndexesPanel::refreshButtons()
{
    const bool idle = !m_call.isRunning();
    const bool can = m_editable && idle && !m_collection.isEmpty();
    m_field->setEnabled(can);
    m_type->setEnabled(can);
    m_tenant->setEnabled(can && allowsTenant(m_type->currentText()));
    m_create->setEnabled(can && !m_field->text().trimmed().isEmpty());
    m_drop->setEnabled(can && !m_table->selectedItems().isEmpty());
}

void IndexesPanel::createIndex(const QString &field, const QString &type, bool isTenant)
{
    if (!m_session || m_collection.isEmpty() || field.isEmpty())
        return;
    QJsonValue schema = type;
    if (isTenant && allowsTenant(type))
        schema = QJsonObject{{QStringLiteral("type"), type}, {QStringLiteral("is_tenant"), true}};
    const QString collection = m_collection;
    m_message->showInfo(tr("Creating the %1 index on %2…").arg(type, field));
    m_call = m_session->admin().createPayloadIndex(
        collection, field, schema, this,
        [this, collection, field, type](const Result<UpdateResult> &result) {
            refreshButtons();
            if (!result.ok()) {
                if (collection == m_collection)
                    m_message->showError(result.error().message);
                return;
            }
            if (collection == m_collection) {
                m_message->showSuccess(tr("Created the %1 index on %2.").arg(type, field));
                m_field->clear();
            }
            emit indexesChanged(collection);
        });
    refreshButtons();
}

void IndexesPanel::dropSelectedIndex()
{
    const int row = m_table->currentRow();
    if (!m_session || row < 0 || !m_table->item(row, FieldColumn))
        return;
    const QString field = m_table->item(row, FieldColumn)->text();
    const QString collection = m_collection;
    m_message->showInfo(tr("Dropping the index on %1…").arg(field));
    m_call = m_session->admin().deletePayloadIndex(
        collection, field, this, [this, collection, field](const Result<UpdateResult> &result) {
            refreshButtons();
            if (!result.ok()) {
                if (collection == m_collection)
                    m_message->showError(result.error().message);
                return;
            }
            if (collection == m_collection)
                m_message->showSuccess(tr("Dropped the index on %1.").arg(field));
            emit indexesChanged(collection);
        });
    refreshButtons();
}

QStringList IndexesPanel::fields() const
{
    QStringList result;
    for (int row = 0; row < m_table->rowCount(); ++row)
        result.append(m_table->item(row, FieldColumn)->text());
    return result;
}

QString IndexesPanel::messageText() const
{
    return m_message->text();
}
