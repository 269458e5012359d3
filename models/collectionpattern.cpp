#include "collectionpattern.h"

#include <algorithm>

namespace {

const QString kIdToken = QStringLiteral("{id}");
const QString kTypeToken = QStringLiteral("{type}");

NetError invalid(const QString &message)
{
    NetError error;
    error.kind = NetError::Kind::Invalid;
    error.message = message;
    return error;
}

} // namespace

Result<CollectionPattern> CollectionPattern::parse(const QString &pattern,
                                                   const QString &idExpression,
                                                   const QString &typeExpression)
{
    if (pattern.isEmpty())
        return invalid(tr("The collection pattern is empty; it needs an {id} placeholder."));

    CollectionPattern result;
    result.m_text = pattern;
    int ids = 0;
    int types = 0;
    QString literal;
    qsizetype pos = 0;
    while (pos < pattern.size()) {
        const QChar c = pattern.at(pos);
        if (c == QLatin1Char('{')) {
            Part part;
            if (QStringView(pattern).mid(pos).startsWith(kIdToken)) {
                part.kind = Part::Kind::Id;
                ++ids;
                pos += kIdToken.size();
            } else if (QStringView(pattern).mid(pos).startsWith(kTypeToken)) {
                part.kind = Part::Kind::Type;
                ++types;
                pos += kTypeToken.size();
            } else {
                const qsizetype close = pattern.indexOf(QLatin1Char('}'), pos);
                const QString what = close < 0 ? pattern.mid(pos)
                                               : pattern.mid(pos, close - pos + 1);
                return invalid(tr("The collection pattern \"%1\" has an unknown placeholder "
                                  "\"%2\"; only {id} and {type} are known.")
                                   .arg(pattern, what));
            }
            if (literal.isEmpty() && !result.m_parts.isEmpty()
                && result.m_parts.constLast().kind != Part::Kind::Literal) {
                return invalid(tr("In the collection pattern \"%1\", {id} and {type} touch; "
                                  "put literal text such as '_' between them.")
                                   .arg(pattern));
            }
            if (!literal.isEmpty()) {
                result.m_parts.append(Part{Part::Kind::Literal, literal});
                literal.clear();
            }
            result.m_parts.append(part);
            continue;
        }
        if (c == QLatin1Char('}')) {
            return invalid(tr("The collection pattern \"%1\" has a '}' without its '{'.")
                               .arg(pattern));
        }
        literal.append(c);
        ++pos;
    }
    if (!literal.isEmpty())
        result.m_parts.append(Part{Part::Kind::Literal, literal});

    if (ids != 1) {
        return invalid(ids == 0
                           ? tr("The collection pattern \"%1\" has no {id} placeholder.")
                                 .arg(pattern)
                           : tr("The collection pattern \"%1\" has more than one {id}.")
                                 .arg(pattern));
    }
    if (types > 1)
        return invalid(tr("The collection pattern \"%1\" has more than one {type}.").arg(pattern));
    result.m_hasType = types == 1;

    const auto anchored = [&](const QString &expression,
                              const QString &what) -> Result<QRegularExpression> {
        QRegularExpression re(QRegularExpression::anchoredPattern(expression));
        if (!re.isValid()) {
            return invalid(tr("The %1 expression \"%2\" is not a valid regular expression: %3.")
                               .arg(what, expression, re.errorString()));
        }
        // An empty id would make "company__x" a tenant's collection.
        if (re.match(QString()).hasMatch()) {
            return invalid(tr("The %1 expression \"%2\" matches an empty text.")
                               .arg(what, expression));
        }
        return re;
    };
    auto id = anchored(idExpression, tr("tenant id"));
    if (!id)
        return id.error();
    auto type = anchored(typeExpression, tr("collection type"));
    if (!type)
        return type.error();
    result.m_id = std::move(id).value();
    result.m_type = std::move(type).value();
    return result;
}

bool CollectionPattern::isValidId(const QString &id) const
{
    return !isEmpty() && m_id.match(id).hasMatch();
}

