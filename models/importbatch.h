#pragma once

#include "importrecord.h"
#include "qdranttypes.h"

#include <QList>
#include <QMetaType>
#include <QStringList>

/// A run of consecutive rows of an import file, prepared by the ImportWorker: the points of
/// the valid rows (with their lines and, for an Embed mapping, their texts) and the errors of
/// the others. Its end is where a checkpoint may stand once all of it is settled.
struct ImportBatch
{
    quint64 sequence = 0;      ///< 0, 1, 2, ... in file order
    QList<PointStruct> points;
    QList<qint64> lines;       ///< the line of each point
    QStringList texts;         ///< Embed mapping: the text of each point
    QList<ImportRowError> errors;
    qint64 rows = 0;           ///< rows in the batch: points + rows with errors
    qint64 beginOffset = 0;    ///< where its first row starts
    qint64 endOffset = 0;      ///< just past its last row
    qint64 endLine = 1;        ///< the line after its last row's first line
    qint64 bytesTotal = 0;     ///< the file's size
    bool last = false;         ///< nothing follows (the end, a reader failure, or a stop)
    bool stoppedOnError = false; ///< stopOnFirstError: it ends at the first bad row
    QString failure;           ///< the file could not be read at all (open failed)
};

Q_DECLARE_METATYPE(ImportBatch)
