#include "collectionpattern.h"

#include <QtTest>

using Kind = CollectionPattern::Match::Kind;
Q_DECLARE_METATYPE(CollectionPattern::Match::Kind)

namespace {

CollectionPattern parsed(const QString &text, const QString &id = QString())
{
    auto result = id.isEmpty() ? CollectionPattern::parse(text)
                               : CollectionPattern::parse(text, id);
    if (!result)
        qFatal("pattern %s: %s", qPrintable(text), qPrintable(result.error().message));
    return result.value();
}

} // namespace

class TestCollectionPattern : public QObject
{
    Q_OBJECT

private slots:
    void parse_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("idExpression");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("messagePart"); // for invalid ones

        const QString defId = CollectionPattern::defaultIdExpression();
        QTest::newRow("default") << QStringLiteral("company_{id}_{type}") << defId << true
                                 << QString();
        QTest::newRow("id only") << QStringLiteral("tenant_{id}") << defId << true << QString();
        QTest::newRow("type first") << QStringLiteral("{type}__{id}") << defId << true
                                    << QString();
        QTest::newRow("bare id") << QStringLiteral("{id}") << defId << true << QString();
        QTest::newRow("digits only id") << QStringLiteral("c{id}_{type}")
                                        << QStringLiteral("[0-9]+") << true << QString();

