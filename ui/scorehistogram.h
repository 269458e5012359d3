#pragma once

#include <QList>
#include <QWidget>

/// A small histogram of the scores of a search, drawn with QPainter: how the hits spread
/// between the lowest and the highest score (0..1 for cosine, so a flat list of weak matches
/// shows as such). Empty when there are no hits.
class ScoreHistogram final : public QWidget
{
    Q_OBJECT

public:
    static constexpr int BinCount = 10;

    explicit ScoreHistogram(QWidget *parent = nullptr);

    /// Shows these scores; bounded keeps the axis at 0..1 (cosine), else the scores' range.
    void setScores(const QList<float> &scores, bool bounded);
    /// How many scores fall into each bin, lowest first.
    QList<int> bins() const { return m_bins; }
    /// The axis: the lowest and the highest value shown.
    double low() const { return m_low; }
    double high() const { return m_high; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<int> m_bins;
    double m_low = 0;
    double m_high = 1;
    int m_count = 0;
};
