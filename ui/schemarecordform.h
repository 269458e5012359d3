#pragma once

#include "payloadproblem.h"

#include <QJsonObject>
#include <QList>
#include <QWidget>

class SchemaFormField;
struct AgentMemorySchema;

/// The payload of a new record in an agent-memory collection as a form: one SchemaFormField
/// per field of the schema, in the schema's order, embedded fields marked as such. A field
/// the scope writes itself (the tenant key) is left out.
class SchemaRecordForm final : public QWidget
{
    Q_OBJECT

public:
    /// hiddenField: a field not to show (the tenant key the scope stamps); empty for none.
    SchemaRecordForm(
        const AgentMemorySchema *schema, const QString &hiddenField, QWidget *parent = nullptr);
    ~SchemaRecordForm() override;

    /// The payload the fields make (fields left empty are left out).
    QJsonObject payload() const;
    /// The field of that name; nullptr when the form does not show it.
    SchemaFormField *field(const QString &name) const;
    /// Shows each field's first problem under it: its input's own (not a number, not JSON),
    /// else the first of problems about it. Returns the names of the fields marked, in form
    /// order; problems about no field shown are added to unowned as sentences.
    QStringList showProblems(const QList<PayloadProblem> &problems, QStringList *unowned);

signals:
    /// A field changed.
    void edited();

private:
    QList<SchemaFormField *> m_fields;
};
