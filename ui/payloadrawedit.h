#pragma once

#include <QJsonObject>
#include <QPlainTextEdit>

struct PayloadTextParse;
class QTimer;

/// The raw-JSON mode of the payload editor: the payload as text, checked as the user types
/// (the error's spot underlined), with the text last applied to the tree remembered so that
/// the editor knows when there is something to apply. Ctrl+Z undoes typing; once there is no
/// typing left to undo, the keys are passed on (undoPastTyping) to undo the edits before it.
class PayloadRawEdit final : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit PayloadRawEdit(QWidget *parent = nullptr);
    ~PayloadRawEdit() override;

    /// Shows payload as the text that matches the tree; typing history starts afresh.
    void showPayload(const QJsonObject &payload);
    /// The current text becomes the one that matches the tree (it was just applied).
    void markApplied();
    /// True when the text differs from what was last shown or applied.
    bool isPending() const;
    /// Reads the current text.
    PayloadTextParse parse() const;
    /// Underlines the spot of parsed's error (none when it parsed) and, with moveCursor, puts
    /// the cursor there.
    void markError(const PayloadTextParse &parsed, bool moveCursor);

signals:
    /// The text was read after a pause in typing.
    void checked(const PayloadTextParse &parsed);
    /// Ctrl+Z (Ctrl+Shift+Z) with no typing left to undo (redo).
    void undoPastTyping();
    void redoPastTyping();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    QTimer *m_check;
    QString m_applied;
};
