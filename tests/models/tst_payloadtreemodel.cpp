// PayloadTreeModel: the tree over a payload, its edits as undo commands, read-only keys.
#include "payloadtreemodel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QUndoStack>
#include <QtTest>

#include <functional>

namespace {

constexpr auto kQtTest = QAbstractItemModelTester::FailureReportingMode::QtTest;

QJsonObject samplePayload()
{
    QJsonObject config;
    config.insert(QStringLiteral("kv_cache"), QStringLiteral("fp8"));
    config.insert(QStringLiteral("max_batch"), 64);
    config.insert(QStringLiteral("nested"), QJsonObject{{QStringLiteral("deep"), true}});
    QJsonObject payload;
    payload.insert(
        QStringLiteral("customer_id"), QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950e"));
    payload.insert(QStringLiteral("topic"), QStringLiteral("rollout_strategy"));
    payload.insert(QStringLiteral("confidence"), 0.8);
    payload.insert(QStringLiteral("priority"), QStringLiteral("high"));
    payload.insert(QStringLiteral("applies_to_agents"),
        QJsonArray{QStringLiteral("cost_agent"), QStringLiteral("performance_agent")});
    payload.insert(QStringLiteral("config_changes"), config);
    payload.insert(QStringLiteral("replicable"), false);
    payload.insert(QStringLiteral("examples"), QJsonValue::Null);
    payload.insert(QStringLiteral("odd key.with dot"), 1);
    payload.insert(QStringLiteral("matrix"), QJsonArray{QJsonArray{1, 2}, QJsonObject()});
    return payload;
}

// The tree as shown, row by row in order: what "restores exactly" is checked against.
void dump(const QAbstractItemModel &model, const QModelIndex &parent, const QString &indent,
    QStringList &lines)
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex key = model.index(row, PayloadTreeModel::KeyColumn, parent);
        lines.append(indent + key.data(PayloadTreeModel::PathRole).toString()
                     + QStringLiteral(" = ")
            + key.siblingAtColumn(PayloadTreeModel::ValueColumn).data().toString()
            + QStringLiteral(" : ")
            + key.siblingAtColumn(PayloadTreeModel::TypeColumn).data().toString());
        dump(model, key, indent + QStringLiteral("  "), lines);
    }
}

QStringList dump(const QAbstractItemModel &model)
{
    QStringList lines;
    dump(model, QModelIndex(), QString(), lines);
    return lines;
}

QModelIndex at(const PayloadTreeModel &model, const QString &path, int column)
{
    const QModelIndex index = model.indexForPath(path);
    return index.isValid() ? index.siblingAtColumn(column) : index;
}

} // namespace

class TestPayloadTreeModel : public QObject
{
    Q_OBJECT

private slots:
    void showsTheTreeUnderTheTester()
    {
        PayloadTreeModel model;
        QAbstractItemModelTester tester(&model, kQtTest);
        model.setPayload(samplePayload());
        QCOMPARE(model.rowCount(), samplePayload().size());
        QCOMPARE(model.columnCount(), 3);

        const QModelIndex config = model.indexForPath(QStringLiteral("config_changes"));
        QVERIFY(config.isValid());
        QCOMPARE(model.rowCount(config), 3);
        QCOMPARE(config.siblingAtColumn(PayloadTreeModel::ValueColumn).data().toString(),
            QStringLiteral("{3 fields}"));
        QCOMPARE(config.siblingAtColumn(PayloadTreeModel::TypeColumn).data().toString(),
            QStringLiteral("object"));
        const QModelIndex item = model.indexForPath(QStringLiteral("applies_to_agents[1]"));
        QCOMPARE(item.data(PayloadTreeModel::RawValueRole).toInt(), 1);
        QVERIFY(item.data().isNull()); // the view shows its position
        QCOMPARE(item.siblingAtColumn(1).data().toString(), QStringLiteral("performance_agent"));
        QCOMPARE(
            at(model, QStringLiteral("examples"), 1).data().toString(), QStringLiteral("null"));
        QCOMPARE(
            at(model, QStringLiteral("matrix[0][1]"), 1).data().toString(), QStringLiteral("2"));
        QCOMPARE(model.payload(), samplePayload());
        QVERIFY(!model.isModified());
    }

