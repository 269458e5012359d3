#include "importrowvalidator.h"

#include "deterministicpointid.h"
#include "payloadvalidator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <cmath>

ImportRowValidator::ImportRowValidator(ImportMapping mapping, const AgentMemorySchema *schema)
    : m_mapping(std::move(mapping))
    , m_schema(schema)
{
    QSet<QString> targets;
    m_namesKept = true;
    for (const ImportMapping::Field &field : std::as_const(m_mapping.fields)) {
        m_namesKept = m_namesKept && field.source == field.target
            && !targets.contains(field.target);
        targets.insert(field.target);
    }
}

void ImportRowValidator::setScope(const TenantScope &scope, const QString &collection)
{
    m_scope = scope;
    m_collection = collection;
}

QString ImportRowValidator::sourceOf(const QString &payloadPath) const
{
    for (const ImportMapping::Field &field : m_mapping.fields) {
        if (payloadPath == field.target || payloadPath.startsWith(field.target + QLatin1Char('.'))
            || payloadPath.startsWith(field.target + QLatin1Char('[')))
            return field.source;
    }
    return payloadPath;
}

QJsonValue ImportRowValidator::typed(const QString &target, const QJsonValue &value,
                                     QString &problem) const
{
    if (!value.isString() || !m_schema)
        return value;
    const SchemaField *field = m_schema->field(target);
    if (!field)
        return value;
    const QString text = value.toString().trimmed();
    if (field->type == QLatin1String("float") || field->type == QLatin1String("integer")) {
        bool ok = false;
        const double number = text.toDouble(&ok);
        if (!ok || !std::isfinite(number)) {
            problem = tr("'%1' is not a finite number").arg(text);
            return value;
        }
        if (field->type == QLatin1String("integer")) {
            const qlonglong whole = text.toLongLong(&ok);
            if (ok)
                return QJsonValue(qint64(whole));
        }
        return QJsonValue(number);
    }
    if (field->type == QLatin1String("bool")) {
        const QString lower = text.toLower();
        if (lower == QLatin1String("true") || lower == QLatin1String("1"))
            return true;
        if (lower == QLatin1String("false") || lower == QLatin1String("0"))
            return false;
        problem = tr("'%1' is not true or false").arg(text);
        return value;
    }
    if (field->type == QLatin1String("object") || field->type.endsWith(QLatin1String("[]"))) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
        if (error.error == QJsonParseError::NoError && document.isObject())
            return document.object();
        if (error.error == QJsonParseError::NoError && document.isArray())
            return document.array();
        if (field->type.endsWith(QLatin1String("[]")))
            return QJsonArray::fromStringList(text.split(QLatin1Char(';'), Qt::SkipEmptyParts));
        problem = tr("'%1' is not a JSON object").arg(text);
        return value;
    }
    return value;
}

