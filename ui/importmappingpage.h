#pragma once

#include "importmapping.h"

#include <QWizardPage>

class ImportWizard;
class InlineMessage;
class QCheckBox;
class QComboBox;
class QLabel;
class QRadioButton;
class QTableWidget;

/// The import wizard's second page: for each file field the payload key it fills (its own
/// name, a key of the collection's schema, another name typed in, or skipped), the natural key
/// the deterministic point ids come from, the vector source (a numeric-array field of the
/// file, or the profile's embedder on a text field or on the schema's embedded text) with its
/// dimension checked against the collection, and stop-on-first-error. Complete when the
/// mapping has no problem and the vectors will fit.
class ImportMappingPage final : public QWizardPage
{
    Q_OBJECT

public:
    explicit ImportMappingPage(ImportWizard *wizard);
    ~ImportMappingPage() override;

    /// One row per file field; column 2 holds the payload-key combo box.
    QTableWidget *fieldTable() const { return m_table; }
    /// The payload-key box of a file field (nullptr when the file has no such field).
    QComboBox *targetBox(const QString &fileField) const;
    QComboBox *idFieldBox() const { return m_idField; }
    QComboBox *idKindBox() const { return m_idKind; }
    QRadioButton *fromFileButton() const { return m_fromFile; }
    QComboBox *vectorFieldBox() const { return m_vectorField; }
    QRadioButton *embedButton() const { return m_embed; }
    /// The schema's embedded text first (data ""), then the file's fields.
    QComboBox *embedTextBox() const { return m_embedText; }
    QComboBox *vectorNameBox() const { return m_vectorName; }
    QCheckBox *stopOnErrorBox() const { return m_stopOnError; }
    QLabel *embedderLabel() const { return m_embedderLabel; }
    InlineMessage *message() const { return m_message; }

    /// The mapping the page shows.
    ImportMapping mapping() const;
    bool stopOnFirstError() const;

    void initializePage() override;
    bool isComplete() const override;

private:
    void rebuild();
    void revalidate();
    void showEmbedder();
    /// Why the vectors won't fit the collection; empty when they will (or can't be known yet).
    QString dimensionProblem() const;
    int targetSize() const;

    ImportWizard *m_wizard;
    QTableWidget *m_table;
    QComboBox *m_idField;
    QComboBox *m_idKind;
    QRadioButton *m_fromFile;
    QComboBox *m_vectorField;
    QRadioButton *m_embed;
    QComboBox *m_embedText;
    QLabel *m_embedderLabel;
    QComboBox *m_vectorName;
    QLabel *m_vectorNameLabel;
    QCheckBox *m_stopOnError;
    InlineMessage *m_message;
    int m_builtFor = -1;
    /// For a file id that is not a Qdrant id: the field whose UUIDv5 stands in (suggested).
    QString m_fallbackKeyField;
    bool m_complete = false;
};
