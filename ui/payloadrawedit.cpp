#include "payloadrawedit.h"

#include "payloadtext.h"

#include <QFontDatabase>
#include <QKeyEvent>
#include <QTextBlock>
#include <QTimer>

namespace {

// Long enough not to flash an error at every keystroke, short enough to feel immediate.
constexpr int kCheckDelayMs = 250;

} // namespace

PayloadRawEdit::PayloadRawEdit(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_check(new QTimer(this))
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTabChangesFocus(false);
    m_check->setSingleShot(true);
    m_check->setInterval(kCheckDelayMs);
    connect(this, &QPlainTextEdit::textChanged, m_check, qOverload<>(&QTimer::start));
    connect(m_check, &QTimer::timeout, this, [this] {
        const PayloadTextParse parsed = parse();
        markError(parsed, false);
        emit checked(parsed);
    });
}

PayloadRawEdit::~PayloadRawEdit() = default;

void PayloadRawEdit::showPayload(const QJsonObject &payload)
{
    const QString text = PayloadText::format(payload);
    m_applied = text;
    if (toPlainText() != text) {
        const int line = textCursor().blockNumber();
        setPlainText(text); // also clears the typing history
        // Keep the user's place: an undo in raw mode should not throw them to the top.
        QTextCursor cursor(document()->findBlockByNumber(std::min(line, blockCount() - 1)));
        setTextCursor(cursor);
    }
    m_check->stop();
    markError(PayloadTextParse{payload, 0, 0, -1, QString()}, false);
}

void PayloadRawEdit::markApplied()
{
    m_applied = toPlainText();
    document()->clearUndoRedoStacks();
}

bool PayloadRawEdit::isPending() const
{
    return toPlainText() != m_applied;
}

PayloadTextParse PayloadRawEdit::parse() const
{
    return PayloadText::parse(toPlainText());
}

void PayloadRawEdit::markError(const PayloadTextParse &parsed, bool moveCursor)
{
    if (parsed.payload || parsed.position < 0) {
        setExtraSelections({});
        return;
    }
    // The spot is a character to underline; at a line's end (an object left open) or the
    // text's end there is none, so the character before it is marked.
    const QString text = toPlainText();
    int at = int(std::min<qsizetype>(parsed.position, text.size()));
    if (at > 0 && (at == text.size() || text.at(at) == QLatin1Char('\n')))
        --at;
    QTextCursor spot(document());
    spot.setPosition(at);
    spot.movePosition(QTextCursor::NextCharacter, QTextCursor::KeepAnchor);
    QTextEdit::ExtraSelection mark;
    mark.cursor = spot;
    mark.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    mark.format.setUnderlineColor(QColor(0xd9, 0x3a, 0x3a));
    mark.format.setBackground(QColor(0xd9, 0x3a, 0x3a, 50));
    setExtraSelections({mark});
    if (moveCursor) {
        QTextCursor cursor = textCursor();
        cursor.setPosition(int(parsed.position));
        setTextCursor(cursor);
        ensureCursorVisible();
    }
}

void PayloadRawEdit::keyPressEvent(QKeyEvent *event)
{
    const bool shiftZ = event->key() == Qt::Key_Z
        && event->modifiers() == (Qt::ControlModifier | Qt::ShiftModifier);
    if (event->matches(QKeySequence::Undo) && !document()->isUndoAvailable()) {
        emit undoPastTyping();
        return;
    }
    if ((shiftZ || event->matches(QKeySequence::Redo)) && !document()->isRedoAvailable()) {
        emit redoPastTyping();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}
