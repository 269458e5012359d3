#include "pointsexporter.h"

#include "jsontext.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QSaveFile>
#include <QTemporaryFile>
#include <QTimer>

namespace {

constexpr int kProgressIntervalMs = 100; // at most ten reports a second
constexpr int kCsvRowsPerTurn = 2000;    // rows written per event-loop turn at the end

NetError makeError(NetError::Kind kind, const QString &message)
{
    NetError e;
    e.kind = kind;
    e.message = message;
    return e;
}

void appendVectors(QByteArray &out, const NamedVectors &vectors)
{
    if (vectors.size() == 1 && vectors.contains(QString())) {
        jsontext::appendFloats(out, vectors.value(QString()));
        return;
    }
    out.append('{');
    bool first = true;
    for (auto it = vectors.cbegin(); it != vectors.cend(); ++it) {
        if (!first)
            out.append(',');
        first = false;
        jsontext::appendString(out, it.key());
        out.append(':');
        jsontext::appendFloats(out, it.value());
    }
    out.append('}');
}

QString vectorColumn(const QString &name)
{
    return name.isEmpty() ? QStringLiteral("vector") : QStringLiteral("vector.") + name;
}

} // namespace

PointsExporter::PointsExporter(QObject *parent) : QObject(parent) {}

PointsExporter::~PointsExporter()
{
    // An export still running when its owner goes writes nothing: QSaveFile's destructor
    // discards its temporary file.
    m_pageCall.cancel();
    m_countCall.cancel();
}

QString PointsExporter::suffix(Format format)
{
    return format == Format::Csv ? QStringLiteral("csv") : QStringLiteral("jsonl");
}

QByteArray PointsExporter::csvField(const QString &text)
{
    QByteArray bytes = text.toUtf8();
    if (bytes.contains(',') || bytes.contains('"') || bytes.contains('\n')
        || bytes.contains('\r')) {
        bytes.replace("\"", "\"\"");
        bytes.prepend('"');
        bytes.append('"');
    }
    return bytes;
}

QString PointsExporter::csvText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Undefined:
        return {};
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        QByteArray number;
        jsontext::appendValue(number, value);
        return QString::fromLatin1(number);
    }
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    }
    return {};
}

bool PointsExporter::start(const ScopedPoints &points, const QString &collection,
                           const QJsonObject &userFilter, const QString &filePath,
                           const Options &options)
{
    if (m_running)
        return false;
    m_running = true;
    m_points = points;
    m_collection = collection;
    m_filter = userFilter;
    m_filePath = filePath;
    m_options = options;
    m_options.pageSize = qMax(1, options.pageSize);
    m_keys.clear();
    m_keySet.clear();
    m_vectorNames.clear();
    m_nextOffset = PointId();
    m_written = 0;
    m_spooled = 0;
    m_total = -1;
    m_csvHeaderWritten = false;
    m_sinceProgress.start();

    m_file = std::make_unique<QSaveFile>(filePath);
    if (filePath.isEmpty() || !m_file->open(QIODevice::WriteOnly)) {
        const QString reason = filePath.isEmpty() ? tr("no file was chosen")
                                                  : m_file->errorString();
        const NetError error = makeError(NetError::Kind::LocalFile,
                                         tr("Cannot write %1: %2").arg(filePath, reason));
        QTimer::singleShot(0, this, [this, error] { fail(error); });
        return true;
    }
    if (options.format == Format::Csv) {
        // Beside the target, so the spool is on the same disk the export needs room on.
        m_spool = std::make_unique<QTemporaryFile>(
            QFileInfo(filePath).absoluteDir().filePath(QStringLiteral(".export-XXXXXX.spool")));
        if (!m_spool->open()) {
            const NetError error = makeError(NetError::Kind::LocalFile,
                                             tr("Cannot write a temporary file beside %1: %2")
                                                 .arg(filePath, m_spool->errorString()));
            QTimer::singleShot(0, this, [this, error] { fail(error); });
            return true;
        }
    }
    CountRequest count;
    count.filter = userFilter;
    m_countCall = m_points.count(collection, count, this, [this](const Result<qint64> &n) {
        // The count only feeds the progress bar; a page that fails says why.
        if (m_running && n.ok()) {
            m_total = n.value();
            reportProgress(true);
        }
    });
    requestPage();
    return true;
}

void PointsExporter::cancel()
{
    if (m_running)
        fail(makeError(NetError::Kind::Cancelled, tr("The export was cancelled.")));
}

void PointsExporter::requestPage()
{
    ScrollRequest request;
    request.filter = m_filter;
    request.limit = m_options.pageSize;
    request.offset = m_nextOffset;
    request.withPayload = PayloadSelector::all();
    request.withVector = m_options.withVectors ? VectorSelector::everything()
                                               : VectorSelector::none();
    m_pageCall = m_points.scroll(m_collection, request, this,
                                 [this](const Result<ScrollPage> &page) { onPage(page); });
}

void PointsExporter::onPage(const Result<ScrollPage> &page)
{
    if (!m_running)
        return;
    if (!page.ok()) {
        fail(page.error());
        return;
    }
    const QList<PointRecord> &records = page.value().points;
    if (m_options.format == Format::Jsonl) {
        writeJsonl(records);
    } else if (!spoolCsv(records)) {
        return;
    }
    if (!m_running)
        return;
    m_nextOffset = page.value().nextOffset;
    if (m_nextOffset.isNull() || records.isEmpty()) {
        if (m_options.format == Format::Csv)
            writeCsvChunk();
        else
            complete();
        return;
    }
    reportProgress(false);
    requestPage();
}

