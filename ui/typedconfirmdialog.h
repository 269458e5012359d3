#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

/// Asks the user to type a name (a collection's) before something that cannot be undone.
/// The destructive button stays disabled until the text matches exactly (case-sensitive, as
/// Qdrant compares names); Enter on a wrong name does nothing, Escape cancels.
/// Open it with open() (no nested event loop) and act on accepted().
class TypedConfirmDialog final : public QDialog
{
    Q_OBJECT

public:
    /// `what` says what will happen ("Delete the collection x and its 1,024 points."),
    /// `expected` is the text to type, `actionText` labels the destructive button.
    TypedConfirmDialog(const QString &title, const QString &what, const QString &expected,
                       const QString &actionText, QWidget *parent = nullptr);
    ~TypedConfirmDialog() override;

    QString expectedText() const { return m_expected; }
    /// True while the typed text matches.
    bool isConfirmed() const;
    QLineEdit *input() const { return m_input; }
    QPushButton *confirmButton() const { return m_confirm; }

private:
    void onTextChanged(const QString &text);

    QString m_expected;
    QLineEdit *m_input;
    QPushButton *m_confirm;
    QPushButton *m_cancel;
};
