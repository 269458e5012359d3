#pragma once

#include <QDialog>
#include <QStringList>

class PresentationOptions;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QSpinBox;

/// Edits the presentation options for demos and screen shares: the font scale (in percent,
/// applied app-wide) and the payload fields whose values are masked in the points table and
/// the payload editor. OK saves them (PresentationOptions persists and announces the change);
/// Cancel leaves them; Restore Defaults puts 100 % and no masked field in the form.
class PresentationDialog final : public QDialog
{
    Q_OBJECT

public:
    /// knownFields are offered as check boxes (the shown collection's payload keys); other
    /// fields can be typed, comma-separated. options is not owned.
    PresentationDialog(PresentationOptions *options, const QStringList &knownFields,
                       QWidget *parent = nullptr);
    ~PresentationDialog() override;

    /// Makes the application's font follow options: the font at the time of the call is the
    /// 100 % font, scaled now and on every change.
    static void followFontScale(PresentationOptions *options);

    QSpinBox *scaleBox() const { return m_scale; }
    QListWidget *fieldList() const { return m_fields; }
    QLineEdit *otherFieldsEdit() const { return m_other; }
    QDialogButtonBox *buttons() const { return m_buttons; }
    /// The masked fields the form holds now.
    QStringList chosenFields() const;

    void accept() override;

private:
    void restoreDefaults();
    void updatePreview();

    PresentationOptions *m_options;
    QSpinBox *m_scale;
    QListWidget *m_fields;
    QLineEdit *m_other;
    QLabel *m_preview;
    QDialogButtonBox *m_buttons;
};
