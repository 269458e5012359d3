#include "importmappingpage.h"

#include "dimensioncheck.h"
#include "embedder.h"
#include "embedderfactory.h"
#include "consolesession.h"
#include "importfilepage.h"
#include "importwizard.h"
#include "inlinemessage.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace {

enum Column { FieldColumn, ExampleColumn, TargetColumn, ColumnCount };

QString sampleText(const QJsonValue &value)
{
    QString text;
    if (value.isString())
        text = value.toString();
    else if (value.isArray())
        text = QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    else if (value.isObject())
        text = QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    else if (!value.isUndefined())
        text = value.toVariant().toString();
    return text.size() > 60 ? text.left(57) + QStringLiteral("…") : text;
}

/// The length of a sample's vector (a JSON array, or CSV's JSON text); -1 when not one.
int sampleLength(const QJsonValue &value)
{
    if (value.isArray())
        return int(value.toArray().size());
    if (value.isString()) {
        const QJsonDocument doc = QJsonDocument::fromJson(value.toString().toUtf8());
        if (doc.isArray())
            return int(doc.array().size());
    }
    return -1;
}

QString sentenceEnd(const QString &text)
{
    const QString trimmed = text.trimmed();
    return trimmed.endsWith(u'.') ? trimmed : trimmed + QLatin1Char('.');
}

} // namespace

ImportMappingPage::ImportMappingPage(ImportWizard *wizard)
    : QWizardPage(wizard)
    , m_wizard(wizard)
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_idField(new QComboBox(this))
    , m_idKind(new QComboBox(this))
    , m_fromFile(new QRadioButton(tr("&Vector field of the file:"), this))
    , m_vectorField(new QComboBox(this))
    , m_embed(new QRadioButton(tr("&Embed a text:"), this))
    , m_embedText(new QComboBox(this))
    , m_embedderLabel(new QLabel(this))
    , m_vectorName(new QComboBox(this))
    , m_vectorNameLabel(new QLabel(tr("Collection vector:"), this))
    , m_stopOnError(new QCheckBox(tr("&Stop at the first row that can't be imported"), this))
    , m_message(new InlineMessage(this))
{
    setTitle(tr("Map the fields"));
    setSubTitle(tr("Choose the payload key each field fills, where point ids come from and "
                   "where each point's vector comes from."));
    m_table->setObjectName(QStringLiteral("importFieldTable"));
    m_idField->setObjectName(QStringLiteral("importIdField"));
    m_vectorField->setObjectName(QStringLiteral("importVectorField"));
    m_embedText->setObjectName(QStringLiteral("importEmbedText"));
    m_message->setObjectName(QStringLiteral("importMappingMessage"));

    m_table->setHorizontalHeaderLabels({tr("File field"), tr("Example"), tr("Payload key")});
    m_table->verticalHeader()->hide();
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(FieldColumn,
                                                      QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ExampleColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(TargetColumn, QHeaderView::Interactive);
    m_table->setColumnWidth(TargetColumn, 220);

    m_idKind->addItem(tr("UUIDv5 of this natural key"), int(ImportMapping::IdSource::NaturalKey));
    m_idKind->addItem(tr("This field is the point id"), int(ImportMapping::IdSource::FileId));
    m_idKind->setToolTip(tr("A natural key gives every row the same id on every run, so "
                            "importing the file again never duplicates a point."));
    auto *group = new QButtonGroup(this);
    group->addButton(m_fromFile);
    group->addButton(m_embed);
    m_embedderLabel->setWordWrap(true);

    auto *idRow = new QHBoxLayout;
    idRow->addWidget(m_idField, 1);
    idRow->addWidget(m_idKind, 1);
    auto *vectorGrid = new QGridLayout;
    vectorGrid->addWidget(m_fromFile, 0, 0);
    vectorGrid->addWidget(m_vectorField, 0, 1);
    vectorGrid->addWidget(m_embed, 1, 0);
    vectorGrid->addWidget(m_embedText, 1, 1);
    vectorGrid->addWidget(m_embedderLabel, 2, 1);
    vectorGrid->addWidget(m_vectorNameLabel, 3, 0);
    vectorGrid->addWidget(m_vectorName, 3, 1);
    vectorGrid->setColumnStretch(1, 1);

    auto *form = new QFormLayout;
    auto *idLabel = new QLabel(tr("Point &ids from:"), this);
    idLabel->setBuddy(m_idField);
    form->addRow(idLabel, idRow);
    form->addRow(tr("Vectors:"), vectorGrid);
    form->addRow(QString(), m_stopOnError);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addLayout(form);
    layout->addWidget(m_message);

    for (QComboBox *box : {m_idField, m_idKind, m_vectorField, m_embedText, m_vectorName})
        connect(box, &QComboBox::currentIndexChanged, this, &ImportMappingPage::revalidate);
    connect(m_fromFile, &QRadioButton::toggled, this, &ImportMappingPage::revalidate);
    connect(wizard, &ImportWizard::embedderSettled, this, [this] {
        showEmbedder();
        revalidate();
    });
    showEmbedder();
}

ImportMappingPage::~ImportMappingPage() = default;

QComboBox *ImportMappingPage::targetBox(const QString &fileField) const
{
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (m_table->item(row, FieldColumn)->text() == fileField)
            return qobject_cast<QComboBox *>(m_table->cellWidget(row, TargetColumn));
    }
    return nullptr;
}

