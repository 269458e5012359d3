#pragma once

#include "result.h"

#include <QCoreApplication>
#include <QList>
#include <QMap>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

/// The collection-per-tenant naming convention: a pattern such as `company_{id}_{type}` whose
/// `{id}` is the tenant and `{type}` the collection type (company_42_customer_context).
///
/// Rules:
/// - A pattern holds exactly one `{id}`, at most one `{type}`, and literal text; any other
///   brace is an error. `{id}` and `{type}` may not touch: literal text must separate them,
///   or no name could be split.
/// - An id is a non-empty run of the id expression (default `[A-Za-z0-9-]+`, so no `_`); a
///   type one of the type expression (default `[A-Za-z0-9_.-]+`). Both are matched whole.
/// - Names are matched case-sensitively, as Qdrant compares collection names.
/// - A name that splits into (id, type) in more than one way (`company-{id}-{type}` and
///   `company-4-2-x`: tenant 4 or tenant 4-2?) is ambiguous: it belongs to no tenant, and a
///   name is only ever formatted when it reads back as exactly the (id, type) it came from.
class CollectionPattern final
{
    Q_DECLARE_TR_FUNCTIONS(CollectionPattern)

public:
    /// What a collection name is under the pattern.
    struct Match
    {
        enum class Kind {
            None,      ///< the name does not follow the pattern
            Tenant,    ///< exactly one reading: tenantId and collectionType hold it
            Ambiguous, ///< more than one reading: the name belongs to no tenant
        };
        Kind kind = Kind::None;
        QString tenantId;
        QString collectionType; ///< empty when the pattern has no {type}

        bool isTenant() const { return kind == Kind::Tenant; }
    };

    /// The id expression used when none is given: letters, digits and '-' (UUIDs fit).
    static QString defaultIdExpression() { return QStringLiteral("[A-Za-z0-9-]+"); }
    /// The type expression used when none is given.
    static QString defaultTypeExpression() { return QStringLiteral("[A-Za-z0-9_.-]+"); }

    /// An empty pattern: tenants are not split by collection; matches nothing.
    CollectionPattern() = default;

    /// Parses and validates a pattern; Invalid with a sentence naming the problem.
    static Result<CollectionPattern> parse(const QString &pattern,
                                           const QString &idExpression = defaultIdExpression(),
                                           const QString &typeExpression = defaultTypeExpression());

    /// False for the default-constructed (empty) pattern.
    bool isEmpty() const { return m_parts.isEmpty(); }
    /// The pattern text, e.g. "company_{id}_{type}".
    QString text() const { return m_text; }
    /// True when the pattern has a {type} placeholder.
    bool hasType() const { return m_hasType; }
    /// True when id is a whole match of the id expression.
    bool isValidId(const QString &id) const;
    /// True when type is a whole match of the type expression.
    bool isValidType(const QString &type) const;

    /// How name reads under the pattern.
    Match match(const QString &name) const;
    /// The tenant's collection of that type; Invalid when id or type does not fit, or when the
    /// name would not read back unambiguously as (id, type).
    Result<QString> format(const QString &id, const QString &type = QString()) const;
    /// Tenant id → its collections (sorted), for the names that match; others are left out.
    QMap<QString, QStringList> groupByTenant(const QStringList &collectionNames) const;

    friend bool operator==(const CollectionPattern &a, const CollectionPattern &b)
    {
        return a.m_text == b.m_text && a.m_id.pattern() == b.m_id.pattern()
            && a.m_type.pattern() == b.m_type.pattern();
    }

private:
    struct Part
    {
        enum class Kind { Literal, Id, Type } kind = Kind::Literal;
        QString literal;
    };

    void collectReadings(const QString &name, qsizetype part, qsizetype pos, QString &id,
                         QString &type, QList<Match> &out) const;

    QString m_text;
    QList<Part> m_parts;
    bool m_hasType = false;
    QRegularExpression m_id;   // anchored
    QRegularExpression m_type; // anchored
};
