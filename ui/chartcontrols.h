#pragma once

#include "chartspec.h"

#include <QDate>
#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;
class QPushButton;
class QStackedWidget;

/// The charts pane's choices: collection, chart kind, split key, the field of a keyword
/// distribution, and the scope (current, all tenants, two tenants, two date windows) with the
/// two cohorts' tenants or windows. Holds no data and draws nothing: the pane asks spec() and
/// the cohort choices when drawRequested() is emitted.
class ChartControls final : public QWidget
{
    Q_OBJECT

public:
    enum class ScopeChoice { Current, AllTenants, TwoTenants, TwoWindows };

    explicit ChartControls(QWidget *parent = nullptr);
    ~ChartControls() override;

    /// What to draw, as chosen.
    ChartSpec spec() const;
    QString collection() const;
    ScopeChoice scopeChoice() const;
    /// The two tenants typed or picked (TwoTenants), as text.
    QString tenantA() const;
    QString tenantB() const;
    /// The two date windows (TwoWindows), whole days.
    QDate windowAFrom() const;
    QDate windowATo() const;
    QDate windowBFrom() const;
    QDate windowBTo() const;

    /// Offers these collections (the current choice is kept when still there).
    void setCollections(const QStringList &names);
    /// Selects (or types) a collection.
    void setCollection(const QString &name);
    /// Offers these tenants in the two tenant boxes.
    void setTenants(const QStringList &tenants);
    /// Says what "Current scope" is (the session's badge text).
    void setCurrentScopeText(const QString &text);
    void setKind(ChartSpec::Kind kind);
    void setSplitKey(const QString &key);
    void setValueKey(const QString &key);
    void setScopeChoice(ScopeChoice choice);
    void setTenants(const QString &a, const QString &b);
    void setWindows(const QDate &aFrom, const QDate &aTo, const QDate &bFrom, const QDate &bTo);
    /// Draw is disabled while a chart is being read (Cancel is the pane's).
    void setRunning(bool running);

    QPushButton *drawButton() const { return m_draw; }
    QComboBox *kindBox() const { return m_kind; }
    QComboBox *splitBox() const { return m_split; }
    QComboBox *scopeBox() const { return m_scope; }

signals:
    void drawRequested();
    /// The collection choice changed (the pane reloads the tenants of it).
    void collectionChosen(const QString &collection);

private:
    void refreshForKind();
    void refreshForScope();

    QComboBox *m_collection;
    QComboBox *m_kind;
    QComboBox *m_split;
    QLabel *m_fieldLabel;
    QComboBox *m_field;
    QComboBox *m_scope;
    QStackedWidget *m_cohorts;
    QComboBox *m_tenantA;
    QComboBox *m_tenantB;
    QDateEdit *m_aFrom;
    QDateEdit *m_aTo;
    QDateEdit *m_bFrom;
    QDateEdit *m_bTo;
    QPushButton *m_draw;
};
