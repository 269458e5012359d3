#pragma once

#include "pointid.h"
#include "result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QUuid>

/// One edit in the local edit journal: who changed which point of which collection, through
/// which profile, when, and the payload before and after. One JSON object per line on disk:
/// {"when","who","profile_name","profile_id","collection","point_id","operation","before",
/// "after"}.
struct EditJournalRecord
{
    QString profileName;
    QUuid profileId;
    QString who; ///< the OS user name
    QDateTime when; ///< UTC; written as RFC 3339 with milliseconds
    QString collection;
    PointId pointId; ///< null for an edit of many points (a bulk edit by filter)
    QString operation; ///< e.g. "set_payload", "overwrite_payload", "delete_points", "upsert"
    QJsonValue before; ///< payload before the edit; null when there was none
    QJsonValue after; ///< payload after the edit; null when the point was deleted

    /// The object written as one journal line.
    QJsonObject toJson() const;
    /// A record from a journal line's object; Kind::Decode naming what is missing or wrong.
    static Result<EditJournalRecord> fromJson(const QJsonObject &object);
    /// "2024-05-01T12:34:56.789Z"
    static QString rfc3339(const QDateTime &time);
};
