#include "exportdialog.h"

#include "consolesession.h"
#include "inlinemessage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

ExportDialog::ExportDialog(ConsoleSession *session, const QString &collection,
                           const QJsonObject &filter, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_collection(collection)
    , m_filter(filter)
    , m_exporter(new PointsExporter(this))
    , m_format(new QComboBox(this))
    , m_vectors(new QCheckBox(tr("Include vectors"), this))
    , m_path(new QLineEdit(this))
    , m_browse(new QPushButton(tr("Browse…"), this))
    , m_progress(new QProgressBar(this))
    , m_message(new InlineMessage(this))
    , m_export(new QPushButton(tr("Export"), this))
    , m_cancel(new QPushButton(tr("Close"), this))
{
    setWindowTitle(tr("Export points"));

    const QString scope = session ? session->scope().badgeText() : QString();
    auto *what = new QLabel(
        filter.isEmpty()
            ? tr("All points of <b>%1</b> in the scope <b>%2</b>.")
                  .arg(collection.toHtmlEscaped(), scope.toHtmlEscaped())
            : tr("The points of <b>%1</b> that match the table's filter, in the scope "
                 "<b>%2</b>.")
                  .arg(collection.toHtmlEscaped(), scope.toHtmlEscaped()),
        this);
    what->setWordWrap(true);

    m_format->addItem(tr("JSON Lines (.jsonl)"), int(PointsExporter::Format::Jsonl));
    m_format->addItem(tr("CSV (.csv)"), int(PointsExporter::Format::Csv));
    m_vectors->setToolTip(tr("Vectors make the file much larger (a 1536-dimension vector is "
                             "about 15 KB of text per point)."));

    QString folder = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    if (folder.isEmpty() || !QDir(folder).exists())
        folder = QDir::homePath();
    m_path->setText(QDir(folder).filePath(collection + QStringLiteral(".jsonl")));
    m_path->setClearButtonEnabled(true);

    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_path, 1);
    fileRow->addWidget(m_browse);

    auto *form = new QFormLayout;
    form->addRow(tr("Format:"), m_format);
    form->addRow(QString(), m_vectors);
    form->addRow(tr("File:"), fileRow);

    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setTextVisible(true);
    m_progress->setFormat(QString());

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_export, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_cancel, QDialogButtonBox::RejectRole);
    m_export->setDefault(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(what);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_message);
    layout->addStretch(1);
    layout->addWidget(buttons);
    setMinimumWidth(520);

    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::onFormatChanged);
    connect(m_browse, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_export, &QPushButton::clicked, this, &ExportDialog::startExport);
    connect(m_cancel, &QPushButton::clicked, this, &ExportDialog::reject);
    connect(m_path, &QLineEdit::textEdited, m_message, &InlineMessage::clearMessage);
    connect(m_exporter, &PointsExporter::progressed, this, &ExportDialog::onProgress);
    connect(m_exporter, &PointsExporter::finished, this, &ExportDialog::onFinished);
}

ExportDialog::~ExportDialog() = default;

QString ExportDialog::messageText() const
{
    return m_message->text();
}

void ExportDialog::reject()
{
    // Escape and Cancel stop a running export first; the dialog stays to say so.
    if (m_exporter->isRunning()) {
        m_exporter->cancel();
        return;
    }
    QDialog::reject();
}

void ExportDialog::browse()
{
    const auto format = PointsExporter::Format(m_format->currentData().toInt());
    const QString filter = format == PointsExporter::Format::Csv
                               ? tr("CSV files (*.csv)")
                               : tr("JSON Lines files (*.jsonl *.ndjson)");
    const QString chosen = QFileDialog::getSaveFileName(this, tr("Export points to"),
                                                        m_path->text(), filter);
    if (!chosen.isEmpty()) {
        m_path->setText(chosen);
        m_message->clearMessage();
    }
}

void ExportDialog::onFormatChanged()
{
    const auto format = PointsExporter::Format(m_format->currentData().toInt());
    const QString path = m_path->text().trimmed();
    const QFileInfo info(path);
    const QString old = info.suffix().toLower();
    // Follows the format while the name still has the other format's extension.
    if (!path.isEmpty() && (old == QLatin1String("jsonl") || old == QLatin1String("csv")))
        m_path->setText(path.left(path.size() - old.size()) + PointsExporter::suffix(format));
}

void ExportDialog::startExport()
{
    if (m_exporter->isRunning())
        return;
    m_message->clearMessage();
    const QString path = m_path->text().trimmed();
    if (path.isEmpty()) {
        m_message->showError(tr("Choose a file to export to."));
        m_path->setFocus();
        return;
    }
    const QFileInfo info(path);
    if (info.isDir()) {
        m_message->showError(tr("%1 is a folder; choose a file name.").arg(path));
        return;
    }
    if (!info.absoluteDir().exists()) {
        m_message->showError(tr("The folder %1 does not exist.")
                                 .arg(QDir::toNativeSeparators(info.absolutePath())));
        return;
    }
    if (!m_session) {
        m_message->showError(tr("The connection is closed."));
        return;
    }
    PointsExporter::Options options;
    options.format = PointsExporter::Format(m_format->currentData().toInt());
    options.withVectors = m_vectors->isChecked();
    m_progress->setRange(0, 0); // busy until the count is known
    m_progress->setFormat(QString());
    setExporting(true);
    m_exporter->start(m_session->points(), m_collection, m_filter, path, options);
}

void ExportDialog::onProgress(qint64 done, qint64 total)
{
    if (total < 0) {
        m_progress->setRange(0, 0);
        return;
    }
    // QProgressBar holds ints; counts past 2^31 are shown in thousands.
    const int scale = total > std::numeric_limits<int>::max() ? 1000 : 1;
    m_progress->setRange(0, int(qMax<qint64>(1, total / scale)));
    m_progress->setValue(int(qMin(done, total) / scale));
    const QLocale locale;
    m_progress->setFormat(tr("%1 of %2 points").arg(locale.toString(done),
                                                    locale.toString(total)));
}

void ExportDialog::onFinished(const Result<qint64> &written)
{
    setExporting(false);
    if (!written.ok()) {
        m_progress->setRange(0, 1);
        m_progress->setValue(0);
        m_progress->setFormat(QString());
        if (written.error().kind == NetError::Kind::Cancelled)
            m_message->showInfo(tr("Export cancelled; no file was written."));
        else
            m_message->showError(written.error().message);
        return;
    }
    m_progress->setRange(0, 1);
    m_progress->setValue(1);
    const QString file = QDir::toNativeSeparators(m_path->text().trimmed());
    m_message->showSuccess(written.value() == 1
                               ? tr("Exported 1 point to %1.").arg(file)
                               : tr("Exported %1 points to %2.")
                                     .arg(QLocale().toString(written.value()), file));
}

void ExportDialog::setExporting(bool exporting)
{
    m_export->setEnabled(!exporting);
    m_format->setEnabled(!exporting);
    m_vectors->setEnabled(!exporting);
    m_path->setEnabled(!exporting);
    m_browse->setEnabled(!exporting);
    m_cancel->setText(exporting ? tr("Cancel") : tr("Close"));
}