bool ImportRowValidator::prepare(const ImportRecord &record, Row &row,
                                 QList<ImportRowError> &errors) const
{
    const qsizetype before = errors.size();
    if (!record.readError.isEmpty()) {
        errors.append({record.readErrorLine ? record.readErrorLine : record.line, QString(),
                       record.readError});
        return false;
    }
    const auto fail = [&](const QString &field, const QString &reason) {
        errors.append({record.line, field, reason});
    };

    // The id.
    row.point = PointStruct();
    row.textToEmbed.clear();
    const auto naturalKey = [&](const QString &field, const QJsonValue &value) {
        QString key;
        if (value.isString()) {
            key = value.toString();
        } else if (value.isDouble() && value.toDouble() == std::floor(value.toDouble())
                   && std::fabs(value.toDouble()) < 9.0e15) {
            key = QString::number(value.toInteger());
        } else {
            fail(field, tr("the natural key %1 must be a string or a whole number").arg(field));
        }
        if (!key.isEmpty())
            row.point.id = DeterministicPointId::forKey(key);
    };
    const auto isEmpty = [](const QJsonValue &value) {
        return value.isUndefined() || value.isNull()
            || (value.isString() && value.toString().trimmed().isEmpty());
    };
    const QJsonValue idValue = record.fields.value(m_mapping.idField);
    const bool fileId = m_mapping.idSource == ImportMapping::IdSource::FileId;
    if (fileId && !isEmpty(idValue))
        row.point.id = idValue.isString() ? PointId::fromString(idValue.toString().trimmed())
                                          : PointId::fromJson(idValue);
    if (fileId && row.point.id.isNull() && !m_mapping.fallbackKeyField.isEmpty()) {
        // The file's id is missing or not a Qdrant id: the natural key still gives the same
        // id on every run.
        const QJsonValue keyValue = record.fields.value(m_mapping.fallbackKeyField);
        if (isEmpty(keyValue))
            fail(m_mapping.idField,
                 tr("the row has no valid point id (%1) and its natural key %2 is missing or "
                    "empty")
                     .arg(m_mapping.idField, m_mapping.fallbackKeyField));
        else
            naturalKey(m_mapping.fallbackKeyField, keyValue);
    } else if (isEmpty(idValue)) {
        fail(m_mapping.idField, tr("the id field %1 is missing or empty").arg(m_mapping.idField));
    } else if (!fileId) {
        naturalKey(m_mapping.idField, idValue);
    } else if (row.point.id.isNull()) {
        fail(m_mapping.idField, tr("the id must be an unsigned integer or a UUID"));
    }

    // The vector.
    if (m_mapping.vectorSource == ImportMapping::VectorSource::FileField) {
        const QString &name = m_mapping.vectorField;
        const auto text = record.vectorTexts.constFind(name);
        const bool kept = text != record.vectorTexts.constEnd();
        if (record.vectorProblems.contains(name)) {
            fail(name, tr("the vector %1").arg(record.vectorProblems.value(name)));
        } else if (!kept && !record.vectors.contains(name)) {
            fail(name, record.fields.contains(name) && !record.fields.value(name).isNull()
                           ? tr("the vector field %1 is not an array of numbers").arg(name)
                           : tr("the row has no vector (field %1)").arg(name));
        } else {
            const QList<float> &vector = record.vectors.value(name);
            const qsizetype size = kept ? text->size : vector.size();
            if (size != m_mapping.vectorSize) {
                fail(name, tr("the vector has %1 dimensions; the collection's has %2")
                               .arg(size)
                               .arg(m_mapping.vectorSize));
            } else {
                // A kept text's numbers were checked to be within a float's range.
                for (qsizetype i = 0; i < vector.size(); ++i) {
                    if (!std::isfinite(vector.at(i))) {
                        fail(name, tr("component %1 of the vector is not a finite number")
                                       .arg(i + 1));
                        break;
                    }
                }
            }
            if (errors.size() == before) {
                // The file's own text when the reader kept it: sending the numbers as written
                // saves printing 1536 floats again.
                if (kept)
                    row.point.vectorTexts.insert(m_mapping.vectorName, text->text);
                else
                    row.point.vectors.insert(m_mapping.vectorName, vector);
            }
        }
    }

    // The payload. When every field keeps its name, the row's fields are the payload as they
    // are (shared, not copied): only a value typed() converts is set again, and fields the
    // mapping leaves out are dropped after. Inserting a dozen fields one by one into a new
    // object cost an import about 5 µs a row.
    QJsonObject payload = m_namesKept ? record.fields : QJsonObject();
    qsizetype mapped = 0;
    for (const ImportMapping::Field &field : m_mapping.fields) {
        const auto found = record.fields.constFind(field.source);
        if (found == record.fields.constEnd())
            continue;
        ++mapped;
        const QJsonValue value = found.value();
        QString problem;
        const QJsonValue converted = typed(field.target, value, problem);
        if (!problem.isEmpty())
            fail(field.source, problem);
        // typed() turns text into another type or leaves the value as it is.
        if (!m_namesKept || converted.type() != value.type())
            payload.insert(field.target, converted);
    }
    if (m_namesKept && mapped != payload.size()) {
        QJsonObject kept;
        for (const ImportMapping::Field &field : m_mapping.fields) {
            const auto found = payload.constFind(field.target);
            if (found != payload.constEnd())
                kept.insert(field.target, found.value());
        }
        payload = kept;
    }
    if (m_scope) {
        Result<QJsonObject> stamped = m_scope->stampPayload(m_collection, payload);
        if (!stamped.ok())
            fail(m_scope->payloadKey(), stamped.error().message);
        else
            payload = std::move(stamped).value();
    }
    for (const PayloadProblem &problem : PayloadValidator::validate(payload, m_schema)) {
        const QString source = sourceOf(problem.path);
        bool known = false;
        for (const ImportRowError &error : std::as_const(errors))
            known = known || (error.line == record.line && error.field == source);
        if (!known) // a conversion problem already names this field
            fail(source, problem.message);
    }

    if (m_mapping.vectorSource == ImportMapping::VectorSource::Embed) {
        if (m_mapping.embedFields.isEmpty() && m_schema) {
            row.textToEmbed = m_schema->embeddedText(payload);
        } else {
            QStringList parts;
            for (const QString &key : m_mapping.embedFields) {
                const QString text = payload.value(key).toString().trimmed();
                if (!text.isEmpty())
                    parts.append(text);
            }
            row.textToEmbed = parts.join(QStringLiteral("\n\n"));
        }
        if (row.textToEmbed.trimmed().isEmpty())
            fail(QString(), tr("there is no text to embed (%1 empty or missing)")
                                .arg(m_mapping.embedFields.isEmpty() && m_schema
                                         ? m_schema->embeddedFields.join(QStringLiteral(", "))
                                         : m_mapping.embedFields.join(QStringLiteral(", "))));
    }
    if (errors.size() != before)
        return false;
    row.point.payload = std::move(payload);
    return true;
}
