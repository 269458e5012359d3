// Masked fields in the payload editor's model (presentation options for demos): what is shown,
// what is locked while masked, and that the payload itself never changes; with
// PresentationOptions::maskedValue, which the save preview shows instead of the values.
#include "payloadtreemodel.h"
#include "presentationoptions.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QSignalSpy>
#include <QUndoStack>
#include <QtTest>

namespace {

constexpr auto kQtTest = QAbstractItemModelTester::FailureReportingMode::QtTest;

QJsonObject samplePayload()
{
    return QJsonObject{
        {QStringLiteral("customer_id"), QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950e")},
        {QStringLiteral("topic"), QStringLiteral("rollout_strategy")},
        {QStringLiteral("content"), QStringLiteral("Prefers 10% then 100% with Dr. Smith")},
        {QStringLiteral("contact"),
         QJsonObject{{QStringLiteral("email"), QStringLiteral("ops@northwind.example")},
                     {QStringLiteral("team"), QStringLiteral("platform")}}},
        {QStringLiteral("tags"), QJsonArray{QStringLiteral("vip"), QStringLiteral("eu")}},
    };
}

const QStringList kMasked{QStringLiteral("content"), QStringLiteral("contact.email"),
                          QStringLiteral("tags")};

QString shown(const PayloadTreeModel &model, const QString &path)
{
    return model.indexForPath(path)
        .siblingAtColumn(PayloadTreeModel::ValueColumn)
        .data(Qt::DisplayRole)
        .toString();
}

} // namespace

class TestPayloadTreeMasking : public QObject
{
    Q_OBJECT

private slots:
    void showsMaskedValuesOnly()
    {
        PayloadTreeModel model;
        QAbstractItemModelTester tester(&model, kQtTest);
        model.setPayload(samplePayload());
        QVERIFY(!model.hasMaskedValues());
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setMaskedFields(kMasked);
        QCOMPARE(changed.size(), 1);
        QVERIFY(model.hasMaskedValues());
        const QString mask = PresentationOptions::maskText();
        QCOMPARE(shown(model, QStringLiteral("content")), mask);
        QCOMPARE(shown(model, QStringLiteral("contact.email")), mask);
        QCOMPARE(shown(model, QStringLiteral("tags")), mask);
        QCOMPARE(shown(model, QStringLiteral("tags[1]")), mask); // inside a masked list
        QCOMPARE(shown(model, QStringLiteral("contact.team")), QStringLiteral("platform"));
        QCOMPARE(shown(model, QStringLiteral("topic")), QStringLiteral("rollout_strategy"));
        const QModelIndex content = model.indexForPath(QStringLiteral("content"))
                                        .siblingAtColumn(PayloadTreeModel::ValueColumn);
        QVERIFY(content.data(PayloadTreeModel::MaskedRole).toBool());
        QVERIFY(content.data(Qt::EditRole).isNull()); // no editor starts from the value
        QVERIFY(content.data(Qt::ToolTipRole).toString().contains(
            QStringLiteral("Masked by presentation options")));
        QVERIFY(!(model.flags(content) & Qt::ItemIsEditable));
        QVERIFY(!(model.flags(content.siblingAtColumn(PayloadTreeModel::KeyColumn))
                  & Qt::ItemIsEditable));
        // The object holding a masked field: its other members stay free.
        const QModelIndex contact = model.indexForPath(QStringLiteral("contact"));
        QVERIFY(!contact.data(PayloadTreeModel::MaskedRole).toBool());
        QVERIFY(!(model.flags(contact) & Qt::ItemIsEditable)); // no rename
        QVERIFY(model.flags(model.indexForPath(QStringLiteral("contact.team"))
                                .siblingAtColumn(PayloadTreeModel::ValueColumn))
                & Qt::ItemIsEditable);
        QCOMPARE(model.payload(), samplePayload()); // display only
        QVERIFY(!model.isModified());

        model.setMaskedFields({});
        QCOMPARE(shown(model, QStringLiteral("content")),
                 QStringLiteral("Prefers 10% then 100% with Dr. Smith"));
        QVERIFY(model.flags(content) & Qt::ItemIsEditable);
    }

