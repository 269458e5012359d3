#pragma once

#include "pointid.h"

#include <QMetaType>
#include <QString>
#include <QVariant>

/// What an issue is about, for "jump to cause": the pane to show and what to select in it.
/// Any part may be empty; an empty cause has nowhere to jump to.
struct IssueCause
{
    QString collection; ///< the collection concerned, if any
    PointId pointId; ///< the point concerned, if any
    QString pane; ///< the pane that can show it ("points", "collections", "import", ...)
    QVariant detail; ///< anything else the pane needs (a row, a file name, a job id, ...)

    /// Nothing to jump to.
    bool isEmpty() const
    {
        return collection.isEmpty() && pointId.isNull() && pane.isEmpty() && !detail.isValid();
    }
    /// Same place (detail compared as QVariants).
    friend bool operator==(const IssueCause &a, const IssueCause &b)
    {
        return a.collection == b.collection && a.pointId == b.pointId && a.pane == b.pane
            && a.detail == b.detail;
    }
    friend bool operator!=(const IssueCause &a, const IssueCause &b) { return !(a == b); }
};

Q_DECLARE_METATYPE(IssueCause)