    void everyNodeIsFoundByItsPath()
    {
        PayloadTreeModel model;
        model.setPayload(samplePayload());
        QStringList paths;
        std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
            for (int row = 0; row < model.rowCount(parent); ++row) {
                const QModelIndex index = model.index(row, 0, parent);
                const QString path = index.data(PayloadTreeModel::PathRole).toString();
                paths.append(path);
                QCOMPARE(model.indexForPath(path), index);
                walk(index);
            }
        };
        walk(QModelIndex());
        QVERIFY(paths.contains(QStringLiteral("\"odd key.with dot\"")));
        QVERIFY(paths.contains(QStringLiteral("config_changes.nested.deep")));
        QVERIFY(paths.contains(QStringLiteral("matrix[0][1]")));
        QVERIFY(!model.indexForPath(QStringLiteral("config_changes.absent")).isValid());
        QVERIFY(!model.indexForPath(QStringLiteral("matrix[7]")).isValid());
    }

    void oneEditUndoRedo_data()
    {
        QTest::addColumn<QString>("operation");
        QTest::addColumn<QJsonObject>("expected");
        QJsonObject p = samplePayload();
        auto with = [&](const QString &key, const QJsonValue &value) {
            QJsonObject e = p;
            if (value.isUndefined())
                e.remove(key);
            else
                e.insert(key, value);
            return e;
        };
        QTest::newRow("type text")
            << "text" << with(QStringLiteral("topic"), QStringLiteral("pricing"));
        QTest::newRow("type a number") << "number" << with(QStringLiteral("confidence"), 0.25);
        QTest::newRow("type into null") << "null" << with(QStringLiteral("examples"), 12);
        QTest::newRow("boolean") << "bool" << with(QStringLiteral("replicable"), true);
        QJsonObject renamed = with(QStringLiteral("topic"), QJsonValue::Undefined);
        renamed.insert(QStringLiteral("subject"), QStringLiteral("rollout_strategy"));
        QTest::newRow("rename") << "rename" << renamed;
        QTest::newRow("change type")
            << "type" << with(QStringLiteral("priority"), QJsonArray{QStringLiteral("high")});
        QTest::newRow("add field")
            << "add" << with(QStringLiteral("source"), QStringLiteral("chat"));
        QJsonObject config = p.value(QStringLiteral("config_changes")).toObject();
        config.insert(QStringLiteral("tp"), 2);
        QTest::newRow("add nested field")
            << "addNested" << with(QStringLiteral("config_changes"), config);
        QTest::newRow("insert item")
            << "insert"
            << with(QStringLiteral("applies_to_agents"),
                   QJsonArray{QStringLiteral("cost_agent"), QStringLiteral("app_agent"),
                       QStringLiteral("performance_agent")});
        QTest::newRow("list as text")
            << "list"
            << with(QStringLiteral("applies_to_agents"), QJsonArray{QStringLiteral("a")});
        QTest::newRow("remove field")
            << "remove" << with(QStringLiteral("examples"), QJsonValue::Undefined);
        QTest::newRow("remove item") << "removeItem"
                                     << with(QStringLiteral("applies_to_agents"),
                                            QJsonArray{QStringLiteral("performance_agent")});
        QTest::newRow("remove object")
            << "removeObject" << with(QStringLiteral("config_changes"), QJsonValue::Undefined);
        QTest::newRow("replace everything")
            << "replace"
            << QJsonObject{{QStringLiteral("customer_id"), p.value(QStringLiteral("customer_id"))},
                   {QStringLiteral("content"), QStringLiteral("new")}};
    }

    void oneEditUndoRedo()
    {
        QFETCH(QString, operation);
        QFETCH(QJsonObject, expected);
        PayloadTreeModel model;
        QAbstractItemModelTester tester(&model, kQtTest);
        model.setPayload(samplePayload());
        const QStringList before = dump(model);
        const QModelIndex top;

        bool ok = false;
        if (operation == u"text")
            ok = model.setData(at(model, QStringLiteral("topic"), 1), QStringLiteral("pricing"));
        else if (operation == u"number")
            ok = model.setData(at(model, QStringLiteral("confidence"), 1), QStringLiteral("0.25"));
        else if (operation == u"null")
            ok = model.setData(at(model, QStringLiteral("examples"), 1), QStringLiteral("12"));
        else if (operation == u"bool")
            ok = model.setData(at(model, QStringLiteral("replicable"), 1), true);
        else if (operation == u"rename")
            ok = model.setData(at(model, QStringLiteral("topic"), 0), QStringLiteral("subject"));
        else if (operation == u"type")
            ok = model.setData(at(model, QStringLiteral("priority"), 2), QStringLiteral("array"));
        else if (operation == u"add")
            ok = model.addField(top, QStringLiteral("source"), QStringLiteral("chat")).ok();
        else if (operation == u"addNested")
            ok = model
                     .addField(model.indexForPath(QStringLiteral("config_changes")),
                         QStringLiteral("tp"), 2)
                     .ok();
        else if (operation == u"insert")
            ok = model
                     .insertItem(model.indexForPath(QStringLiteral("applies_to_agents")), 1,
                         QStringLiteral("app_agent"))
                     .ok();
        else if (operation == u"list")
            ok = model.setData(at(model, QStringLiteral("applies_to_agents"), 1),
                QStringList{QStringLiteral("a")});
        else if (operation == u"remove")
            ok = model.remove(model.indexForPath(QStringLiteral("examples"))).ok();
        else if (operation == u"removeItem")
            ok = model.remove(model.indexForPath(QStringLiteral("applies_to_agents[0]"))).ok();
        else if (operation == u"removeObject")
            ok = model.remove(model.indexForPath(QStringLiteral("config_changes"))).ok();
        else if (operation == u"replace")
            ok = model.replacePayload(expected, QStringLiteral("Edit as raw JSON")).ok();
        QVERIFY(ok);
        QCOMPARE(model.payload(), expected);
        QCOMPARE(model.undoStack()->count(), 1);
        QVERIFY(model.isModified());
        const QStringList after = dump(model);
        QVERIFY(after != before);

        model.undoStack()->undo();
        QCOMPARE(model.payload(), samplePayload());
        QCOMPARE(dump(model), before);
        QVERIFY(!model.isModified());

        model.undoStack()->redo();
        QCOMPARE(model.payload(), expected);
        QCOMPARE(dump(model), after);
    }

    void manyEditsUndoneOneByOneRestoreEveryStateExactly()
    {
        PayloadTreeModel model;
        QAbstractItemModelTester tester(&model, kQtTest);
        model.setPayload(samplePayload());
        QList<QStringList> states {dump(model)};
        QList<QJsonObject> payloads {model.payload()};
        auto step = [&](bool ok) {
            QVERIFY(ok);
            states.append(dump(model));
            payloads.append(model.payload());
        };
        const QModelIndex agents = model.indexForPath(QStringLiteral("applies_to_agents"));
        step(model.insertItem(agents, 0, QStringLiteral("first")).ok());
        step(model.insertItem(agents, 3, QJsonObject{{QStringLiteral("x"), 1}}).ok());
        step(model.remove(model.indexForPath(QStringLiteral("applies_to_agents[1]"))).ok());
        step(model.addField({}, QStringLiteral("zeta"), QJsonArray{1, 2, 3}).ok());
        step(model.setData(at(model, QStringLiteral("zeta"), 2), QStringLiteral("string")));
        step(model.setData(at(model, QStringLiteral("zeta"), 0), QStringLiteral("alpha")));
        step(model.remove(model.indexForPath(QStringLiteral("config_changes.nested"))).ok());
        step(
            model.setData(at(model, QStringLiteral("config_changes"), 2), QStringLiteral("array")));
        step(model.setData(at(model, QStringLiteral("matrix[0]"), 2), QStringLiteral("object")));
        step(model.remove(model.indexForPath(QStringLiteral("topic"))).ok());
        step(model.addField({}, QStringLiteral("topic"), 5).ok()); // back, but at the end
        step(model.replacePayload(QJsonObject{{QStringLiteral("only"), 1}}, QStringLiteral("raw"))
                 .ok());
        step(model.setData(at(model, QStringLiteral("only"), 1), QStringLiteral("2")));
        QCOMPARE(model.undoStack()->count(), states.size() - 1);

        for (int i = states.size() - 2; i >= 0; --i) {
            model.undoStack()->undo();
            QCOMPARE(dump(model), states.at(i));
            QCOMPARE(model.payload(), payloads.at(i));
        }
        QCOMPARE(model.payload(), samplePayload());
        QVERIFY(!model.isModified());
        for (int i = 1; i < states.size(); ++i) {
            model.undoStack()->redo();
            QCOMPARE(dump(model), states.at(i));
            QCOMPARE(model.payload(), payloads.at(i));
        }
    }

    void typedValuesKeepTheirJsonType()
    {
        PayloadTreeModel model;
        model.setPayload(samplePayload());
        QVERIFY(model.setData(at(model, QStringLiteral("confidence"), 1), QStringLiteral("42")));
        QCOMPARE(QJsonDocument(model.payload())
                     .toJson(QJsonDocument::Compact)
                     .contains("\"confidence\":42,"),
            true);
        // Typing into a string keeps it a string, whatever it looks like.
        QVERIFY(model.setData(at(model, QStringLiteral("topic"), 1), QStringLiteral("7")));
        QCOMPARE(model.payload().value(QStringLiteral("topic")), QJsonValue(QStringLiteral("7")));
        QVERIFY(model.setData(at(model, QStringLiteral("topic"), 2), QStringLiteral("number")));
        QCOMPARE(model.payload().value(QStringLiteral("topic")), QJsonValue(7));
        // An unchanged edit is no step.
        const int steps = model.undoStack()->count();
        QVERIFY(model.setData(at(model, QStringLiteral("topic"), 1), QStringLiteral("7")));
        QCOMPARE(model.undoStack()->count(), steps);
        // A null left as it is stays null.
        QVERIFY(model.setData(at(model, QStringLiteral("examples"), 1),
            at(model, QStringLiteral("examples"), 1).data(Qt::EditRole)));
        QCOMPARE(model.payload().value(QStringLiteral("examples")), QJsonValue(QJsonValue::Null));
        QCOMPARE(model.undoStack()->count(), steps);
    }

    void badEditsAreRefusedWithAReason_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("column");
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<QString>("reason");
        QTest::newRow("not a number") << "confidence" << 1 << QVariant(QStringLiteral("high"))
                                      << "“high” is not a number.";
        QTest::newRow("not a boolean") << "replicable" << 1 << QVariant(QStringLiteral("yes"))
                                       << "A boolean is true or false, not “yes”.";
        QTest::newRow("empty name")
            << "topic" << 0 << QVariant(QString()) << "A field needs a name.";
        QTest::newRow("taken name") << "topic" << 0 << QVariant(QStringLiteral("priority"))
                                    << "The payload already has a field named “priority”.";
        QTest::newRow("taken nested name")
            << "config_changes.kv_cache" << 0 << QVariant(QStringLiteral("max_batch"))
            << "config_changes already has a field named "
               "“max_batch”.";
        QTest::newRow("unknown type") << "topic" << 2 << QVariant(QStringLiteral("date"))
                                      << "Choose a field or an item and a JSON type.";
    }

    void badEditsAreRefusedWithAReason()
    {
        QFETCH(QString, path);
        QFETCH(int, column);
        QFETCH(QVariant, value);
        QFETCH(QString, reason);
        PayloadTreeModel model;
        model.setPayload(samplePayload());
        QSignalSpy refused(&model, &PayloadTreeModel::editRefused);
        QVERIFY(!model.setData(at(model, path, column), value));
        QCOMPARE(refused.count(), 1);
        QCOMPARE(refused.first().first().toString(), reason);
        QCOMPARE(model.payload(), samplePayload());
        QCOMPARE(model.undoStack()->count(), 0);
    }

    void readOnlyKeysStayAsTheyAre()
    {
        PayloadTreeModel model;
        QAbstractItemModelTester tester(&model, kQtTest);
        QJsonObject payload = samplePayload();
        payload.insert(QStringLiteral("meta"),
            QJsonObject{{QStringLiteral("tenant"), 42}, {QStringLiteral("x"), 1}});
        model.setPayload(payload);
        model.setReadOnlyKeys({QStringLiteral("customer_id"), QStringLiteral("meta.tenant")});

        const QModelIndex tenant = model.indexForPath(QStringLiteral("customer_id"));
        for (int column = 0; column < 3; ++column)
            QVERIFY(!(model.flags(tenant.siblingAtColumn(column)) & Qt::ItemIsEditable));
        QVERIFY(tenant.data(PayloadTreeModel::ReadOnlyRole).toBool());
        const QModelIndex meta = model.indexForPath(QStringLiteral("meta"));
        QVERIFY(!(model.flags(meta) & Qt::ItemIsEditable)); // no rename
        QVERIFY(!(model.flags(meta.siblingAtColumn(2)) & Qt::ItemIsEditable)); // no retype
        QVERIFY(model.flags(at(model, QStringLiteral("topic"), 0)) & Qt::ItemIsEditable);

        QSignalSpy refused(&model, &PayloadTreeModel::editRefused);
        QVERIFY(!model.setData(tenant.siblingAtColumn(1), QStringLiteral("someone-else")));
        QVERIFY(!model.setData(tenant, QStringLiteral("owner")));
        QVERIFY(!model.setData(meta, QStringLiteral("metadata")));
        QVERIFY(!model.setData(meta.siblingAtColumn(2), QStringLiteral("string")));
        QCOMPARE(refused.count(), 4);
        QVERIFY(!model.remove(tenant).ok());
        QVERIFY(!model.remove(meta).ok());
        QVERIFY(!model.remove(model.indexForPath(QStringLiteral("meta.tenant"))).ok());
        QVERIFY(!model.setValue(meta, QJsonObject{{QStringLiteral("tenant"), 7}}).ok());
        // Nothing may take the key's place either.
        QVERIFY(
            !model.setData(at(model, QStringLiteral("topic"), 0), QStringLiteral("customer_id")));
        QVERIFY(!model.replacePayload(QJsonObject(), QStringLiteral("raw")).ok());
        QJsonObject otherTenant = payload;
        otherTenant.insert(QStringLiteral("customer_id"), QStringLiteral("x"));
        const auto replaced = model.replacePayload(otherTenant, QStringLiteral("raw"));
        QVERIFY(!replaced.ok());
        QCOMPARE(replaced.error().message,
            QStringLiteral("customer_id is read-only here: it cannot be changed or removed."));
        QCOMPARE(model.payload(), payload);
        QCOMPARE(model.undoStack()->count(), 0);

        // Everything else stays editable, on the way to the key too.
        QVERIFY(model.addField(meta, QStringLiteral("y"), 2).ok());
        QVERIFY(model.remove(model.indexForPath(QStringLiteral("meta.x"))).ok());
        QJsonObject kept = model.payload();
        kept.insert(QStringLiteral("topic"), QStringLiteral("raw edit"));
        QVERIFY(model.replacePayload(kept, QStringLiteral("raw")).ok());
        QCOMPARE(model.payload(), kept);

        // A missing read-only key cannot be created by an edit.
        QJsonObject without = payload;
        without.remove(QStringLiteral("customer_id"));
        model.setPayload(without);
        QVERIFY(!model.addField({}, QStringLiteral("customer_id"), QStringLiteral("x")).ok());
    }

    void rawValueRoleSortsByValue()
    {
        PayloadTreeModel model;
        model.setPayload(QJsonObject{{QStringLiteral("n"), QJsonArray{10, 9, 100, 2.5}}});
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(PayloadTreeModel::RawValueRole);
        proxy.sort(PayloadTreeModel::ValueColumn);
        const QModelIndex list = proxy.index(0, 0);
        QStringList shown;
        for (int row = 0; row < proxy.rowCount(list); ++row)
            shown.append(proxy.index(row, PayloadTreeModel::ValueColumn, list).data().toString());
        QCOMPARE(shown,
            (QStringList{QStringLiteral("2.5"), QStringLiteral("9"), QStringLiteral("10"),
                QStringLiteral("100")}));
        // Items keep their order by index in the key column.
        proxy.sort(PayloadTreeModel::KeyColumn, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, 0, list).data(PayloadTreeModel::RawValueRole).toInt(), 3);
    }

    void modifiedFollowsTheEditsAndSetPayloadClearsTheStack()
    {
        PayloadTreeModel model;
        model.setPayload(samplePayload());
        QSignalSpy modified(&model, &PayloadTreeModel::modifiedChanged);
        QVERIFY(model.setData(at(model, QStringLiteral("topic"), 1), QStringLiteral("a")));
        QVERIFY(model.isModified());
        // Editing it back is no longer a change, though the stack has two steps.
        QVERIFY(model.setData(
            at(model, QStringLiteral("topic"), 1), QStringLiteral("rollout_strategy")));
        QVERIFY(!model.isModified());
        QCOMPARE(modified.count(), 2);
        model.undoStack()->undo();
        QVERIFY(model.isModified());
        model.setPayload(model.payload());
        QCOMPARE(model.undoStack()->count(), 0);
        QVERIFY(!model.isModified());
        QCOMPARE(
            model.originalPayload().value(QStringLiteral("topic")).toString(), QStringLiteral("a"));
    }

    void problemsShowOnTheirNodes()
    {
        PayloadTreeModel model;
        model.setPayload(samplePayload());
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setProblems({{QStringLiteral("confidence"), QStringLiteral("too high")},
            {QStringLiteral("missing"), QStringLiteral("required")}});
        QCOMPARE(changed.count(), 1);
        const QModelIndex confidence = at(model, QStringLiteral("confidence"), 1);
        QCOMPARE(
            confidence.data(PayloadTreeModel::ProblemRole).toString(), QStringLiteral("too high"));
        QCOMPARE(confidence.data(Qt::ToolTipRole).toString(), QStringLiteral("too high"));
        model.setProblems({});
        QVERIFY(confidence.data(PayloadTreeModel::ProblemRole).isNull());
    }
};

QTEST_GUILESS_MAIN(TestPayloadTreeModel)
#include "tst_payloadtreemodel.moc"