        QTest::newRow("empty") << QString() << defId << false << QStringLiteral("empty");
        QTest::newRow("no id") << QStringLiteral("company_{type}") << defId << false
                               << QStringLiteral("no {id}");
        QTest::newRow("two ids") << QStringLiteral("{id}_{id}_{type}") << defId << false
                                 << QStringLiteral("more than one {id}");
        QTest::newRow("two types") << QStringLiteral("{id}_{type}_{type}") << defId << false
                                   << QStringLiteral("more than one {type}");
        QTest::newRow("touching") << QStringLiteral("company_{id}{type}") << defId << false
                                  << QStringLiteral("touch");
        QTest::newRow("touching reversed") << QStringLiteral("{type}{id}") << defId << false
                                           << QStringLiteral("touch");
        QTest::newRow("unknown placeholder") << QStringLiteral("{name}_{id}") << defId << false
                                             << QStringLiteral("{name}");
        QTest::newRow("upper case placeholder") << QStringLiteral("company_{ID}_{type}") << defId
                                                << false << QStringLiteral("{ID}");
        QTest::newRow("unclosed brace") << QStringLiteral("company_{id_{type}") << defId << false
                                        << QStringLiteral("unknown placeholder");
        QTest::newRow("stray close") << QStringLiteral("company}_{id}") << defId << false
                                     << QStringLiteral("'}'");
        QTest::newRow("bad regex") << QStringLiteral("company_{id}") << QStringLiteral("[0-9")
                                   << false << QStringLiteral("not a valid regular expression");
        QTest::newRow("regex matching empty") << QStringLiteral("company_{id}")
                                              << QStringLiteral("[0-9]*") << false
                                              << QStringLiteral("empty text");
    }
    void parse()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, idExpression);
        QFETCH(bool, valid);
        QFETCH(QString, messagePart);
        const auto result = CollectionPattern::parse(pattern, idExpression);
        QCOMPARE(result.ok(), valid);
        if (valid) {
            QCOMPARE(result.value().text(), pattern);
            QVERIFY(!result.value().isEmpty());
        } else {
            QCOMPARE(result.error().kind, NetError::Kind::Invalid);
            QVERIFY2(result.error().message.contains(messagePart),
                     qPrintable(result.error().message));
        }
    }

    void match_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("name");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("type");

        const QString def = QStringLiteral("company_{id}_{type}");
        const auto row = [](const char *tag, const QString &pattern, const char *name, Kind kind,
                            const char *id = "", const char *type = "") {
            QTest::newRow(tag) << pattern << QString::fromUtf8(name) << kind
                               << QString::fromUtf8(id) << QString::fromUtf8(type);
        };
        row("typical", def, "company_42_customer_context", Kind::Tenant, "42",
            "customer_context");
        row("other tenant", def, "company_7_performance_patterns", Kind::Tenant, "7",
            "performance_patterns");
        row("uuid tenant", def, "company_3f2a9c1e-0b7d-4c55-9e61-2d8f0a1b4c77_x", Kind::Tenant,
            "3f2a9c1e-0b7d-4c55-9e61-2d8f0a1b4c77", "x");
        row("hyphen in id", def, "company_4-2_x", Kind::Tenant, "4-2", "x");
        row("underscores in type", def, "company_42_a_b_c", Kind::Tenant, "42", "a_b_c");
        row("dot in type", def, "company_42_v1.2", Kind::Tenant, "42", "v1.2");
        row("id is digits of type", def, "company_42_7_x", Kind::Tenant, "42", "7_x");
        row("shared", def, "customer_context", Kind::None);
        row("no type", def, "company_42", Kind::None);
        row("empty type", def, "company_42_", Kind::None);
        row("empty id", def, "company__x", Kind::None);
        row("case differs", def, "Company_42_x", Kind::None);
        row("prefix before", def, "xcompany_42_x", Kind::None);
        row("space in type", def, "company_42_x y", Kind::None);
        row("slash in id", def, "company_4/2_x", Kind::None);
        row("empty name", def, "", Kind::None);

        const QString tenantOnly = QStringLiteral("tenant_{id}");
        row("id only", tenantOnly, "tenant_acme", Kind::Tenant, "acme", "");
        row("id only, trailing", tenantOnly, "tenant_acme_x", Kind::None);

        const QString typeFirst = QStringLiteral("{type}_{id}");
        row("type first", typeFirst, "customer_context_42", Kind::Tenant, "42",
            "customer_context");

        // '-' separates the parts and is allowed in ids: company-4-2-x reads as tenant 4
        // (type 2-x) and as tenant 4-2 (type x).
        const QString dashed = QStringLiteral("company-{id}-{type}");
        row("ambiguous", dashed, "company-4-2-x", Kind::Ambiguous);
        row("dashed, one reading", dashed, "company-4-x_y", Kind::Tenant, "4", "x_y");
        const QString suffix = QStringLiteral("{id}-tenant");
        row("literal after id", suffix, "a-b-tenant", Kind::Tenant, "a-b", "");
    }
    void match()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, name);
        QFETCH(Kind, kind);
        QFETCH(QString, id);
        QFETCH(QString, type);
        const CollectionPattern::Match m = parsed(pattern).match(name);
        QCOMPARE(m.kind, kind);
        QCOMPARE(m.tenantId, id);
        QCOMPARE(m.collectionType, type);
    }

    void customIdExpression()
    {
        const CollectionPattern p = parsed(QStringLiteral("c{id}_{type}"),
                                           QStringLiteral("[0-9]+"));
        QCOMPARE(p.match(QStringLiteral("c42_x")).tenantId, QStringLiteral("42"));
        QCOMPARE(p.match(QStringLiteral("cab_x")).kind, Kind::None);
        QVERIFY(!p.format(QStringLiteral("ab"), QStringLiteral("x")).ok());
    }

    void emptyPatternMatchesNothing()
    {
        const CollectionPattern p;
        QVERIFY(p.isEmpty());
        QCOMPARE(p.match(QStringLiteral("company_42_x")).kind, Kind::None);
        QVERIFY(!p.format(QStringLiteral("42"), QStringLiteral("x")).ok());
        QVERIFY(p.groupByTenant({QStringLiteral("company_42_x")}).isEmpty());
    }

    void format_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("name"); // empty: refused

        const QString def = QStringLiteral("company_{id}_{type}");
        const auto row = [](const char *tag, const QString &pattern, const char *id,
                            const char *type, const char *name) {
            QTest::newRow(tag) << pattern << QString::fromUtf8(id) << QString::fromUtf8(type)
                               << QString::fromUtf8(name);
        };
        row("typical", def, "42", "customer_context", "company_42_customer_context");
        row("uuid", def, "3f2a9c1e-0b7d-4c55-9e61-2d8f0a1b4c77", "x",
            "company_3f2a9c1e-0b7d-4c55-9e61-2d8f0a1b4c77_x");
        row("underscore in id", def, "4_2", "x", "");
        row("empty id", def, "", "x", "");
        row("empty type", def, "42", "", "");
        row("space in type", def, "42", "a b", "");
        row("type without {type}", QStringLiteral("tenant_{id}"), "42", "x", "");
        row("no type without {type}", QStringLiteral("tenant_{id}"), "42", "", "tenant_42");
        // Would read back as tenant 4-2's (or ambiguously): never handed out.
        row("ambiguous round trip", QStringLiteral("company-{id}-{type}"), "4", "2-x", "");
        row("unambiguous dashed", QStringLiteral("company-{id}-{type}"), "4", "x", "company-4-x");
    }
    void format()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, id);
        QFETCH(QString, type);
        QFETCH(QString, name);
        const auto result = parsed(pattern).format(id, type);
        QCOMPARE(result.ok(), !name.isEmpty());
        if (result.ok())
            QCOMPARE(result.value(), name);
        else
            QCOMPARE(result.error().kind, NetError::Kind::Invalid);
    }

    void formatAndMatchRoundTrip()
    {
        const CollectionPattern p = parsed(QStringLiteral("company_{id}_{type}"));
        for (const char *id : {"1", "42", "acme-eu", "ABC"}) {
            for (const char *type : {"customer_context", "x", "a.b"}) {
                const auto name = p.format(QString::fromUtf8(id), QString::fromUtf8(type));
                QVERIFY(name.ok());
                const auto m = p.match(name.value());
                QCOMPARE(m.kind, Kind::Tenant);
                QCOMPARE(m.tenantId, QString::fromUtf8(id));
                QCOMPARE(m.collectionType, QString::fromUtf8(type));
            }
        }
    }

    void groupByTenant()
    {
        const CollectionPattern p = parsed(QStringLiteral("company_{id}_{type}"));
        const QStringList names = {
            QStringLiteral("company_42_performance_patterns"),
            QStringLiteral("customer_context"),
            QStringLiteral("company_7_customer_context"),
            QStringLiteral("company_42_customer_context"),
            QStringLiteral("company__x"),
            QStringLiteral("company_42"),
            QStringLiteral("company_7_cost_optimization_knowledge"),
        };
        const QMap<QString, QStringList> groups = p.groupByTenant(names);
        QCOMPARE(groups.keys(), QStringList({QStringLiteral("42"), QStringLiteral("7")}));
        QCOMPARE(groups.value(QStringLiteral("42")),
                 QStringList({QStringLiteral("company_42_customer_context"),
                              QStringLiteral("company_42_performance_patterns")}));
        QCOMPARE(groups.value(QStringLiteral("7")),
                 QStringList({QStringLiteral("company_7_cost_optimization_knowledge"),
                              QStringLiteral("company_7_customer_context")}));

        const CollectionPattern dashed = parsed(QStringLiteral("company-{id}-{type}"));
        const QMap<QString, QStringList> d = dashed.groupByTenant(
            {QStringLiteral("company-4-2-x"), QStringLiteral("company-4-y")});
        // The ambiguous name is in no tenant's group.
        QCOMPARE(d.keys(), QStringList({QStringLiteral("4")}));
        QCOMPARE(d.value(QStringLiteral("4")), QStringList({QStringLiteral("company-4-y")}));
    }

    void longNamesStayCheap()
    {
        // Qdrant's names reach 255 bytes: every '_' is a place to split {type}_{id}, and none
        // leaves an id (ids have no '_' or '!'), so the whole search runs and finds nothing.
        const CollectionPattern p = parsed(QStringLiteral("{type}_{id}"));
        const QString name = QString(254, QLatin1Char('_')) + QLatin1Char('!');
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(p.match(name).kind, Kind::None);
        QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
    }

    void equality()
    {
        QCOMPARE(parsed(QStringLiteral("company_{id}_{type}")),
                 parsed(QStringLiteral("company_{id}_{type}")));
        QVERIFY(!(parsed(QStringLiteral("company_{id}_{type}"))
                  == parsed(QStringLiteral("company_{id}_{type}"), QStringLiteral("[0-9]+"))));
        QVERIFY(!(parsed(QStringLiteral("company_{id}_{type}")) == CollectionPattern()));
    }
};

QTEST_GUILESS_MAIN(TestCollectionPattern)
#include "tst_collectionpattern.moc"
