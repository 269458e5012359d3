#include "chartcontrols.h"

#include <QComboBox>
#include <QDateEdit>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>

namespace {

QDateEdit *dateEdit(const QDate &date, QWidget *parent)
{
    auto *edit = new QDateEdit(date, parent);
    edit->setCalendarPopup(true);
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    return edit;
}

QComboBox *editableBox(QWidget *parent)
{
    auto *box = new QComboBox(parent);
    box->setEditable(true);
    box->setInsertPolicy(QComboBox::NoInsert);
    box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    box->setMinimumContentsLength(12);
    return box;
}

// The keyword fields of the agent-memory schemas a distribution is usually drawn for.
const QStringList kKeywordFields{
    QStringLiteral("outcome"),       QStringLiteral("optimization_type"),
    QStringLiteral("cloud_provider"), QStringLiteral("instance_type"),
    QStringLiteral("service_type"),  QStringLiteral("model_name"),
    QStringLiteral("context_type"),  QStringLiteral("priority"),
};

} // namespace

ChartControls::ChartControls(QWidget *parent)
    : QWidget(parent)
    , m_collection(editableBox(this))
    , m_kind(new QComboBox(this))
    , m_split(new QComboBox(this))
    , m_fieldLabel(new QLabel(tr("Field"), this))
    , m_field(editableBox(this))
    , m_scope(new QComboBox(this))
    , m_cohorts(new QStackedWidget(this))
    , m_tenantA(editableBox(this))
    , m_tenantB(editableBox(this))
    , m_aFrom(dateEdit(QDate::currentDate().addMonths(-12), this))
    , m_aTo(dateEdit(QDate::currentDate().addMonths(-6).addDays(-1), this))
    , m_bFrom(dateEdit(QDate::currentDate().addMonths(-6), this))
    , m_bTo(dateEdit(QDate::currentDate(), this))
    , m_draw(new QPushButton(tr("Draw"), this))
{
    m_collection->setObjectName(QStringLiteral("chartCollection"));
    m_kind->setObjectName(QStringLiteral("chartKind"));
    m_split->setObjectName(QStringLiteral("chartSplit"));
    m_field->setObjectName(QStringLiteral("chartField"));
    m_scope->setObjectName(QStringLiteral("chartScope"));
    m_tenantA->setObjectName(QStringLiteral("chartTenantA"));
    m_tenantB->setObjectName(QStringLiteral("chartTenantB"));
    m_draw->setObjectName(QStringLiteral("chartDraw"));
    m_draw->setDefault(true);

    m_kind->addItem(tr("Savings % histogram"), int(ChartSpec::Kind::SavingsHistogram));
    m_kind->addItem(tr("Improvement factor histogram"),
                    int(ChartSpec::Kind::ImprovementHistogram));
    m_kind->addItem(tr("P95 before / after scatter"), int(ChartSpec::Kind::LatencyScatter));
    m_kind->addItem(tr("Keyword distribution"), int(ChartSpec::Kind::KeywordDistribution));
    m_kind->addItem(tr("Monthly series"), int(ChartSpec::Kind::MonthlySeries));
    m_field->addItems(kKeywordFields);
    m_field->setToolTip(tr("The keyword field counted through the facet API (it needs a "
                           "keyword payload index)."));

    m_scope->addItem(tr("Current scope"), int(ScopeChoice::Current));
    m_scope->addItem(tr("All tenants"), int(ScopeChoice::AllTenants));
    m_scope->addItem(tr("Two tenants side by side"), int(ScopeChoice::TwoTenants));
    m_scope->addItem(tr("Two date windows side by side"), int(ScopeChoice::TwoWindows));
    m_scope->setItemData(1, tr("Every tenant's points: needs the session in \"All tenants "
                               "(admin)\"."), Qt::ToolTipRole);
    m_scope->setItemData(2, tr("Two tenants' points: needs the session in \"All tenants "
                               "(admin)\"."), Qt::ToolTipRole);

    auto *none = new QWidget(m_cohorts);
    auto *tenants = new QWidget(m_cohorts);
    auto *tenantRow = new QHBoxLayout(tenants);
    tenantRow->setContentsMargins(0, 0, 0, 0);
    tenantRow->addWidget(new QLabel(tr("Tenant A"), tenants));
    tenantRow->addWidget(m_tenantA);
    tenantRow->addWidget(new QLabel(tr("Tenant B"), tenants));
    tenantRow->addWidget(m_tenantB);
    tenantRow->addStretch();
    auto *windows = new QWidget(m_cohorts);
    auto *windowRow = new QHBoxLayout(windows);
    windowRow->setContentsMargins(0, 0, 0, 0);
    windowRow->addWidget(new QLabel(tr("Window A"), windows));
    windowRow->addWidget(m_aFrom);
    windowRow->addWidget(new QLabel(QStringLiteral("–"), windows));
    windowRow->addWidget(m_aTo);
    windowRow->addSpacing(12);
    windowRow->addWidget(new QLabel(tr("Window B"), windows));
    windowRow->addWidget(m_bFrom);
    windowRow->addWidget(new QLabel(QStringLiteral("–"), windows));
    windowRow->addWidget(m_bTo);
    windowRow->addStretch();
    m_cohorts->addWidget(none);
    m_cohorts->addWidget(tenants);
    m_cohorts->addWidget(windows);

    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    auto *first = new QHBoxLayout;
    first->addWidget(new QLabel(tr("Collection"), this));
    first->addWidget(m_collection, 2);
    first->addWidget(new QLabel(tr("Chart"), this));
    first->addWidget(m_kind, 1);
    first->addWidget(new QLabel(tr("Split by"), this));
    first->addWidget(m_split, 1);
    first->addWidget(m_fieldLabel);
    first->addWidget(m_field, 1);
    auto *second = new QHBoxLayout;
    second->addWidget(new QLabel(tr("Scope"), this));
    second->addWidget(m_scope);
    second->addWidget(m_cohorts, 1);
    second->addWidget(m_draw);
    grid->addLayout(first, 0, 0);
    grid->addLayout(second, 1, 0);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &ChartControls::refreshForKind);
    connect(m_scope, &QComboBox::currentIndexChanged, this, &ChartControls::refreshForScope);
    connect(m_draw, &QPushButton::clicked, this, &ChartControls::drawRequested);
    connect(m_collection, &QComboBox::currentTextChanged, this,
            &ChartControls::collectionChosen);
    refreshForKind();
    refreshForScope();
}