bool CollectionPattern::isValidType(const QString &type) const
{
    return !isEmpty() && m_type.match(type).hasMatch();
}

// Depth-first over the ways name can be split into the parts; stops after two readings, which
// is all it takes to call a name ambiguous. Names are short (Qdrant: 255 bytes at most).
void CollectionPattern::collectReadings(const QString &name, qsizetype part, qsizetype pos,
                                        QString &id, QString &type, QList<Match> &out) const
{
    if (out.size() > 1)
        return;
    if (part == m_parts.size()) {
        if (pos == name.size())
            out.append(Match{Match::Kind::Tenant, id, type});
        return;
    }
    const Part &p = m_parts.at(part);
    if (p.kind == Part::Kind::Literal) {
        if (QStringView(name).mid(pos).startsWith(p.literal))
            collectReadings(name, part + 1, pos + p.literal.size(), id, type, out);
        return;
    }
    const bool last = part + 1 == m_parts.size();
    // Placeholders never touch, so the next part, if any, is a literal that must follow.
    const QString next = last ? QString() : m_parts.at(part + 1).literal;
    for (qsizetype end = pos + 1; end <= name.size(); ++end) {
        if (last && end != name.size())
            continue;
        if (!last && !QStringView(name).mid(end).startsWith(next))
            continue;
        const QString piece = name.mid(pos, end - pos);
        QString &slot = p.kind == Part::Kind::Id ? id : type;
        const QRegularExpression &re = p.kind == Part::Kind::Id ? m_id : m_type;
        if (!re.match(piece).hasMatch())
            continue;
        const QString saved = slot;
        slot = piece;
        collectReadings(name, part + 1, end, id, type, out);
        slot = saved;
        if (out.size() > 1)
            return;
    }
}

CollectionPattern::Match CollectionPattern::match(const QString &name) const
{
    if (isEmpty() || name.isEmpty())
        return {};
    QList<Match> readings;
    QString id;
    QString type;
    collectReadings(name, 0, 0, id, type, readings);
    if (readings.isEmpty())
        return {};
    if (readings.size() > 1)
        return Match{Match::Kind::Ambiguous, QString(), QString()};
    return readings.constFirst();
}

Result<QString> CollectionPattern::format(const QString &id, const QString &type) const
{
    if (isEmpty())
        return invalid(tr("No collection pattern is set, so tenants have no collections."));
    if (!isValidId(id)) {
        return invalid(tr("\"%1\" is not a tenant id the pattern \"%2\" can hold.")
                           .arg(id, m_text));
    }
    if (m_hasType && !isValidType(type)) {
        return invalid(tr("\"%1\" is not a collection type the pattern \"%2\" can hold.")
                           .arg(type, m_text));
    }
    if (!m_hasType && !type.isEmpty()) {
        return invalid(tr("The pattern \"%1\" has no {type}: each tenant has one collection.")
                           .arg(m_text));
    }
    QString name;
    for (const Part &p : m_parts) {
        switch (p.kind) {
        case Part::Kind::Literal: name += p.literal; break;
        case Part::Kind::Id: name += id; break;
        case Part::Kind::Type: name += type; break;
        }
    }
    // Only hand out a name that every reader of the pattern attributes to this tenant.
    const Match back = match(name);
    if (!back.isTenant() || back.tenantId != id || back.collectionType != type) {
        return invalid(tr("The collection name \"%1\" could be read as another tenant's under "
                          "the pattern \"%2\".")
                           .arg(name, m_text));
    }
    return name;
}

QMap<QString, QStringList> CollectionPattern::groupByTenant(const QStringList &names) const
{
    QMap<QString, QStringList> tenants;
    for (const QString &name : names) {
        const Match m = match(name);
        if (m.isTenant())
            tenants[m.tenantId].append(name);
    }
    for (QStringList &list : tenants)
        std::sort(list.begin(), list.end());
    return tenants;
}
