#include "schemarecordform.h"

#include "agentmemoryschemas.h"
#include "payloadpath.h"
#include "schemaformfield.h"

#include <QFormLayout>
#include <QLabel>

namespace {

// True when a problem at path is about the top-level field name (itself, an item, a member).
bool isAbout(const QString &path, const QString &name)
{
    const QString field = PayloadPath::member(QString(), name);
    return path == field || path.startsWith(field + QLatin1Char('['))
        || path.startsWith(field + QLatin1Char('.'));
}

} // namespace

SchemaRecordForm::SchemaRecordForm(
    const AgentMemorySchema *schema, const QString &hiddenField, QWidget *parent)
    : QWidget(parent)
{
    auto *form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    for (const SchemaField &schemaField : schema->fields) {
        if (schemaField.name == hiddenField)
            continue;
        const bool embedded = schema->embeddedFields.contains(schemaField.name);
        auto *field = new SchemaFormField(schemaField, embedded, this);
        QString label = schemaField.name;
        if (embedded)
            label = tr("%1 (embedded)").arg(label);
        else if (schemaField.required)
            label = tr("%1 (required)").arg(label);
        auto *name = new QLabel(label, this);
        name->setToolTip(field->help());
        name->setBuddy(field->editor());
        form->addRow(name, field);
        connect(field, &SchemaFormField::edited, this, &SchemaRecordForm::edited);
        m_fields.append(field);
    }
}

SchemaRecordForm::~SchemaRecordForm() = default;

QJsonObject SchemaRecordForm::payload() const
{
    QJsonObject payload;
    for (const SchemaFormField *field : m_fields) {
        const QJsonValue value = field->value();
        if (!value.isUndefined())
            payload.insert(field->field().name, value);
    }
    return payload;
}

SchemaFormField *SchemaRecordForm::field(const QString &name) const
{
    for (SchemaFormField *field : m_fields) {
        if (field->field().name == name)
            return field;
    }
    return nullptr;
}

QStringList SchemaRecordForm::showProblems(
    const QList<PayloadProblem> &problems, QStringList *unowned)
{
    QStringList marked;
    for (const PayloadProblem &problem : problems) {
        const bool owned = std::any_of(
            m_fields.cbegin(), m_fields.cend(), [&problem](const SchemaFormField *field) {
                return isAbout(problem.path, field->field().name);
            });
        if (!owned && unowned) {
            unowned->append(problem.path.isEmpty()
                    ? problem.message
                    : problem.path + QStringLiteral(": ") + problem.message);
        }
    }
    for (SchemaFormField *field : std::as_const(m_fields)) {
        QString text = field->inputProblem();
        for (qsizetype i = 0; i < problems.size() && text.isEmpty(); ++i) {
            if (isAbout(problems.at(i).path, field->field().name))
                text = problems.at(i).message;
        }
        field->setProblem(text);
        if (!text.isEmpty())
            marked.append(field->field().name);
    }
    return marked;
}