ChartControls::~ChartControls() = default;

void ChartControls::refreshForKind()
{
    const auto kind = ChartSpec::Kind(m_kind->currentData().toInt());
    const QString previous = m_split->currentData().toString();
    m_split->clear();
    const QStringList keys = ChartSpec::splitKeysFor(kind);
    m_split->addItem(tr("(none)"), QString());
    for (const QString &key : keys)
        m_split->addItem(key, key);
    const int keep = m_split->findData(previous);
    m_split->setCurrentIndex(keep >= 0 ? keep : (keys.isEmpty() ? 0 : 1));
    m_split->setEnabled(!keys.isEmpty());
    const bool distribution = kind == ChartSpec::Kind::KeywordDistribution;
    m_fieldLabel->setVisible(distribution);
    m_field->setVisible(distribution);
}

void ChartControls::refreshForScope()
{
    switch (scopeChoice()) {
    case ScopeChoice::Current:
    case ScopeChoice::AllTenants:
        m_cohorts->setCurrentIndex(0);
        break;
    case ScopeChoice::TwoTenants:
        m_cohorts->setCurrentIndex(1);
        break;
    case ScopeChoice::TwoWindows:
        m_cohorts->setCurrentIndex(2);
        break;
    }
}

ChartSpec ChartControls::spec() const
{
    ChartSpec spec;
    spec.kind = ChartSpec::Kind(m_kind->currentData().toInt());
    spec.splitKey = m_split->currentData().toString();
    if (spec.kind == ChartSpec::Kind::KeywordDistribution) {
        spec.splitKey.clear();
        spec.valueKey = m_field->currentText().trimmed();
    }
    return spec;
}

QString ChartControls::collection() const
{
    return m_collection->currentText().trimmed();
}

ChartControls::ScopeChoice ChartControls::scopeChoice() const
{
    return ScopeChoice(m_scope->currentData().toInt());
}

QString ChartControls::tenantA() const
{
    return m_tenantA->currentText().trimmed();
}

QString ChartControls::tenantB() const
{
    return m_tenantB->currentText().trimmed();
}

QDate ChartControls::windowAFrom() const { return m_aFrom->date(); }
QDate ChartControls::windowATo() const { return m_aTo->date(); }
QDate ChartControls::windowBFrom() const { return m_bFrom->date(); }
QDate ChartControls::windowBTo() const { return m_bTo->date(); }

void ChartControls::setCollections(const QStringList &names)
{
    const QString current = collection();
    const QSignalBlocker blocker(m_collection);
    m_collection->clear();
    m_collection->addItems(names);
    m_collection->setCurrentText(current);
}

void ChartControls::setCollection(const QString &name)
{
    m_collection->setCurrentText(name);
}

void ChartControls::setTenants(const QStringList &tenants)
{
    for (QComboBox *box : {m_tenantA, m_tenantB}) {
        const QString current = box->currentText();
        box->clear();
        box->addItems(tenants);
        box->setCurrentText(current);
    }
}

void ChartControls::setCurrentScopeText(const QString &text)
{
    m_scope->setItemText(0, tr("Current scope (%1)").arg(text));
}

void ChartControls::setKind(ChartSpec::Kind kind)
{
    m_kind->setCurrentIndex(m_kind->findData(int(kind)));
}

void ChartControls::setSplitKey(const QString &key)
{
    const int index = m_split->findData(key);
    if (index >= 0)
        m_split->setCurrentIndex(index);
}

void ChartControls::setValueKey(const QString &key)
{
    m_field->setCurrentText(key);
}

void ChartControls::setScopeChoice(ScopeChoice choice)
{
    m_scope->setCurrentIndex(m_scope->findData(int(choice)));
}

void ChartControls::setTenants(const QString &a, const QString &b)
{
    m_tenantA->setCurrentText(a);
    m_tenantB->setCurrentText(b);
}

void ChartControls::setWindows(const QDate &aFrom, const QDate &aTo, const QDate &bFrom,
                               const QDate &bTo)
{
    m_aFrom->setDate(aFrom);
    m_aTo->setDate(aTo);
    m_bFrom->setDate(bFrom);
    m_bTo->setDate(bTo);
}

void ChartControls::setRunning(bool running)
{
    m_draw->setEnabled(!running);
}
