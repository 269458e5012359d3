#include "inlinemessage.h"

#include "profilecolours.h"

#include <QEvent>

InlineMessage::InlineMessage(QWidget *parent)
    : QLabel(parent)
{
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    // Server errors are long and worth copying into a bug report.
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    hide();
}

InlineMessage::~InlineMessage() = default;

void InlineMessage::showMessage(const QString &text, Kind kind)
{
    m_kind = kind;
    setText(text);
    setVisible(!text.isEmpty());
    applyTint();
}

void InlineMessage::clearMessage()
{
    showMessage(QString(), Kind::Info);
}

void InlineMessage::changeEvent(QEvent *event)
{
    QLabel::changeEvent(event);
    // The desktop switched between light and dark: the tint must follow.
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ParentChange)
        applyTint();
}

void InlineMessage::applyTint()
{
    QPalette base = parentWidget() ? parentWidget()->palette() : palette();
    QColor colour = base.color(QPalette::WindowText);
    if (m_kind == Kind::Error)
        colour = ProfileColours::errorText(base);
    else if (m_kind == Kind::Success)
        colour = ProfileColours::successText(base);
    QPalette own = palette();
    if (own.color(QPalette::WindowText) == colour)
        return; // setPalette would send PaletteChange again
    own.setColor(QPalette::WindowText, colour);
    setPalette(own);
}
