#pragma once

#include "importpreview.h"

#include <QWizardPage>

class ImportWizard;
class InlineMessage;
class QLabel;
class QTableWidget;

/// The import wizard's third page: the first rows of the file mapped and validated as the
/// import will in the session's tenant scope (ImportPreview::checkInScope on a worker thread),
/// each with its line, what the scope does with its tenant key (stamped, kept, or refused as
/// another tenant's), point id and payload, the invalid ones highlighted with the field and
/// the reason, and counts of valid and invalid rows and of the tenant verdicts. The import
/// can't start when none of them is valid. Its Import button commits: the run page has no way
/// back.
class ImportPreviewPage final : public QWizardPage
{
    Q_OBJECT

public:
    static constexpr int PreviewRows = 100;

    explicit ImportPreviewPage(ImportWizard *wizard);
    ~ImportPreviewPage() override;

    QTableWidget *table() const { return m_table; }
    /// "97 valid, 3 with errors".
    QLabel *summaryLabel() const { return m_summary; }
    /// What the tenant scope does to the rows ("2 rows hold another tenant's customer_id: they
    /// will be refused. …"); hidden outside a tenant scope.
    QLabel *tenantLabel() const { return m_tenant; }
    int refusedRows() const { return m_refused; }
    int stampedRows() const { return m_stamped; }
    InlineMessage *message() const { return m_message; }
    int validRows() const { return m_valid; }
    int invalidRows() const { return m_invalid; }

    void initializePage() override;
    bool isComplete() const override;

signals:
    void checked();

private:
    void show(int request, const Result<QList<ImportPreview::CheckedRow>> &rows);

    ImportWizard *m_wizard;
    QTableWidget *m_table;
    QString tenantSummary(int kept) const;

    QLabel *m_summary;
    QLabel *m_tenant;
    InlineMessage *m_message;
    int m_request = 0;
    bool m_pending = false;
    int m_valid = 0;
    int m_invalid = 0;
    int m_refused = 0;
    int m_stamped = 0;
};
