#pragma once

#include "chartresult.h"
#include "result.h"

#include <QCoreApplication>

#include <QString>

#include <functional>

class QWidget;

/// Saving what the charts pane shows: the drawn charts as a PNG (the widget grabbed at its
/// on-screen size) and the computed series as CSV (ChartCsv), each written atomically
/// (QSaveFile: a failed export leaves no partial file and an older file untouched).
class ChartExport final
{
    Q_DECLARE_TR_FUNCTIONS(ChartExport)

public:
    /// Grabs area into a PNG at path; the bytes written. area nullptr: nothing is drawn.
    static Result<qint64> png(QWidget *area, const QString &path);
    /// Writes result's series as CSV at path; the bytes written.
    static Result<qint64> csv(const ChartResult &result, const QString &path);
    /// Opens a (window-modal, non-blocking) save dialog; chosen(path) runs on accept.
    static void chooseFile(QWidget *parent, bool png, const QString &suggested,
                           std::function<void(const QString &)> chosen);
};
