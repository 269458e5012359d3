#include "importfilepage.h"

#include "consolesession.h"
#include "importwizard.h"
#include "importpreview.h"
#include "inlinemessage.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace {

constexpr int kSampleRows = 20;
constexpr int kAutoFormat = -1;

} // namespace

ImportFilePage::ImportFilePage(ImportWizard *wizard, const QString &collection)
    : QWizardPage(wizard)
    , m_wizard(wizard)
    , m_collection(new QComboBox(this))
    , m_vectorLabel(new QLabel(this))
    , m_path(new QLineEdit(this))
    , m_browse(new QPushButton(tr("&Browse…"), this))
    , m_format(new QComboBox(this))
    , m_detected(new QLabel(this))
    , m_fields(new QLabel(this))
    , m_readErrors(new QListWidget(this))
    , m_message(new InlineMessage(this))
    , m_debounce(new QTimer(this))
    , m_refusal(ImportWizard::refusal(wizard->session()))
{
    setTitle(tr("Choose a file"));
    setSubTitle(tr("JSON lines, CSV with a header row, or a JSON array of objects."));

    m_collection->setObjectName(QStringLiteral("importCollection"));
    m_path->setObjectName(QStringLiteral("importPath"));
    m_format->setObjectName(QStringLiteral("importFormat"));
    m_detected->setObjectName(QStringLiteral("importDetected"));
    m_fields->setObjectName(QStringLiteral("importFields"));
    m_readErrors->setObjectName(QStringLiteral("importReadErrors"));
    m_message->setObjectName(QStringLiteral("importFileMessage"));

    m_path->setPlaceholderText(tr("Path of a .jsonl, .csv or .json file"));
    m_path->setClearButtonEnabled(true);
    m_format->addItem(tr("As detected"), kAutoFormat);
    for (ImportFormat::Kind kind : {ImportFormat::Kind::Jsonl, ImportFormat::Kind::Csv,
                                    ImportFormat::Kind::JsonArray})
        m_format->addItem(ImportFormat::displayName(kind), int(kind));
    m_fields->setWordWrap(true);
    m_fields->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_vectorLabel->setWordWrap(true);
    m_readErrors->setMaximumHeight(m_readErrors->fontMetrics().height() * 6);
    m_readErrors->hide();
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(250); // a typed path is scanned once the typing pauses

    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_path, 1);
    fileRow->addWidget(m_browse);
    auto *formatRow = new QHBoxLayout;
    formatRow->addWidget(m_format);
    formatRow->addWidget(m_detected, 1);

    auto *form = new QFormLayout;
    form->addRow(tr("&Collection:"), m_collection);
    form->addRow(tr("Vector:"), m_vectorLabel);
    // A row of several widgets gets its label's buddy by hand, or the & shows.
    auto *fileLabel = new QLabel(tr("&File:"), this);
    fileLabel->setBuddy(m_path);
    auto *formatLabel = new QLabel(tr("F&ormat:"), this);
    formatLabel->setBuddy(m_format);
    form->addRow(fileLabel, fileRow);
    form->addRow(formatLabel, formatRow);
    form->addRow(tr("Fields:"), m_fields);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_readErrors);
    layout->addWidget(m_message);
    layout->addStretch(1);

    setTabOrder(m_collection, m_path);
    setTabOrder(m_path, m_browse);
    setTabOrder(m_browse, m_format);

    connect(m_browse, &QPushButton::clicked, this, &ImportFilePage::browse);
    connect(m_path, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_path, &QLineEdit::textChanged, this, &QWizardPage::completeChanged);
    connect(m_debounce, &QTimer::timeout, this, &ImportFilePage::rescan);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ImportFilePage::rescan);
    connect(m_collection, &QComboBox::currentIndexChanged, this,
            &ImportFilePage::readCollection);

    if (!m_refusal.isEmpty()) {
        for (QWidget *widget : {static_cast<QWidget *>(m_collection),
                                static_cast<QWidget *>(m_path), static_cast<QWidget *>(m_browse),
                                static_cast<QWidget *>(m_format)})
            widget->setEnabled(false);
        m_message->showError(m_refusal);
        layout->insertWidget(0, m_message); // why nothing can be done comes first
        return;
    }
    loadCollections(collection);
}

ImportFilePage::~ImportFilePage() = default;

QString ImportFilePage::filePath() const
{
    const QString path = m_path->text().trimmed();
    return path.isEmpty() ? path : QFileInfo(path).absoluteFilePath();
}

QString ImportFilePage::collection() const
{
    return m_collection->currentText();
}

bool ImportFilePage::isComplete() const
{
    return m_refusal.isEmpty() && m_scanOk && !m_scan.fields.isEmpty() && !m_vectors.isEmpty()
        && m_collectionError.isEmpty() && !m_debounce->isActive() && !m_scanPending;
}

void ImportFilePage::browse()
{
    QString start = m_path->text().trimmed();
    if (start.isEmpty())
        start = QDir::homePath();
    const QString chosen = QFileDialog::getOpenFileName(
        this, tr("Import points from"), start,
        tr("Import files (*.jsonl *.ndjson *.csv *.json);;All files (*)"));
    if (!chosen.isEmpty())
        m_path->setText(QDir::toNativeSeparators(chosen));
}

