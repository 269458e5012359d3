#include "searchsummarycard.h"

#include "searchsummary.h"

#include <QLabel>
#include <QVBoxLayout>

SearchSummaryCard::SearchSummaryCard(QWidget *parent)
    : QFrame(parent)
    , m_headline(new QLabel(this))
    , m_details(new QLabel(this))
{
    setFrameShape(QFrame::StyledPanel);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    QFont bold = m_headline->font();
    bold.setBold(true);
    m_headline->setFont(bold);
    for (QLabel *label : {m_headline, m_details}) {
        label->setWordWrap(true);
        label->setTextFormat(Qt::PlainText);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    }
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->setSpacing(4);
    layout->addWidget(m_headline);
    layout->addWidget(m_details);
    setNote(tr("Run a search to see what the similar cases say."));
}

void SearchSummaryCard::setSummary(const SearchSummary &summary)
{
    m_headline->setText(summary.headline());
    const QStringList details = summary.details();
    m_details->setText(details.join(QLatin1Char('\n')));
    m_details->setVisible(!details.isEmpty());
}

void SearchSummaryCard::setNote(const QString &note)
{
    m_headline->setText(note);
    m_details->clear();
    m_details->hide();
}

QString SearchSummaryCard::text() const
{
    if (m_details->text().isEmpty())
        return m_headline->text();
    return m_headline->text() + QLatin1Char('\n') + m_details->text();
}
