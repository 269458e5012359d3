#include "searchform.h"

#include "filterbuilder.h"
#include "filtertree.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

SearchForm::SearchForm(QWidget *parent)
    : QWidget(parent)
    , m_text(new QLineEdit(this))
    , m_search(new QPushButton(tr("Search"), this))
    , m_collection(new QComboBox(this))
    , m_vector(new QComboBox(this))
    , m_limit(new QSpinBox(this))
    , m_useThreshold(new QCheckBox(tr("Min score"), this))
    , m_threshold(new QDoubleSpinBox(this))
    , m_filterToggle(new QToolButton(this))
    , m_filterSummary(new QLabel(this))
    , m_builder(new FilterBuilder(this))
{
    m_text->setPlaceholderText(
        tr("Ask the agents' memory, e.g. \u201chigh P95 latency\u201d or \u201cmigrate batch "
           "jobs to spot instances\u201d"));
    m_text->setClearButtonEnabled(true);
    m_text->setAccessibleName(tr("Query text"));
    m_search->setDefault(true);
    m_search->setToolTip(tr("Embed the text with the profile's embedder and search (Enter)"));
    m_collection->setMinimumContentsLength(24);
    m_collection->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_collection->setAccessibleName(tr("Collection"));
    m_vector->setToolTip(tr("The vector to search; Auto takes the one the embedder fits"));
    m_vector->addItem(tr("Auto"));
    m_limit->setRange(1, SearchQuery::MaxLimit);
    m_limit->setValue(SearchQuery::DefaultLimit);
    m_limit->setToolTip(tr("How many hits at most"));
    m_threshold->setRange(-1e6, 1e6);
    m_threshold->setDecimals(3);
    m_threshold->setSingleStep(0.05);
    m_threshold->setValue(0.3);
    m_threshold->setEnabled(false);
    m_threshold->setToolTip(tr("Leave out hits scoring below this (score_threshold)"));
    m_filterToggle->setText(tr("Filter"));
    m_filterToggle->setCheckable(true);
    m_filterToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_filterToggle->setArrowType(Qt::RightArrow);
    m_filterSummary->setTextFormat(Qt::PlainText);
    m_filterSummary->setForegroundRole(QPalette::PlaceholderText);
    m_builder->hide();

    auto *textRow = new QHBoxLayout;
    textRow->addWidget(m_text, 1);
    textRow->addWidget(m_search);

    auto *options = new QHBoxLayout;
    auto *collectionLabel = new QLabel(tr("&Collection"), this);
    collectionLabel->setBuddy(m_collection);
    auto *vectorLabel = new QLabel(tr("&Vector"), this);
    vectorLabel->setBuddy(m_vector);
    auto *limitLabel = new QLabel(tr("&Limit"), this);
    limitLabel->setBuddy(m_limit);
    options->addWidget(collectionLabel);
    options->addWidget(m_collection, 2);
    options->addSpacing(8);
    options->addWidget(vectorLabel);
    options->addWidget(m_vector, 1);
    options->addSpacing(8);
    options->addWidget(limitLabel);
    options->addWidget(m_limit);
    options->addSpacing(8);
    options->addWidget(m_useThreshold);
    options->addWidget(m_threshold);
    options->addSpacing(8);
    options->addWidget(m_filterToggle);
    options->addWidget(m_filterSummary, 3);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(textRow);
    layout->addLayout(options);
    layout->addWidget(m_builder);

    connect(m_text, &QLineEdit::returnPressed, this, &SearchForm::searchRequested);
    connect(m_search, &QPushButton::clicked, this, [this] {
        if (m_running)
            emit cancelRequested();
        else
            emit searchRequested();
    });
    auto *escape = new QShortcut(QKeySequence(Qt::Key_Escape), m_text);
    escape->setContext(Qt::WidgetShortcut);
    connect(escape, &QShortcut::activated, this, [this] {
        if (m_running)
            emit cancelRequested();
    });
    connect(m_collection, &QComboBox::currentTextChanged, this, &SearchForm::collectionChanged);
    connect(m_useThreshold, &QCheckBox::toggled, m_threshold, &QWidget::setEnabled);
    connect(m_filterToggle, &QToolButton::toggled, this, [this](bool shown) {
        m_builder->setVisible(shown);
        m_filterToggle->setArrowType(shown ? Qt::DownArrow : Qt::RightArrow);
    });
    connect(m_builder, &FilterBuilder::filterApplied, this, [this](const QJsonObject &filter) {
        m_filter = filter;
        refreshFilterToggle();
        if (!m_text->text().trimmed().isEmpty())
            emit searchRequested();
    });
    connect(m_builder, &FilterBuilder::filterCleared, this, [this] {
        m_filter = QJsonObject();
        refreshFilterToggle();
        if (!m_text->text().trimmed().isEmpty())
            emit searchRequested();
    });
    refreshFilterToggle();
}

