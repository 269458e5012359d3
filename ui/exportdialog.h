#pragma once

#include "pointsexporter.h"

#include <QDialog>
#include <QJsonObject>
#include <QPointer>

class ConsoleSession;
class InlineMessage;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

/// Exports the points of a collection that match the points table's filter, inside the
/// session's tenant scope (PointsExporter through session->points(): another tenant's points
/// are never read), to JSON Lines or CSV, with or without vectors. Shows progress; Cancel
/// stops the export and leaves no file. Errors and the result show in the dialog.
class ExportDialog final : public QDialog
{
    Q_OBJECT

public:
    /// filter is the user's filter (the scope is added by the session's ScopedPoints).
    ExportDialog(ConsoleSession *session, const QString &collection, const QJsonObject &filter,
                 QWidget *parent = nullptr);
    ~ExportDialog() override;

    QComboBox *formatBox() const { return m_format; }
    QCheckBox *vectorsBox() const { return m_vectors; }
    QLineEdit *pathEdit() const { return m_path; }
    QPushButton *exportButton() const { return m_export; }
    /// Cancels a running export; closes the dialog otherwise.
    QPushButton *cancelButton() const { return m_cancel; }
    QProgressBar *progressBar() const { return m_progress; }
    /// The dialog's error or result line.
    QString messageText() const;
    bool isExporting() const { return m_exporter->isRunning(); }

protected:
    void reject() override;

private:
    void browse();
    void startExport();
    void onFormatChanged();
    void onProgress(qint64 done, qint64 total);
    void onFinished(const Result<qint64> &written);
    void setExporting(bool exporting);

    QPointer<ConsoleSession> m_session;
    QString m_collection;
    QJsonObject m_filter;
    PointsExporter *m_exporter;
    QComboBox *m_format;
    QCheckBox *m_vectors;
    QLineEdit *m_path;
    QPushButton *m_browse;
    QProgressBar *m_progress;
    InlineMessage *m_message;
    QPushButton *m_export;
    QPushButton *m_cancel;
};
