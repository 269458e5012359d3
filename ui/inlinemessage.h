#pragma once

#include <QLabel>

/// A one-line (wrapping) message under a form or a list: what just happened, or why it did
/// not, in the palette's error or success colour. Hidden while empty. The house rule is that
/// errors are shown where they happened, not in a message box; every pane uses this for it.
class InlineMessage final : public QLabel
{
    Q_OBJECT

public:
    enum class Kind { Info, Success, Error };

    explicit InlineMessage(QWidget *parent = nullptr);
    ~InlineMessage() override;

    void showError(const QString &text) { showMessage(text, Kind::Error); }
    void showSuccess(const QString &text) { showMessage(text, Kind::Success); }
    void showInfo(const QString &text) { showMessage(text, Kind::Info); }
    void showMessage(const QString &text, Kind kind);
    /// Empties and hides the message.
    void clearMessage();

    Kind kind() const { return m_kind; }
    bool isError() const { return m_kind == Kind::Error && !text().isEmpty(); }

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyTint();

    Kind m_kind = Kind::Info;
};
