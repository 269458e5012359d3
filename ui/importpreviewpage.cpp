#include "importpreviewpage.h"

#include "consolesession.h"
#include "importmappingpage.h"
#include "importwizard.h"
#include "inlinemessage.h"
#include "profilecolours.h"

#include <QFutureWatcher>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace {

enum Column { LineColumn, StatusColumn, TenantColumn, IdColumn, PayloadColumn, ColumnCount };

} // namespace

ImportPreviewPage::ImportPreviewPage(ImportWizard *wizard)
    : QWizardPage(wizard)
    , m_wizard(wizard)
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_summary(new QLabel(this))
    , m_tenant(new QLabel(this))
    , m_message(new InlineMessage(this))
{
    setTitle(tr("Preview"));
    setSubTitle(tr("The first %1 rows as they will be imported. Rows with errors are reported "
                   "and skipped; the others are written.")
                    .arg(PreviewRows));
    setCommitPage(true);
    setButtonText(QWizard::CommitButton, tr("&Import"));
    m_table->setObjectName(QStringLiteral("importPreviewTable"));
    m_summary->setObjectName(QStringLiteral("importPreviewSummary"));
    m_tenant->setObjectName(QStringLiteral("importPreviewTenant"));
    m_tenant->setWordWrap(true);
    m_tenant->hide();
    m_message->setObjectName(QStringLiteral("importPreviewMessage"));
    m_table->setHorizontalHeaderLabels(
        {tr("Line"), tr("Status"), tr("Tenant key"), tr("Point id"), tr("Payload")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(LineColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(StatusColumn, QHeaderView::Interactive);
    m_table->horizontalHeader()->setSectionResizeMode(TenantColumn,
                                                      QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(IdColumn, QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(StatusColumn, 260);
    m_table->setColumnWidth(IdColumn, 150);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_tenant);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_message);
}

ImportPreviewPage::~ImportPreviewPage() = default;

bool ImportPreviewPage::isComplete() const
{
    return !m_pending && m_valid > 0;
}

void ImportPreviewPage::initializePage()
{
    m_pending = true;
    m_valid = m_invalid = m_refused = m_stamped = 0;
    m_table->setRowCount(0);
    m_tenant->clear();
    m_tenant->hide();
    m_summary->setText(tr("Checking the first rows…"));
    m_message->clearMessage();
    emit completeChanged();
    const int request = ++m_request;
    const ImportOptions options = m_wizard->options();
    const AgentMemorySchema *schema = m_wizard->schema();
    // The run writes through the session's scope: the preview checks in the same one.
    const TenantScope scope = m_wizard->session() ? m_wizard->session()->scope() : TenantScope();
    auto *watcher = new QFutureWatcher<Result<QList<ImportPreview::CheckedRow>>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, request, watcher] {
        watcher->deleteLater();
        show(request, watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([options, scope, schema] {
        return ImportPreview::checkInScope(options, scope, schema, PreviewRows);
    }));
}

void ImportPreviewPage::show(int request, const Result<QList<ImportPreview::CheckedRow>> &rows)
{
    if (request != m_request)
        return;
    m_pending = false;
    if (!rows.ok()) {
        m_summary->clear();
        m_message->showError(rows.error().message);
        emit completeChanged();
        emit checked();
        return;
    }
    const QList<ImportPreview::CheckedRow> &checkedRows = rows.value();
    const TenantScope scope = m_wizard->session() ? m_wizard->session()->scope() : TenantScope();
    const QString key = scope.payloadKey();
    const QString tenantId = scope.tenantId();
    int kept = 0;
    m_table->setRowCount(int(checkedRows.size()));
    const QColor errorBack = ProfileColours::errorText(palette());
    QColor tint = errorBack;
    tint.setAlpha(40);
    for (int row = 0; row < checkedRows.size(); ++row) {
        const ImportPreview::CheckedRow &checked = checkedRows.at(row);
        auto *line = new QTableWidgetItem(QString::number(checked.line));
        line->setData(Qt::UserRole, checked.line);
        line->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        QStringList reasons;
        for (const ImportRowError &error : checked.errors)
            reasons << (error.field.isEmpty() ? error.reason
                                              : error.field + QStringLiteral(": ") + error.reason);
        const bool valid = checked.errors.isEmpty();
        const bool refused = checked.tenant == ImportPreview::Tenant::Refused;
        QString statusText = valid ? tr("OK") : reasons.join(QStringLiteral("; "));
        if (refused)
            statusText = tr("Refused: %1").arg(statusText);
        auto *status = new QTableWidgetItem(statusText);
        status->setToolTip(reasons.join(QLatin1Char('\n')));
        auto *tenant = new QTableWidgetItem;
        switch (checked.tenant) {
        case ImportPreview::Tenant::Stamped:
            ++m_stamped;
            tenant->setText(tr("stamped"));
            tenant->setToolTip(tr("The row has no %1: the import writes this tenant's (%2).")
                                   .arg(key, tenantId));
            break;
        case ImportPreview::Tenant::Kept:
            ++kept;
            tenant->setText(tr("this tenant"));
            break;
        case ImportPreview::Tenant::Refused:
            ++m_refused;
            tenant->setText(tr("refused"));
            tenant->setToolTip(checked.tenantReason);
            break;
        case ImportPreview::Tenant::Unknown:
            break;
        }
        auto *id = new QTableWidgetItem(checked.id);
        auto *payload = new QTableWidgetItem(
            QString::fromUtf8(QJsonDocument(checked.payload).toJson(QJsonDocument::Compact)));
        m_table->setItem(row, LineColumn, line);
        m_table->setItem(row, StatusColumn, status);
        m_table->setItem(row, TenantColumn, tenant);
        m_table->setItem(row, IdColumn, id);
        m_table->setItem(row, PayloadColumn, payload);
        if (valid) {
            ++m_valid;
        } else {
            ++m_invalid;
            status->setForeground(errorBack);
            for (QTableWidgetItem *item : {line, status, tenant, id, payload})
                item->setBackground(tint);
        }
    }
    m_summary->setText(m_invalid == 0 ? tr("%n valid", nullptr, m_valid)
                                      : tr("%1 valid, %2 with errors")
                                            .arg(m_valid)
                                            .arg(m_invalid));
    m_tenant->setText(tenantSummary(kept));
    m_tenant->setVisible(!m_tenant->text().isEmpty());
    if (checkedRows.isEmpty())
        m_message->showError(tr("The file has no rows to import."));
    else if (m_valid == 0)
        m_message->showError(tr("None of the first rows can be imported: go back and change "
                                "the mapping, or fix the file."));
    else
        m_message->clearMessage();
    emit completeChanged();
    emit checked();
}

QString ImportPreviewPage::tenantSummary(int kept) const
{
    const TenantScope scope = m_wizard->session() ? m_wizard->session()->scope() : TenantScope();
    if (m_refused + m_stamped + kept == 0 || scope.mode() != TenantScope::Mode::Tenant)
        return {};
    // Said as the run will do it: a refused row goes to the error report, a stamped one is
    // written with the tenant's key.
    QStringList parts;
    const QString key = scope.payloadKey().isEmpty() ? tr("tenant key") : scope.payloadKey();
    // Spelled out rather than "%n row(s)": without a translation Qt picks no English plural.
    const QLocale locale;
    if (m_refused > 0) {
        parts << (m_refused == 1
                      ? tr("1 row holds another tenant's %1: the import refuses it.").arg(key)
                      : tr("%1 rows hold another tenant's %2: the import refuses them.")
                            .arg(locale.toString(m_refused), key));
    }
    if (m_stamped > 0) {
        parts << (m_stamped == 1
                      ? tr("1 row has no %1: the import writes tenant %2 into it.")
                            .arg(key, scope.tenantId())
                      : tr("%1 rows have no %2: the import writes tenant %3 into them.")
                            .arg(locale.toString(m_stamped), key, scope.tenantId()));
    }
    if (kept > 0) {
        parts << (kept == 1 ? tr("1 row already belongs to tenant %1.").arg(scope.tenantId())
                            : tr("%1 rows already belong to tenant %2.")
                                  .arg(locale.toString(kept), scope.tenantId()));
    }
    return parts.join(QLatin1Char(' '));
}