    void problemsOfMaskedValuesDoNotQuoteThem()
    {
        PayloadTreeModel model;
        model.setPayload(samplePayload());
        model.setMaskedFields(kMasked);
        model.setProblems({{QStringLiteral("content"), QStringLiteral("“Prefers…” is too long")}});
        const QModelIndex content = model.indexForPath(QStringLiteral("content"));
        const QString problem = content.data(PayloadTreeModel::ProblemRole).toString();
        QVERIFY(!problem.isEmpty());
        QVERIFY2(!problem.contains(QStringLiteral("Prefers")), qPrintable(problem));
    }

    void editsOfMaskedValuesAreRefused_data()
    {
        QTest::addColumn<QString>("edit");
        QTest::newRow("change the value") << QStringLiteral("set content");
        QTest::newRow("change a value in a masked list") << QStringLiteral("set tags[0]");
        QTest::newRow("change its type") << QStringLiteral("type content");
        QTest::newRow("rename it") << QStringLiteral("rename content");
        QTest::newRow("remove it") << QStringLiteral("remove content");
        QTest::newRow("remove the object holding it") << QStringLiteral("remove contact");
        QTest::newRow("replace the object holding it") << QStringLiteral("set contact");
        QTest::newRow("add an item to a masked list") << QStringLiteral("insert tags");
        QTest::newRow("through setData") << QStringLiteral("setData content");
    }

    void editsOfMaskedValuesAreRefused()
    {
        QFETCH(QString, edit);
        PayloadTreeModel model;
        QAbstractItemModelTester tester(&model, kQtTest);
        model.setPayload(samplePayload());
        model.setMaskedFields(kMasked);
        QSignalSpy refused(&model, &PayloadTreeModel::editRefused);
        const QStringList parts = edit.split(QLatin1Char(' '));
        const QModelIndex at = model.indexForPath(parts.at(1));
        QVERIFY(at.isValid());
        QString message;
        const auto note = [&](const auto &result) {
            QVERIFY(!result.ok());
            message = result.error().message;
        };
        if (parts.first() == u"set")
            note(model.setValue(at, QStringLiteral("changed")));
        else if (parts.first() == u"type")
            note(model.changeType(at, QJsonValue::Double));
        else if (parts.first() == u"rename")
            note(model.renameKey(at, QStringLiteral("notes")));
        else if (parts.first() == u"remove")
            note(model.remove(at));
        else if (parts.first() == u"insert")
            note(model.insertItem(at, 0, QStringLiteral("new")));
        if (parts.first() == u"setData") {
            QVERIFY(!model.setData(at.siblingAtColumn(PayloadTreeModel::ValueColumn),
                                   QStringLiteral("changed")));
            QCOMPARE(refused.size(), 1);
            message = refused.first().first().toString();
        }
        QVERIFY2(message.contains(QStringLiteral("masked by presentation options")),
                 qPrintable(message));
        QCOMPARE(model.payload(), samplePayload());
        QCOMPARE(model.undoStack()->count(), 0);
    }

    void fieldsCannotBeMadeUnderAMaskedName()
    {
        // Made there, the field would be hidden and locked at once: what was typed unseen.
        QJsonObject payload = samplePayload();
        payload.remove(QStringLiteral("content"));
        QJsonObject contact = payload.value(QStringLiteral("contact")).toObject();
        contact.remove(QStringLiteral("email"));
        payload.insert(QStringLiteral("contact"), contact);
        PayloadTreeModel model;
        QAbstractItemModelTester tester(&model, kQtTest);
        model.setPayload(payload);
        model.setMaskedFields(kMasked);
        const QList<Result<QModelIndex>> edits{
            model.addField({}, QStringLiteral("content"), QStringLiteral("typed while masked")),
            model.addField(model.indexForPath(QStringLiteral("contact")), QStringLiteral("email"),
                           QStringLiteral("a@b.example")),
            model.renameKey(model.indexForPath(QStringLiteral("topic")), QStringLiteral("content")),
        };
        for (const Result<QModelIndex> &edit : edits) {
            QVERIFY(!edit.ok());
            QVERIFY2(edit.error().message.contains(QStringLiteral("masked by presentation options")),
                     qPrintable(edit.error().message));
        }
        QCOMPARE(model.payload(), payload);
        QCOMPARE(model.undoStack()->count(), 0);
        // Unmasked, the same field can be made.
        model.setMaskedFields({});
        QVERIFY(model.addField({}, QStringLiteral("content"), QStringLiteral("typed and seen")));
    }

