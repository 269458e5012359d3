#pragma once

#include <QFrame>

class QLabel;
class SearchSummary;

/// The card above the search results that answers the question at a glance: the summary's
/// headline in bold ("3 similar cases: 2 succeeded (median 35% savings), 1 failed") and its
/// other lines (types, common lessons, best match, ...). Says so when there is nothing yet.
class SearchSummaryCard final : public QFrame
{
    Q_OBJECT

public:
    explicit SearchSummaryCard(QWidget *parent = nullptr);

    /// Shows a search's summary.
    void setSummary(const SearchSummary &summary);
    /// Shows a note instead of a summary (before the first search, while searching).
    void setNote(const QString &note);
    /// The card's text as shown, headline first, one line each.
    QString text() const;

private:
    QLabel *m_headline;
    QLabel *m_details;
};