void PointsExporter::writeJsonl(const QList<PointRecord> &records)
{
    QByteArray out;
    for (const PointRecord &record : records) {
        out.append("{\"id\":");
        record.id.appendJson(out);
        out.append(",\"payload\":");
        jsontext::appendObject(out, record.payload);
        if (m_options.withVectors) {
            out.append(",\"vector\":");
            appendVectors(out, record.vectors);
        }
        out.append("}\n");
    }
    if (m_file->write(out) != out.size()) {
        fail(makeError(NetError::Kind::LocalFile,
                       tr("Cannot write %1: %2").arg(m_filePath, m_file->errorString())));
        return;
    }
    m_written += records.size();
}

bool PointsExporter::spoolCsv(const QList<PointRecord> &records)
{
    // One line per point: the id, the payload and the vectors as JSON, tab-separated (compact
    // JSON holds no raw tab or line break).
    QByteArray out;
    for (const PointRecord &record : records) {
        for (auto it = record.payload.constBegin(); it != record.payload.constEnd(); ++it) {
            if (!m_keySet.contains(it.key())) {
                m_keySet.insert(it.key());
                m_keys.append(it.key());
            }
        }
        for (auto it = record.vectors.cbegin(); it != record.vectors.cend(); ++it) {
            if (!m_vectorNames.contains(it.key()))
                m_vectorNames.append(it.key());
        }
        record.id.appendJson(out);
        out.append('\t');
        jsontext::appendObject(out, record.payload);
        out.append('\t');
        out.append('{');
        bool first = true;
        for (auto it = record.vectors.cbegin(); it != record.vectors.cend(); ++it) {
            if (!first)
                out.append(',');
            first = false;
            jsontext::appendString(out, it.key());
            out.append(':');
            jsontext::appendFloats(out, it.value());
        }
        out.append("}\n");
    }
    if (m_spool->write(out) != out.size()) {
        fail(makeError(NetError::Kind::LocalFile,
                       tr("Cannot write a temporary file beside %1: %2")
                           .arg(m_filePath, m_spool->errorString())));
        return false;
    }
    m_spooled += records.size();
    m_written = m_spooled;
    return true;
}

void PointsExporter::writeCsvChunk()
{
    if (!m_running)
        return;
    QByteArray out;
    if (!m_csvHeaderWritten) {
        // The first chunk: every key is known now, so the header can be written.
        m_csvHeaderWritten = true;
        if (!m_spool->seek(0)) {
            fail(makeError(NetError::Kind::LocalFile, m_spool->errorString()));
            return;
        }
        m_written = 0;
        QStringList header{QStringLiteral("id")};
        for (const QString &key : std::as_const(m_keys))
            header.append(key == QLatin1String("id") ? QStringLiteral("payload.id") : key);
        for (const QString &name : std::as_const(m_vectorNames))
            header.append(vectorColumn(name));
        for (qsizetype i = 0; i < header.size(); ++i) {
            if (i)
                out.append(',');
            out.append(csvField(header.at(i)));
        }
        out.append("\r\n");
    }
    for (int rows = 0; rows < kCsvRowsPerTurn && !m_spool->atEnd(); ++rows) {
        const QByteArray line = m_spool->readLine().chopped(1);
        const QList<QByteArray> parts = line.split('\t');
        if (parts.size() != 3) {
            fail(makeError(NetError::Kind::LocalFile,
                           tr("The temporary file beside %1 was changed.").arg(m_filePath)));
            return;
        }
        const PointId id = PointId::fromJson(QJsonDocument::fromJson("[" + parts.at(0) + "]")
                                                 .array()
                                                 .at(0));
        const QJsonObject payload = QJsonDocument::fromJson(parts.at(1)).object();
        const QJsonObject vectors = QJsonDocument::fromJson(parts.at(2)).object();
        out.append(csvField(id.toString()));
        for (const QString &key : std::as_const(m_keys)) {
            out.append(',');
            out.append(csvField(csvText(payload.value(key))));
        }
        for (const QString &name : std::as_const(m_vectorNames)) {
            out.append(',');
            out.append(csvField(csvText(vectors.value(name))));
        }
        out.append("\r\n");
        ++m_written;
    }
    if (m_file->write(out) != out.size()) {
        fail(makeError(NetError::Kind::LocalFile,
                       tr("Cannot write %1: %2").arg(m_filePath, m_file->errorString())));
        return;
    }
    if (m_spool->atEnd()) {
        complete();
        return;
    }
    QTimer::singleShot(0, this, &PointsExporter::writeCsvChunk);
}

void PointsExporter::reportProgress(bool force)
{
    if (!force && m_sinceProgress.elapsed() < kProgressIntervalMs)
        return;
    m_sinceProgress.restart();
    emit progressed(m_written, m_total);
}

void PointsExporter::fail(const NetError &error)
{
    if (!m_running)
        return;
    m_running = false;
    m_pageCall.cancel();
    m_countCall.cancel();
    if (m_file)
        m_file->cancelWriting();
    m_file.reset(); // discards the temporary file; an older file at the path stays as it was
    m_spool.reset();
    NetError reported = error;
    if (error.kind != NetError::Kind::Cancelled && error.kind != NetError::Kind::LocalFile)
        reported.message = tr("Export of %1 failed: %2").arg(m_collection, error.message);
    emit finished(reported);
}

void PointsExporter::complete()
{
    m_countCall.cancel();
    if (!m_file->commit()) {
        const QString reason = m_file->errorString();
        m_file.reset();
        m_spool.reset();
        m_running = false;
        emit finished(makeError(NetError::Kind::LocalFile,
                                tr("Cannot write %1: %2").arg(m_filePath, reason)));
        return;
    }
    m_file.reset();
    m_spool.reset();
    m_running = false;
    m_total = m_written;
    emit progressed(m_written, m_total);
    emit finished(m_written);
}
