#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

/// One check of the leakage audit in one collection: how many points it found, and the Qdrant
/// filter that selects exactly those points, so the points table can open them.
struct LeakageFinding
{
    Q_DECLARE_TR_FUNCTIONS(LeakageFinding)

public:
    enum class Kind {
        MissingKey, ///< shared collection: points without the tenant key (no tenant sees them)
        SeveralValues, ///< shared collection: the key holds several values ([42, 7])
        ForeignValue, ///< a tenant's own collection: the key holds another tenant's value
        AmbiguousName, ///< the name reads as more than one tenant's: no tenant may open it
    };

    Kind kind = Kind::MissingKey;
    QString collection;
    QString payloadKey;
    /// ForeignValue: the tenant the collection is named after; SeveralValues in a tenant
    /// scope: the tenant whose value is among them. Empty otherwise.
    QString tenantId;
    qint64 count = 0;
    QJsonObject filter; ///< selects exactly the points counted
    /// True when the current tenant scope cannot show these points: open them with
    /// "All tenants (admin)".
    bool adminOnly = false;

    /// A short name of the check: "Points without customer_id".
    QString title() const;
    /// Why it matters, in a sentence.
    QString explanation() const;
};

Q_DECLARE_METATYPE(LeakageFinding)