void ImportMappingPage::initializePage()
{
    // Back and forth keeps the user's choices while the file and collection are the same.
    if (m_builtFor != m_wizard->filePage()->generation())
        rebuild();
    revalidate();
}

void ImportMappingPage::rebuild()
{
    m_builtFor = m_wizard->filePage()->generation();
    const ImportPreview::Scan &scan = m_wizard->scan();
    const AgentMemorySchema *schema = m_wizard->schema();
    // Qdrant-shaped rows (an export) keep the file's ids, the natural key as their fallback.
    const ImportMapping suggested
        = ImportMapping::suggest(scan.fields, schema, targetSize(), scan.pointRows);
    m_fallbackKeyField = suggested.fallbackKeyField;
    QStringList schemaKeys;
    if (schema) {
        for (const SchemaField &field : schema->fields)
            schemaKeys << field.name;
    }

    const QSignalBlocker quietTable(m_table);
    m_table->setRowCount(0);
    m_table->setRowCount(int(scan.fields.size()));
    for (int row = 0; row < scan.fields.size(); ++row) {
        const QString name = scan.fields.at(row);
        auto *item = new QTableWidgetItem(name);
        m_table->setItem(row, FieldColumn, item);
        QJsonValue example;
        for (const QJsonObject &sample : scan.samples) {
            if (sample.contains(name)) {
                example = sample.value(name);
                break;
            }
        }
        m_table->setItem(row, ExampleColumn, new QTableWidgetItem(sampleText(example)));
        auto *target = new QComboBox(m_table);
        target->setEditable(true);
        target->setInsertPolicy(QComboBox::NoInsert);
        target->addItem(tr("(skip)"), QString());
        target->setItemData(0, tr("Not imported"), Qt::ToolTipRole);
        if (!schemaKeys.contains(name))
            target->addItem(name, name);
        for (const QString &key : std::as_const(schemaKeys))
            target->addItem(key, key);
        QString chosen;
        for (const ImportMapping::Field &field : suggested.fields) {
            if (field.source == name)
                chosen = field.target;
        }
        target->setCurrentIndex(std::max(0, target->findData(chosen)));
        connect(target, &QComboBox::currentTextChanged, this, &ImportMappingPage::revalidate);
        m_table->setCellWidget(row, TargetColumn, target);
    }

    const QSignalBlocker quiet1(m_idField);
    const QSignalBlocker quiet2(m_idKind);
    const QSignalBlocker quiet3(m_vectorField);
    const QSignalBlocker quiet4(m_embedText);
    const QSignalBlocker quiet5(m_vectorName);
    const QSignalBlocker quiet6(m_fromFile);
    m_idField->clear();
    m_idField->addItems(scan.fields);
    m_idField->setCurrentIndex(int(scan.fields.indexOf(suggested.idField)));
    m_idKind->setCurrentIndex(m_idKind->findData(int(suggested.idSource)));

    m_vectorField->clear();
    m_vectorField->addItems(scan.vectorCandidates);
    m_vectorField->setCurrentIndex(int(scan.vectorCandidates.indexOf(suggested.vectorField)));
    if (m_vectorField->currentIndex() < 0 && !scan.vectorCandidates.isEmpty())
        m_vectorField->setCurrentIndex(0);
    m_embedText->clear();
    if (schema) {
        m_embedText->addItem(tr("The schema's embedded text (%1)")
                                 .arg(schema->embeddedFields.join(QStringLiteral(" + "))),
                             QString());
    }
    for (const QString &field : scan.fields) {
        if (!scan.vectorCandidates.contains(field))
            m_embedText->addItem(field, field);
    }
    const bool fromFile = suggested.vectorSource == ImportMapping::VectorSource::FileField
        && !scan.vectorCandidates.isEmpty();
    m_fromFile->setChecked(fromFile);
    m_embed->setChecked(!fromFile);
    m_fromFile->setEnabled(!scan.vectorCandidates.isEmpty());
    m_vectorField->setEnabled(!scan.vectorCandidates.isEmpty());

    m_vectorName->clear();
    const QMap<QString, VectorParams> &vectors = m_wizard->vectors();
    for (auto it = vectors.cbegin(); it != vectors.cend(); ++it)
        m_vectorName->addItem(tr("%1 (%2 dimensions)")
                                  .arg(it.key().isEmpty() ? tr("unnamed") : it.key())
                                  .arg(it.value().size),
                              it.key());
    const bool several = vectors.size() > 1;
    m_vectorName->setVisible(several);
    m_vectorNameLabel->setVisible(several);
    if (several && m_wizard->embedder()) {
        const auto fitting = EmbedderFactory::vectorFor(vectors, m_wizard->embedder()->dimension());
        if (fitting)
            m_vectorName->setCurrentIndex(m_vectorName->findData(*fitting));
    }
}