void ImportFilePage::loadCollections(const QString &preferred)
{
    ConsoleSession *session = m_wizard->session();
    m_collectionError.clear();
    session->admin().listCollections(this, [this, preferred](const Result<QStringList> &names) {
        if (!names.ok()) {
            m_collectionError = names.error().message;
            showState();
            return;
        }
        if (names.value().isEmpty()) {
            m_collectionError = tr("There is no collection in this scope to import into; "
                                   "create one first.");
            showState();
            return;
        }
        const QSignalBlocker quiet(m_collection);
        m_collection->addItems(names.value());
        const int at = m_collection->findText(preferred);
        m_collection->setCurrentIndex(at >= 0 ? at : 0);
        readCollection();
    });
}

void ImportFilePage::readCollection()
{
    const QString name = collection();
    m_vectors.clear();
    m_collectionError.clear();
    ++m_generation;
    m_vectorLabel->setText(tr("reading %1…").arg(name));
    const int request = ++m_infoRequest;
    m_wizard->session()->admin().collectionInfo(
        name, this, [this, request, name](const Result<CollectionInfo> &info) {
            if (request != m_infoRequest)
                return;
            if (!info.ok()) {
                m_collectionError = info.error().message;
                m_vectorLabel->setText(tr("unknown"));
            } else if (info.value().vectors.isEmpty()) {
                m_collectionError = tr("%1 has no dense vector to import into.").arg(name);
                m_vectorLabel->setText(tr("none"));
            } else {
                m_vectors = info.value().vectors;
                QStringList parts;
                for (auto it = m_vectors.cbegin(); it != m_vectors.cend(); ++it) {
                    const QString size = tr("%1 dimensions, %2")
                                             .arg(it.value().size)
                                             .arg(it.value().distance);
                    parts << (it.key().isEmpty() ? size : it.key() + QStringLiteral(": ") + size);
                }
                m_vectorLabel->setText(parts.join(QStringLiteral(" · ")));
            }
            showState();
        });
}

void ImportFilePage::rescan()
{
    m_debounce->stop();
    const QString path = filePath();
    m_scanOk = false;
    m_scanError.clear();
    const int request = ++m_scanRequest;
    m_scanPending = !path.isEmpty();
    if (path.isEmpty()) {
        m_detected->clear();
        m_fields->clear();
        m_readErrors->clear();
        m_readErrors->hide();
        showState();
        return;
    }
    m_detected->setText(tr("reading…"));
    const int chosen = m_format->currentData().toInt();
    // Result<T> is no default-constructible future value: the worker hands back a plain pair.
    using Outcome = std::pair<ImportPreview::Scan, std::optional<NetError>>;
    auto *watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, request, watcher] {
        watcher->deleteLater();
        const Outcome outcome = watcher->result();
        if (outcome.second)
            onScanned(request, *outcome.second);
        else
            onScanned(request, outcome.first);
    });
    watcher->setFuture(QtConcurrent::run([path, chosen]() -> Outcome {
        const Result<ImportPreview::Scan> scan = chosen == kAutoFormat
            ? ImportPreview::scan(path, kSampleRows)
            : ImportPreview::scanAs(path, ImportFormat::Kind(chosen), kSampleRows);
        if (scan.ok())
            return {scan.value(), std::nullopt};
        return {ImportPreview::Scan(), scan.error()};
    }));
}

void ImportFilePage::onScanned(int request, const Result<ImportPreview::Scan> &scan)
{
    if (request != m_scanRequest)
        return; // the path or the format changed meanwhile
    m_scanPending = false;
    ++m_generation;
    m_readErrors->clear();
    if (!scan.ok()) {
        m_scanError = scan.error().message;
        m_scan = ImportPreview::Scan();
        m_detected->clear();
        m_fields->clear();
        m_readErrors->hide();
        showState();
        emit scanned();
        return;
    }
    m_scan = scan.value();
    m_scanOk = true;
    const QLocale locale;
    const QString size = locale.formattedDataSize(m_scan.fileSize);
    m_detected->setText(m_format->currentData().toInt() == kAutoFormat
                            ? tr("Detected: %1 · %2")
                                  .arg(ImportFormat::displayName(m_scan.format), size)
                            : tr("Read as %1 · %2")
                                  .arg(ImportFormat::displayName(m_scan.format), size));
    m_fields->setText(m_scan.fields.isEmpty() ? tr("none found")
                                              : m_scan.fields.join(QStringLiteral(", ")));
    for (const ImportRowError &error : std::as_const(m_scan.readErrors)) {
        auto *item = new QListWidgetItem(tr("Line %1: %2").arg(error.line).arg(error.reason),
                                         m_readErrors);
        item->setData(Qt::UserRole, error.line);
    }
    m_readErrors->setVisible(!m_scan.readErrors.isEmpty());
    showState();
    emit scanned();
}

void ImportFilePage::showState()
{
    if (!m_refusal.isEmpty()) {
        m_message->showError(m_refusal);
    } else if (!m_collectionError.isEmpty()) {
        m_message->showError(m_collectionError);
    } else if (!m_scanError.isEmpty()) {
        m_message->showError(m_scanError);
    } else if (m_scanOk && m_scan.fields.isEmpty()) {
        m_message->showError(tr("No field was found in the first %1 rows of the file.")
                                 .arg(kSampleRows));
    } else if (m_scanOk && !m_scan.readErrors.isEmpty()) {
        m_message->showInfo(tr("%n of the first rows can't be read (listed above); the import "
                               "reports such rows and goes on.",
                               nullptr, int(m_scan.readErrors.size())));
    } else {
        m_message->clearMessage();
    }
    emit completeChanged();
}
