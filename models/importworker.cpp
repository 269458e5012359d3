#include "importworker.h"

#include <QThread>

ImportWorker::ImportWorker(Setup setup)
    : m_setup(std::move(setup))
    , m_validator(m_setup.options.mapping, m_setup.schema)
{
    if (m_setup.scope)
        m_validator.setScope(*m_setup.scope, m_setup.options.collection);
}

ImportWorker::~ImportWorker() = default;

bool ImportWorker::openReader(ImportBatch &failure)
{
    m_opened = true;
    m_reader = ImportRecordReader::create(m_setup.options.format, m_setup.options.filePath);
    QSet<QString> vectorFields;
    for (const QString &field : m_setup.options.mapping.vectorFields())
        vectorFields.insert(field);
    m_reader->setVectorFields(vectorFields);
    // The batches go to the server: the vectors' own text saves printing their floats again.
    m_reader->setVectorTextKept(true);
    m_reader->setFieldNamesNoted(false);
    const Result<bool> opened = m_reader->open();
    if (!opened.ok()) {
        failure.failure = opened.error().message;
        return false;
    }
    return true;
}

bool ImportWorker::take(const ImportRecord &record, ImportBatch &batch, bool replay)
{
    ImportRowValidator::Row row;
    QList<ImportRowError> errors;
    bool valid = m_validator.prepare(record, row, errors);
    if (valid) {
        if (auto duplicate = m_seen.note(row.point.id, record.line,
                                         m_setup.options.mapping.idField)) {
            valid = false;
            errors.append(*duplicate);
        }
    }
    m_nextLine = record.line + 1;
    if (replay)
        return true;
    ++batch.rows;
    batch.endOffset = record.endOffset;
    batch.endLine = m_nextLine;
    if (valid) {
        batch.points.append(std::move(row.point));
        batch.lines.append(record.line);
        if (m_setup.options.mapping.vectorSource == ImportMapping::VectorSource::Embed)
            batch.texts.append(row.textToEmbed);
        return true;
    }
    batch.errors += errors;
    return !m_setup.options.stopOnFirstError;
}

void ImportWorker::produce(int count)
{
    QThread *thread = QThread::currentThread();
    for (int produced = 0; produced < count && !m_done; ++produced) {
        ImportBatch batch;
        batch.sequence = m_sequence++;
        if (!m_opened && !openReader(batch)) {
            m_done = true;
            batch.last = true;
            emit batchReady(batch);
            return;
        }
        batch.bytesTotal = m_reader->size();
        batch.beginOffset = m_reader->position();
        batch.endOffset = batch.beginOffset;
        batch.endLine = m_nextLine;
        ImportRecord record;
        while (batch.points.size() < m_setup.options.batchRows) {
            if (thread->isInterruptionRequested())
                return;
            if (!m_reader->next(record)) {
                batch.last = true;
                break;
            }
            if (record.endOffset <= m_setup.resumeOffset) {
                take(record, batch, true);
                batch.beginOffset = batch.endOffset = record.endOffset;
                batch.endLine = m_nextLine;
                continue;
            }
            if (!take(record, batch, false)) {
                batch.last = true;
                batch.stoppedOnError = true;
                break;
            }
            // Bad rows count too, so a file of nothing but errors still moves in steps.
            if (batch.rows >= qint64(m_setup.options.batchRows) * 4)
                break;
        }
        m_done = batch.last;
        emit batchReady(batch);
    }
}
