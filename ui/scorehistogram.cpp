#include "scorehistogram.h"

#include <QLocale>
#include <QPainter>

#include <algorithm>

ScoreHistogram::ScoreHistogram(QWidget *parent)
    : QWidget(parent)
    , m_bins(BinCount, 0)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    setAccessibleName(tr("Score distribution"));
}

void ScoreHistogram::setScores(const QList<float> &scores, bool bounded)
{
    m_bins = QList<int>(BinCount, 0);
    m_count = int(scores.size());
    if (scores.isEmpty()) {
        m_low = 0;
        m_high = 1;
    } else if (bounded) {
        m_low = std::min(0.0, double(*std::min_element(scores.begin(), scores.end())));
        m_high = 1;
    } else {
        const auto [low, high] = std::minmax_element(scores.begin(), scores.end());
        m_low = *low;
        m_high = *high > *low ? double(*high) : double(*low) + 1;
    }
    for (float score : scores) {
        const double position = (double(score) - m_low) / (m_high - m_low);
        m_bins[std::clamp(int(position * BinCount), 0, BinCount - 1)] += 1;
    }
    setToolTip(m_count
            ? tr("%1 scores from %2 to %3")
                  .arg(m_count)
                  .arg(QLocale().toString(m_low, 'f', 2), QLocale().toString(m_high, 'f', 2))
            : QString());
    update();
}

QSize ScoreHistogram::sizeHint() const
{
    return {240, fontMetrics().height() * 5};
}

QSize ScoreHistogram::minimumSizeHint() const
{
    return {120, fontMetrics().height() * 4};
}

void ScoreHistogram::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QPalette &pal = palette();
    const int lineHeight = fontMetrics().height();
    const QRect plot = rect().adjusted(1, lineHeight + 2, -1, -lineHeight - 2);
    painter.setPen(pal.color(QPalette::WindowText));
    painter.drawText(
        rect().adjusted(0, 0, 0, 0), Qt::AlignLeft | Qt::AlignTop, tr("Score distribution"));
    QColor axis = pal.color(QPalette::Mid);
    painter.setPen(axis);
    painter.drawLine(plot.bottomLeft(), plot.bottomRight());
    painter.setPen(pal.color(QPalette::PlaceholderText));
    const QRect labels(plot.left(), plot.bottom() + 2, plot.width(), lineHeight);
    painter.drawText(labels, Qt::AlignLeft | Qt::AlignTop, QLocale().toString(m_low, 'f', 2));
    painter.drawText(labels, Qt::AlignRight | Qt::AlignTop, QLocale().toString(m_high, 'f', 2));
    if (m_count == 0) {
        painter.drawText(plot, Qt::AlignCenter, tr("no hits"));
        return;
    }
    const int most = *std::max_element(m_bins.begin(), m_bins.end());
    const double slot = double(plot.width()) / BinCount;
    QColor bar = pal.color(QPalette::Highlight);
    painter.setRenderHint(QPainter::Antialiasing);
    for (int i = 0; i < BinCount; ++i) {
        if (m_bins.at(i) == 0)
            continue;
        const int height = std::max(2, int(plot.height() * m_bins.at(i) / double(most)));
        const QRectF column(plot.left() + i * slot + 1, plot.bottom() - height, slot - 2, height);
        painter.setPen(Qt::NoPen);
        painter.setBrush(bar);
        painter.drawRect(column);
        if (column.height() > lineHeight) {
            painter.setPen(pal.color(QPalette::HighlightedText));
            painter.drawText(
                column, Qt::AlignHCenter | Qt::AlignTop, QString::number(m_bins.at(i)));
        }
    }
}