int ImportMappingPage::targetSize() const
{
    const QMap<QString, VectorParams> &vectors = m_wizard->vectors();
    const QString name = m_vectorName->count() > 0 ? m_vectorName->currentData().toString()
                                                   : vectors.isEmpty() ? QString()
                                                                       : vectors.firstKey();
    return vectors.value(name).size;
}

ImportMapping ImportMappingPage::mapping() const
{
    ImportMapping mapping;
    const QString idField = m_idField->currentText();
    mapping.idField = idField;
    mapping.idSource = ImportMapping::IdSource(m_idKind->currentData().toInt());
    if (mapping.idSource == ImportMapping::IdSource::FileId)
        mapping.fallbackKeyField = m_fallbackKeyField;
    mapping.vectorSource = m_embed->isChecked() ? ImportMapping::VectorSource::Embed
                                                : ImportMapping::VectorSource::FileField;
    if (mapping.vectorSource == ImportMapping::VectorSource::FileField)
        mapping.vectorField = m_vectorField->currentText();
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString source = m_table->item(row, FieldColumn)->text();
        if (source == mapping.vectorField)
            continue;
        if (mapping.idSource == ImportMapping::IdSource::FileId && source == idField)
            continue; // the point's id, not a payload field
        const auto *box = qobject_cast<QComboBox *>(m_table->cellWidget(row, TargetColumn));
        QString target = box->currentText().trimmed();
        if (box->currentIndex() == 0 && target == box->itemText(0))
            target.clear();
        if (!target.isEmpty())
            mapping.fields.append({source, target});
    }
    if (mapping.vectorSource == ImportMapping::VectorSource::Embed) {
        const QString source = m_embedText->currentData().toString();
        if (!source.isEmpty()) {
            // embedFields are payload keys: the key this field fills, else its own name.
            QString key = source;
            for (const ImportMapping::Field &field : std::as_const(mapping.fields)) {
                if (field.source == source)
                    key = field.target;
            }
            mapping.embedFields = {key};
        }
    }
    if (m_vectorName->count() > 0)
        mapping.vectorName = m_vectorName->currentData().toString();
    mapping.vectorSize = targetSize();
    return mapping;
}

