#pragma once

#include "importpreview.h"
#include "qdranttypes.h"

#include <QMap>
#include <QWizardPage>

class ImportWizard;
class InlineMessage;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTimer;

/// The import wizard's first page: the target collection (the scope's collections), the
/// file (typed or browsed), its format (detected, overridable), the fields found and the
/// rows among the first that could not be read, with their lines. The file is scanned on a
/// worker thread; the page is complete once the scan found fields and the collection's
/// vectors are known.
class ImportFilePage final : public QWizardPage
{
    Q_OBJECT

public:
    explicit ImportFilePage(ImportWizard *wizard, const QString &collection);
    ~ImportFilePage() override;

    QComboBox *collectionBox() const { return m_collection; }
    QLineEdit *pathEdit() const { return m_path; }
    /// "Detected" (the scan's choice) then the three formats.
    QComboBox *formatBox() const { return m_format; }
    QLabel *detectedLabel() const { return m_detected; }
    QLabel *fieldsLabel() const { return m_fields; }
    QListWidget *readErrorList() const { return m_readErrors; }
    InlineMessage *message() const { return m_message; }

    QString filePath() const;
    ImportFormat::Kind format() const { return m_scan.format; }
    QString collection() const;
    const ImportPreview::Scan &scan() const { return m_scan; }
    const QMap<QString, VectorParams> &vectors() const { return m_vectors; }
    /// Changes whenever the scan or the collection changes (the mapping page rebuilds then).
    int generation() const { return m_generation; }

    bool isComplete() const override;

signals:
    void scanned();

private:
    void browse();
    void rescan();
    void onScanned(int request, const Result<ImportPreview::Scan> &scan);
    void loadCollections(const QString &preferred);
    void readCollection();
    void showState();

    ImportWizard *m_wizard;
    QComboBox *m_collection;
    QLabel *m_vectorLabel;
    QLineEdit *m_path;
    QPushButton *m_browse;
    QComboBox *m_format;
    QLabel *m_detected;
    QLabel *m_fields;
    QListWidget *m_readErrors;
    InlineMessage *m_message;
    QTimer *m_debounce;
    ImportPreview::Scan m_scan;
    bool m_scanOk = false;
    bool m_scanPending = false;
    QString m_scanError;
    QString m_collectionError;
    QMap<QString, VectorParams> m_vectors;
    QString m_refusal;
    int m_generation = 0;
    int m_scanRequest = 0;
    int m_infoRequest = 0;
};