SearchQuery SearchForm::query() const
{
    SearchQuery query;
    query.text = m_text->text();
    query.collection = collection();
    query.filter = m_filter;
    query.limit = m_limit->value();
    if (m_useThreshold->isChecked())
        query.scoreThreshold = float(m_threshold->value());
    const QVariant vector = m_vector->currentData();
    if (vector.isValid())
        query.vectorName = vector.toString();
    return query;
}

void SearchForm::setQuery(const SearchQuery &query)
{
    if (!query.isSimilarSearch())
        m_text->setText(query.text);
    setCollection(query.collection);
    setFilter(query.filter);
    m_limit->setValue(query.limit);
    m_useThreshold->setChecked(query.scoreThreshold.has_value());
    if (query.scoreThreshold)
        m_threshold->setValue(double(*query.scoreThreshold));
    int vectorIndex = 0;
    if (query.vectorName) {
        vectorIndex = m_vector->findData(*query.vectorName);
        if (vectorIndex < 0) {
            m_vector->addItem(*query.vectorName, *query.vectorName);
            vectorIndex = m_vector->count() - 1;
        }
    }
    m_vector->setCurrentIndex(vectorIndex);
}

QString SearchForm::collection() const
{
    return m_collection->currentText();
}

void SearchForm::setCollections(const QStringList &collections)
{
    const QString current = collection();
    QSignalBlocker blocker(m_collection);
    m_collection->clear();
    m_collection->addItems(collections);
    const int index = m_collection->findText(current);
    m_collection->setCurrentIndex(index >= 0 ? index : (collections.isEmpty() ? -1 : 0));
    blocker.unblock();
    if (collection() != current)
        emit collectionChanged(collection());
}

void SearchForm::setCollection(const QString &collection)
{
    if (collection.isEmpty())
        return;
    int index = m_collection->findText(collection);
    if (index < 0) {
        m_collection->addItem(collection);
        index = m_collection->count() - 1;
    }
    m_collection->setCurrentIndex(index);
}

void SearchForm::setVectors(const QMap<QString, VectorParams> &vectors)
{
    const QVariant current = m_vector->currentData();
    m_vector->clear();
    m_vector->addItem(tr("Auto"));
    for (auto it = vectors.begin(); it != vectors.end(); ++it) {
        const QString shown = it.key().isEmpty() ? tr("unnamed") : it.key();
        m_vector->addItem(
            tr("%1 (%2, %3)").arg(shown).arg(it.value().size).arg(it.value().distance), it.key());
    }
    const int index = current.isValid() ? m_vector->findData(current) : 0;
    m_vector->setCurrentIndex(std::max(index, 0));
}

void SearchForm::setKnownKeys(const QStringList &keys, const QHash<QString, QString> &types)
{
    m_builder->setKnownKeys(keys, types);
}

void SearchForm::setRunning(bool running)
{
    m_running = running;
    m_search->setText(running ? tr("Stop") : tr("Search"));
    m_search->setToolTip(running ? tr("Stop the search (Esc)")
                                 : tr("Embed the text with the profile's embedder and search "
                                      "(Enter)"));
}

void SearchForm::focusQuery()
{
    m_text->setFocus(Qt::ShortcutFocusReason);
    m_text->selectAll();
}

void SearchForm::setFilter(const QJsonObject &filter)
{
    m_filter = filter;
    m_builder->setFilter(filter);
    refreshFilterToggle();
}

void SearchForm::refreshFilterToggle()
{
    if (m_filter.isEmpty()) {
        m_filterSummary->setText(tr("none"));
        m_filterSummary->setToolTip(QString());
        return;
    }
    const Result<FilterTree> tree = FilterTree::fromJson(m_filter);
    const QString summary = tree.ok() ? tree.value().describe() : tr("raw JSON filter");
    m_filterSummary->setText(
        m_filterSummary->fontMetrics().elidedText(summary, Qt::ElideRight, 320));
    m_filterSummary->setToolTip(summary);
}
