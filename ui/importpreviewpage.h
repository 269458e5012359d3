#pragma once

#include "importpreview.h"

#include <QWizardPage>

class ImportWizard;
class InlineMessage;
class QLabel;
class QTableWidget;

/// The import wizard's third page: the first rows of the file mapped and validated as the
/// import will (ImportPreview::check on a worker thread), each with its line, point id and
/// payload, the invalid ones highlighted with the field and the reason, and a count of valid
/// and invalid rows. The import can't start when none of them is valid. Its Import button
/// commits: the run page has no way back.
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
    QLabel *m_summary;
    InlineMessage *m_message;
    int m_request = 0;
    bool m_pending = false;
    int m_valid = 0;
    int m_invalid = 0;
};
