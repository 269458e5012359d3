#include "chartexport.h"

#include "chartcsv.h"

#include <QBuffer>
#include <QFileDialog>
#include <QPixmap>
#include <QSaveFile>
#include <QWidget>

namespace {

NetError fileError(const QString &message)
{
    NetError error;
    error.kind = NetError::Kind::LocalFile;
    error.message = message;
    return error;
}

} // namespace

Result<qint64> ChartExport::png(QWidget *area, const QString &path)
{
    if (!area)
        return fileError(tr("Nothing to export: draw a chart first."));
    QByteArray bytes;
    {
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        if (!area->grab().save(&buffer, "PNG"))
            return fileError(tr("The chart could not be turned into a PNG."));
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return fileError(tr("Could not save %1: %2").arg(path, file.errorString()));
    return qint64(bytes.size());
}

Result<qint64> ChartExport::csv(const ChartResult &result, const QString &path)
{
    if (result.series.isEmpty())
        return fileError(tr("Nothing to export: draw a chart first."));
    const QByteArray csv = ChartCsv::toCsv(result);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(csv) != csv.size() || !file.commit())
        return fileError(tr("Could not save %1: %2").arg(path, file.errorString()));
    return qint64(csv.size());
}

void ChartExport::chooseFile(QWidget *parent, bool png, const QString &suggested,
                             std::function<void(const QString &)> chosen)
{
    auto *chooser = new QFileDialog(parent, png ? tr("Export chart as PNG")
                                                : tr("Export chart data as CSV"));
    chooser->setObjectName(QStringLiteral("chartExportDialog"));
    chooser->setAcceptMode(QFileDialog::AcceptSave);
    chooser->setFileMode(QFileDialog::AnyFile);
    chooser->setNameFilter(png ? tr("PNG images (*.png)") : tr("CSV files (*.csv)"));
    chooser->setDefaultSuffix(png ? QStringLiteral("png") : QStringLiteral("csv"));
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    chooser->selectFile(suggested);
    QObject::connect(chooser, &QFileDialog::fileSelected, parent,
                     [chosen = std::move(chosen)](const QString &path) {
                         if (!path.isEmpty())
                             chosen(path);
                     });
    chooser->open();
}
