#pragma once

#include "qdranttypes.h"
#include "searchquery.h"

#include <QJsonObject>
#include <QWidget>

class FilterBuilder;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QToolButton;

/// The inputs of a semantic search: the query text (Enter searches), the collection, the
/// vector (Auto: the one the embedder fits), the limit, an optional minimum score and the
/// filter builder (shown on demand; applying a filter searches again). It holds no data of
/// its own: query() reads the inputs, setQuery() fills them.
class SearchForm final : public QWidget
{
    Q_OBJECT

public:
    explicit SearchForm(QWidget *parent = nullptr);

    /// The search the inputs describe (the filter last applied in the builder).
    SearchQuery query() const;
    /// Shows a search in the inputs (a collection not listed is added to the list).
    void setQuery(const SearchQuery &query);
    /// The collection chosen; empty when none.
    QString collection() const;
    /// The collections offered; the one chosen stays chosen when it is still there.
    void setCollections(const QStringList &collections);
    /// Chooses a collection (added to the list when it is not in it).
    void setCollection(const QString &collection);
    /// The vectors of the chosen collection, offered after Auto.
    void setVectors(const QMap<QString, VectorParams> &vectors);
    /// The keys the filter builder offers, with their types.
    void setKnownKeys(const QStringList &keys, const QHash<QString, QString> &types);
    /// While a search runs, Search becomes Stop.
    void setRunning(bool running);
    /// Focuses the query text with its text selected (Ctrl+F).
    void focusQuery();

    QLineEdit *queryEdit() const { return m_text; }
    QComboBox *collectionCombo() const { return m_collection; }
    QComboBox *vectorCombo() const { return m_vector; }
    QSpinBox *limitSpin() const { return m_limit; }
    QCheckBox *thresholdCheck() const { return m_useThreshold; }
    QDoubleSpinBox *thresholdSpin() const { return m_threshold; }
    QToolButton *filterToggle() const { return m_filterToggle; }
    FilterBuilder *filterBuilder() const { return m_builder; }
    QPushButton *searchButton() const { return m_search; }

signals:
    /// The user asked for a search (Enter, the Search button, a filter applied).
    void searchRequested();
    /// The user asked to stop the search in flight (Stop, Escape).
    void cancelRequested();
    /// Another collection was chosen.
    void collectionChanged(const QString &collection);

private:
    void setFilter(const QJsonObject &filter);
    void refreshFilterToggle();

    QLineEdit *m_text;
    QPushButton *m_search;
    QComboBox *m_collection;
    QComboBox *m_vector;
    QSpinBox *m_limit;
    QCheckBox *m_useThreshold;
    QDoubleSpinBox *m_threshold;
    QToolButton *m_filterToggle;
    QLabel *m_filterSummary;
    FilterBuilder *m_builder;
    QJsonObject m_filter;
    bool m_running = false;
};
