#include "leakageauditview.h"

#include "consolesession.h"
#include "leakageaudit.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {

enum Column { CollectionColumn, CheckColumn, PointsColumn, ScopeColumn, ColumnCount };

// What an item holds besides its text.
enum ItemRole {
    FilterRole = Qt::UserRole + 1, ///< QJsonObject; none on a problem's item
    ExplanationRole,
    AdminOnlyRole, ///< bool: only "All tenants (admin)" can show the finding's points
};

} // namespace

LeakageAuditView::LeakageAuditView(ConsoleSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_audit(new LeakageAudit(this))
    , m_run(new QPushButton(tr("Run audit"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_status(new QLabel(this))
    , m_tree(new QTreeWidget(this))
    , m_explanation(new QLabel(this))
    , m_show(new QPushButton(tr("Show points"), this))
{
    m_run->setObjectName(QStringLiteral("runAudit"));
    m_run->setToolTip(tr("Count the points that sit outside the tenancy rules in the "
                         "collections of the current scope"));
    m_cancel->setObjectName(QStringLiteral("cancelAudit"));
    m_status->setObjectName(QStringLiteral("auditStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);

    m_tree->setObjectName(QStringLiteral("auditFindings"));
    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels({tr("Collection"), tr("Finding"), tr("Points"), tr("Visible in")});
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setAllColumnsShowFocus(true);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(CheckColumn, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(CollectionColumn, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(PointsColumn, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(ScopeColumn, QHeaderView::ResizeToContents);

    m_explanation->setObjectName(QStringLiteral("auditExplanation"));
    m_explanation->setTextFormat(Qt::PlainText);
    m_explanation->setWordWrap(true);
    m_show->setObjectName(QStringLiteral("showAuditPoints"));
    m_show->setEnabled(false);

    auto *top = new QHBoxLayout;
    top->addWidget(m_run);
    top->addWidget(m_cancel);
    top->addWidget(m_status, 1);
    top->addWidget(m_show);
    // The explanation straight in the column, so that its wrapped height is given to it.
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_explanation);

    connect(m_run, &QPushButton::clicked, this, &LeakageAuditView::runAudit);
    connect(m_cancel, &QPushButton::clicked, this, &LeakageAuditView::cancelAudit);
    connect(m_show, &QPushButton::clicked, this, [this] { activate(m_tree->currentItem()); });
    connect(m_tree, &QTreeWidget::itemActivated, this,
        [this](QTreeWidgetItem *item) { activate(item); });
    connect(m_tree, &QTreeWidget::currentItemChanged, this, &LeakageAuditView::onCurrentChanged);
    connect(m_audit, &LeakageAudit::finished, this, &LeakageAuditView::onFinished);
    connect(m_audit, &LeakageAudit::failed, this, &LeakageAuditView::onFailed);
    connect(m_audit, &LeakageAudit::progress, this, [this](int done, int total) {
        m_status->setText(tr("Auditing… %1 of %2 checks").arg(done).arg(total));
    });
    if (m_session) {
        connect(m_session, &ConsoleSession::scopeChanged, this, &LeakageAuditView::onScopeChanged);
        connect(m_session, &ConsoleSession::closed, this, &LeakageAuditView::onScopeChanged);
    }
    setRunning(false);
    m_status->setText(tr("Finds points without the tenant key, and points whose key disagrees "
                         "with their tenant's collection."));
}

LeakageAuditView::~LeakageAuditView() = default;

QString LeakageAuditView::statusText() const
{
    return m_status->text();
}

bool LeakageAuditView::isRunning() const
{
    return m_audit->isRunning();
}

void LeakageAuditView::runAudit()
{
    if (!m_session)
        return;
    m_tree->clear();
    m_explanation->clear();
    m_status->setText(tr("Auditing…"));
    setRunning(true);
    m_audit->start(m_session->client(), m_session->profile(), m_session->scope());
}

void LeakageAuditView::cancelAudit()
{
    m_audit->cancel();
}

void LeakageAuditView::onFinished()
{
    setRunning(false);
    const QLocale locale;
    const QList<LeakageFinding> leaks = m_audit->leaks();
    for (const LeakageFinding &leak : leaks) {
        auto *item = new QTreeWidgetItem(m_tree);
        item->setText(CollectionColumn, leak.collection);
        item->setText(CheckColumn, leak.title());
        item->setText(PointsColumn, locale.toString(leak.count));
        item->setTextAlignment(PointsColumn, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(
            ScopeColumn, leak.adminOnly ? tr("All tenants (admin) only") : tr("This scope"));
        item->setData(CollectionColumn, FilterRole, leak.filter);
        item->setData(CollectionColumn, AdminOnlyRole, leak.adminOnly);
        item->setData(CollectionColumn, ExplanationRole, leak.explanation());
        item->setToolTip(CheckColumn, leak.explanation());
    }
    for (const NetError &problem : m_audit->problems()) {
        auto *item = new QTreeWidgetItem(m_tree);
        item->setText(CollectionColumn, QString());
        item->setText(CheckColumn, problem.message);
        item->setIcon(CheckColumn, style()->standardIcon(QStyle::SP_MessageBoxWarning));
        item->setData(CollectionColumn, ExplanationRole, problem.serverMessage);
    }
    const qsizetype collections = m_audit->collections().size();
    const QString where
        = collections == 1 ? tr("1 collection") : tr("%1 collections").arg(collections);
    qint64 points = 0;
    for (const LeakageFinding &leak : leaks)
        points += leak.count;
    QString text;
    if (leaks.isEmpty())
        text = tr("No leaks found in %1.").arg(where);
    else if (leaks.size() == 1)
        text = tr("1 finding (%1 points) in %2.").arg(locale.toString(points), where);
    else
        text = tr("%1 findings (%2 points) in %3.")
                   .arg(locale.toString(leaks.size()), locale.toString(points), where);
    if (!m_audit->problems().isEmpty())
        text += QLatin1Char(' ') + tr("Some checks could not run; see the list.");
    m_status->setText(text);
    if (m_tree->topLevelItemCount() > 0)
        m_tree->setCurrentItem(m_tree->topLevelItem(0));
    emit auditEnded();
}

void LeakageAuditView::onFailed(const NetError &error)
{
    setRunning(false);
    m_status->setText(error.kind == NetError::Kind::Cancelled
            ? tr("The audit was cancelled.")
            : tr("The audit could not run: %1").arg(error.message));
    emit auditEnded();
}

void LeakageAuditView::onScopeChanged()
{
    const bool hadResults = m_audit->isRunning() || m_tree->topLevelItemCount() > 0;
    if (m_audit->isRunning())
        m_audit->cancel();
    m_tree->clear();
    m_explanation->clear();
    m_show->setEnabled(false);
    if (hadResults)
        m_status->setText(tr("The scope changed: run the audit again for the new one."));
}

void LeakageAuditView::onCurrentChanged()
{
    QTreeWidgetItem *item = m_tree->currentItem();
    m_explanation->setText(
        item ? item->data(CollectionColumn, ExplanationRole).toString() : QString());
    m_show->setEnabled(item && item->data(CollectionColumn, FilterRole).isValid());
}

void LeakageAuditView::activate(QTreeWidgetItem *item)
{
    if (!item)
        return;
    const QVariant filter = item->data(CollectionColumn, FilterRole);
    if (!filter.isValid())
        return;
    emit jumpRequested(item->text(CollectionColumn), filter.toJsonObject(),
                       item->data(CollectionColumn, AdminOnlyRole).toBool());
}

void LeakageAuditView::setRunning(bool running)
{
    m_run->setEnabled(!running);
    m_cancel->setEnabled(running);
}