bool ImportMappingPage::stopOnFirstError() const
{
    return m_stopOnError->isChecked();
}

bool ImportMappingPage::isComplete() const
{
    return m_complete;
}

void ImportMappingPage::showEmbedder()
{
    const ConsoleSession *session = m_wizard->session();
    const QString name = session ? EmbedderFactory::describe(session->profile()) : QString();
    if (Embedder *embedder = m_wizard->embedder()) {
        m_embedderLabel->setText(
            embedder->dimension() > 0
                ? tr("With the profile's embedder: %1 · %2 dimensions")
                      .arg(embedder->displayName())
                      .arg(embedder->dimension())
                : tr("With the profile's embedder: %1").arg(embedder->displayName()));
    } else if (!m_wizard->embedderError().isEmpty()) {
        m_embedderLabel->setText(tr("The profile's embedder (%1) is unavailable.").arg(name));
    } else {
        m_embedderLabel->setText(tr("With the profile's embedder: %1 (preparing…)").arg(name));
    }
}

QString ImportMappingPage::dimensionProblem() const
{
    const QString collection = m_wizard->collection();
    const int size = targetSize();
    if (m_embed->isChecked()) {
        Embedder *embedder = m_wizard->embedder();
        if (!embedder) {
            return m_wizard->embedderError().isEmpty()
                ? QString()
                : tr("The profile's embedder can't be used: %1")
                      .arg(sentenceEnd(m_wizard->embedderError()));
        }
        const VectorTarget target{collection, m_vectorName->currentData().toString(), size};
        if (const std::optional<NetError> wrong = checkEmbedderDimension(*embedder, target))
            return tr("Nothing can be imported: %1").arg(sentenceEnd(wrong->message));
        return QString();
    }
    const QString field = m_vectorField->currentText();
    for (const QJsonObject &sample : m_wizard->scan().samples) {
        const int length = sampleLength(sample.value(field));
        if (length < 0)
            continue;
        if (length != size) {
            return tr("The file's vectors (field “%1”) have %2 dimensions, but %3 expects %4: "
                      "choose another field, or embed a text.")
                .arg(field)
                .arg(length)
                .arg(collection)
                .arg(size);
        }
        break; // rows of another size are reported one by one by the preview and the run
    }
    return QString();
}

void ImportMappingPage::revalidate()
{
    // The vector field (and a field used as the point id) fill no payload key.
    const bool fromFile = m_fromFile->isChecked();
    const bool fileId = m_idKind->currentData().toInt() == int(ImportMapping::IdSource::FileId);
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString source = m_table->item(row, FieldColumn)->text();
        const bool isVector = fromFile && source == m_vectorField->currentText();
        const bool isId = fileId && source == m_idField->currentText();
        QWidget *box = m_table->cellWidget(row, TargetColumn);
        box->setEnabled(!isVector && !isId);
        box->setToolTip(isVector ? tr("The points' vector: not a payload key.")
                        : isId   ? tr("The points' id: not a payload key.")
                                 : QString());
    }
    m_vectorField->setEnabled(m_fromFile->isChecked());
    m_embedText->setEnabled(m_embed->isChecked());
    m_embedderLabel->setEnabled(m_embed->isChecked());
    const ImportMapping current = mapping();
    QStringList problems = current.problems();
    const QString dimension = dimensionProblem();
    if (!dimension.isEmpty())
        problems.prepend(dimension);
    const bool waiting = m_embed->isChecked() && !m_wizard->embedder()
        && m_wizard->embedderError().isEmpty();
    if (!problems.isEmpty())
        m_message->showError(problems.join(QLatin1Char('\n')));
    else if (waiting)
        m_message->showInfo(tr("Preparing the profile's embedder…"));
    else
        m_message->clearMessage();
    const bool complete = problems.isEmpty() && !waiting;
    if (complete != m_complete) {
        m_complete = complete;
        emit completeChanged();
    }
}
