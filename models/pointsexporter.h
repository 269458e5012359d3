#pragma once

#include "qdrantcallhandle.h"
#include "scopedpoints.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>

#include <memory>

class QSaveFile;
class QTemporaryFile;

/// Writes the points of a collection that match the user's filter, inside the session's
/// tenant scope (ScopedPoints: another tenant's points are never read), to a file: JSON Lines
/// ({"id": …, "payload": {…}, "vector": […]} a line) or CSV (RFC 4180: a header of id, the
/// payload keys in the order first seen and the vector columns; nested values as compact JSON;
/// fields with a comma, quote or line break quoted; CRLF line ends). Vectors are optional.
///
/// Streams page by page (scroll), so memory stays flat whatever the size; CSV rows wait in a
/// temporary spool until every key is known, then are written under the header. The file is
/// written through QSaveFile: it appears (or replaces an older one) only when the export
/// completed; a cancelled or failed export leaves nothing behind, and an existing file at
/// the path is untouched. progressed() at most ten times a second; one finished().
class PointsExporter final : public QObject
{
    Q_OBJECT

public:
    enum class Format { Jsonl, Csv };

    struct Options
    {
        Format format = Format::Jsonl;
        bool withVectors = false;
        int pageSize = 256; ///< points per scroll request
    };

    explicit PointsExporter(QObject *parent = nullptr);
    ~PointsExporter() override;

    /// Starts exporting; false (nothing started) while an export runs. Errors (a file that
    /// cannot be written, a refusal of the scope, the server) come through finished().
    bool start(const ScopedPoints &points, const QString &collection,
               const QJsonObject &userFilter, const QString &filePath, const Options &options);
    /// Stops; finished() reports Cancelled and no file is written.
    void cancel();
    bool isRunning() const { return m_running; }

    /// The file extension of a format, without the dot ("jsonl", "csv").
    static QString suffix(Format format);
    /// One CSV field as RFC 4180 wants it: quoted (quotes doubled) when it holds a comma, a
    /// quote, a CR or an LF; as it is otherwise.
    static QByteArray csvField(const QString &text);
    /// A payload value as CSV text: strings as they are, numbers in their shortest exact form,
    /// true / false, null as "null", arrays and objects as compact JSON; empty when missing.
    static QString csvText(const QJsonValue &value);

signals:
    /// Points written so far, and how many match (-1 until the server said).
    void progressed(qint64 done, qint64 total);
    /// The number of points written, or why the export stopped (Cancelled when asked).
    void finished(const Result<qint64> &written);

private:
    void requestPage();
    void onPage(const Result<ScrollPage> &page);
    void writeJsonl(const QList<PointRecord> &records);
    bool spoolCsv(const QList<PointRecord> &records);
    void writeCsvChunk();
    void reportProgress(bool force);
    void fail(const NetError &error);
    void complete();

    ScopedPoints m_points;
    QString m_collection;
    QJsonObject m_filter;
    QString m_filePath;
    Options m_options;
    bool m_running = false;
    std::unique_ptr<QSaveFile> m_file;
    std::unique_ptr<QTemporaryFile> m_spool;
    QStringList m_keys; ///< CSV: payload keys in the order first seen
    QSet<QString> m_keySet;
    QStringList m_vectorNames; ///< CSV: vector names in the order first seen
    QdrantCallHandle m_pageCall;
    QdrantCallHandle m_countCall;
    PointId m_nextOffset;
    qint64 m_written = 0;
    qint64 m_total = -1;
    qint64 m_spooled = 0;
    bool m_csvHeaderWritten = false;
    QElapsedTimer m_sinceProgress;
};