    void otherEditsKeepTheMaskedValues()
    {
        PayloadTreeModel model;
        QAbstractItemModelTester tester(&model, kQtTest);
        model.setPayload(samplePayload());
        model.setMaskedFields(kMasked);
        QVERIFY(model.setValue(model.indexForPath(QStringLiteral("topic")),
                               QStringLiteral("compliance")));
        QVERIFY(model.setValue(model.indexForPath(QStringLiteral("contact.team")),
                               QStringLiteral("sre")));
        QVERIFY(model.addField({}, QStringLiteral("priority"), QStringLiteral("high")));
        QJsonObject expected = samplePayload();
        expected.insert(QStringLiteral("topic"), QStringLiteral("compliance"));
        QJsonObject contact = expected.value(QStringLiteral("contact")).toObject();
        contact.insert(QStringLiteral("team"), QStringLiteral("sre"));
        expected.insert(QStringLiteral("contact"), contact);
        expected.insert(QStringLiteral("priority"), QStringLiteral("high"));
        QCOMPARE(model.payload(), expected); // the masked values exactly as stored
        // Revert (as the editor does it) is allowed: it only brings stored values back.
        QVERIFY(model.replacePayload(model.originalPayload(), QStringLiteral("Revert")));
        QCOMPARE(model.payload(), samplePayload());
    }

    void maskedValueForDisplay_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QJsonValue>("expected");
        const QJsonValue mask(PresentationOptions::maskText());
        QTest::newRow("the payload") << QString() << QJsonValue(samplePayload())
                                     << QJsonValue(QJsonObject{
                                            {QStringLiteral("customer_id"),
                                             samplePayload().value(QStringLiteral("customer_id"))},
                                            {QStringLiteral("topic"),
                                             QStringLiteral("rollout_strategy")},
                                            {QStringLiteral("content"), mask},
                                            {QStringLiteral("contact"),
                                             QJsonObject{{QStringLiteral("email"), mask},
                                                         {QStringLiteral("team"),
                                                          QStringLiteral("platform")}}},
                                            {QStringLiteral("tags"), mask}});
        QTest::newRow("a masked field") << QStringLiteral("content") << QJsonValue(7) << mask;
        QTest::newRow("inside a masked list") << QStringLiteral("tags[0]")
                                              << QJsonValue(QStringLiteral("vip")) << mask;
        QTest::newRow("an object holding one")
            << QStringLiteral("contact")
            << QJsonValue(QJsonObject{{QStringLiteral("email"), QStringLiteral("x@y")}})
            << QJsonValue(QJsonObject{{QStringLiteral("email"), mask}});
        QTest::newRow("a field that only starts alike")
            << QStringLiteral("contents") << QJsonValue(QStringLiteral("free"))
            << QJsonValue(QStringLiteral("free"));
    }

    void maskedValueForDisplay()
    {
        QFETCH(QString, path);
        QFETCH(QJsonValue, value);
        QFETCH(QJsonValue, expected);
        QCOMPARE(PresentationOptions::maskedValue(path, value, kMasked), expected);
        QCOMPARE(PresentationOptions::maskedValue(path, value, {}), value);
    }
};

QTEST_GUILESS_MAIN(TestPayloadTreeMasking)
#include "tst_payloadtreemasking.moc"
