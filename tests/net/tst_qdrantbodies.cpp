// QdrantClient's hand-written request bodies and its answer parsers, without a server: every
// body is valid JSON that says what QJsonDocument would say; floats survive the text round
// trip bit for bit; upsert batches respect the byte cap; answers of every shape parse, and
// malformed ones are Decode errors that say what is wrong.

#include "jsontext.h"
#include "pointsbodywriter.h"
#include "pointsresponse.h"
#include "qdrantresponse.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

#include <bit>
#include <cmath>
#include <cstring>
#include <limits>

Q_DECLARE_METATYPE(QJsonValue)

namespace {

QJsonObject parsed(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("not JSON (%s): %s", qPrintable(error.errorString()), body.left(300).constData());
    return document.object();
}

QJsonArray floats(std::initializer_list<double> values)
{
    QJsonArray out;
    for (double v : values)
        out.append(v);
    return out;
}

} // namespace

class TestQdrantBodies : public QObject
{
    Q_OBJECT

private slots:
    void floatsRoundTrip_data();
    void floatsRoundTrip();
    void randomFloatsRoundTrip();
    void valuesAsQJsonDocument_data();
    void valuesAsQJsonDocument();
    void pointIds_data();
    void pointIds();
    void serverVersion_data();
    void serverVersion();
    void upsertBatchesAreCapped();
    void queryBodies();
    void legacyBodies();
    void selectionBodies();
    void batchUpdateBody();
    void vectorTextsAreCopied();
    void vectorTextsMergeWithFloats();
    void parsesScoredPoints();
    void parsesScrollPage();
    void malformedAnswers_data();
    void malformedAnswers();
    void smallAnswers();
};

void TestQdrantBodies::floatsRoundTrip_data()
{
    QTest::addColumn<float>("value");
    QTest::newRow("zero") << 0.0f;
    QTest::newRow("negative zero") << -0.0f;
    QTest::newRow("embedding-like") << 0.0253714f;
    QTest::newRow("one third") << 1.0f / 3.0f;
    QTest::newRow("max") << std::numeric_limits<float>::max();
    QTest::newRow("lowest") << std::numeric_limits<float>::lowest();
    QTest::newRow("smallest normal") << std::numeric_limits<float>::min();
    QTest::newRow("denormal") << std::numeric_limits<float>::denorm_min();
    QTest::newRow("integer") << 3.0f;
}

void TestQdrantBodies::floatsRoundTrip()
{
    QFETCH(float, value);
    QByteArray text;
    jsontext::appendFloats(text, &value, 1);
    const QJsonArray array = QJsonDocument::fromJson(text).array();
    QCOMPARE(array.size(), 1);
    const float back = float(array.at(0).toDouble());
    QVERIFY2(std::bit_cast<quint32>(back) == std::bit_cast<quint32>(value)
            || (value == 0 && back == 0),
        text.constData());
}

void TestQdrantBodies::randomFloatsRoundTrip()
{
    QRandomGenerator random(42);
    QList<float> values(20000);
    for (float &v : values) {
        quint32 bits = random.generate();
        std::memcpy(&v, &bits, sizeof v);
        if (!std::isfinite(v))
            v = 1.5f;
    }
    QByteArray text;
    jsontext::appendFloats(text, values);
    const QJsonArray array = QJsonDocument::fromJson(text).array();
    QCOMPARE(array.size(), values.size());
    for (qsizetype i = 0; i < values.size(); ++i) {
        // strtod then a float cast is what Qdrant's serde and memory-store's simdjson do.
        const float back = float(
            std::strtod(QByteArray::number(array.at(i).toDouble(), 'g', 17).constData(), nullptr));
        QCOMPARE(back, values.at(i));
    }
    const float nan = std::nanf("");
    QByteArray withNan;
    jsontext::appendFloats(withNan, &nan, 1);
    QCOMPARE(withNan, QByteArray("[null]"));
}

void TestQdrantBodies::valuesAsQJsonDocument_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::newRow("string with escapes")
        << QJsonValue(QStringLiteral("quote \" backslash \\ newline \n tab \t bell \a"));
    QTest::newRow("non-ascii") << QJsonValue(QStringLiteral("naïve café ✓ 𝄞 日本"));
    QTest::newRow("integers") << QJsonValue(QJsonArray {0, -1, 42, qint64(1) << 53});
    QTest::newRow("doubles") << QJsonValue(floats({0.1, -2.5e-8, 1e300, 35.0}));
    QTest::newRow("nested") << QJsonValue(QJsonObject {
        {QStringLiteral("a"),
            QJsonObject {{QStringLiteral("b"), QJsonArray {true, false, QJsonValue()}}}},
        {QStringLiteral("key \"quoted\""), QStringLiteral("v")}});
}

void TestQdrantBodies::valuesAsQJsonDocument()
{
    QFETCH(QJsonValue, value);
    QByteArray text = "[";
    jsontext::appendValue(text, value);
    text += ']';
    const QJsonArray back = QJsonDocument::fromJson(text).array();
    QCOMPARE(back.size(), 1);
    QCOMPARE(back.at(0), value);
}

void TestQdrantBodies::pointIds_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("number") << "42" << QByteArray("42");
    QTest::newRow("max") << "18446744073709551615" << QByteArray("18446744073709551615");
    QTest::newRow("uuid") << "550e8400-e29b-41d4-a716-446655440000"
                          << QByteArray("\"550e8400-e29b-41d4-a716-446655440000\"");
    QTest::newRow("uuid braces upper") << "{550E8400-E29B-41D4-A716-446655440000}"
                                       << QByteArray("\"550e8400-e29b-41d4-a716-446655440000\"");
    QTest::newRow("negative") << "-1" << QByteArray("null");
    QTest::newRow("word") << "point" << QByteArray("null");
}

void TestQdrantBodies::pointIds()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, json);
    const PointId id = PointId::fromString(text);
    QByteArray out;
    id.appendJson(out);
    QCOMPARE(out, json);
    if (!id.isNull()) {
        QCOMPARE(PointId::fromString(id.toString()), id);
        QCOMPARE(qHash(PointId::fromString(id.toString())), qHash(id));
    }
    QVERIFY(PointId(5) < PointId(QUuid::createUuid())); // numbers first, as Qdrant orders
}

void TestQdrantBodies::serverVersion_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<bool>("queryApi");
    QTest::newRow("1.7.4") << "1.7.4" << true << false;
    QTest::newRow("1.9.7") << "1.9.7" << true << false;
    QTest::newRow("1.10.0") << "1.10.0" << true << true;
    QTest::newRow("v1.12.1") << "v1.12.1" << true << true;
    QTest::newRow("dev build") << "1.19.0-dev" << true << true;
    QTest::newRow("2.0") << "2.0" << true << true;
    QTest::newRow("garbage") << "latest" << false << false;
}

void TestQdrantBodies::serverVersion()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(bool, queryApi);
    const QByteArray body
        = "{\"title\":\"qdrant - vector search engine\",\"version\":\"" + text.toUtf8() + "\"}";
    const Result<ServerVersion> version = qdrantresponse::serverVersion(body);
    QCOMPARE(version.ok(), valid);
    if (valid)
        QCOMPARE(version.value().hasQueryApi(), queryApi);
    else
        QCOMPARE(version.error().kind, NetError::Kind::Decode);
}

void TestQdrantBodies::upsertBatchesAreCapped()
{
    QList<PointStruct> points;
    for (int i = 0; i < 50; ++i) {
        PointStruct p;
        p.id = PointId(quint64(i));
        p.vectors.insert(QString(), QList<float>(1536, 0.0123456f + float(i)));
        p.payload = {{QStringLiteral("i"), i}};
        points.append(p);
    }
    const qsizetype cap = 100'000;
    qsizetype from = 0;
    int batches = 0;
    QList<PointId> seen;
    while (from < points.size()) {
        QByteArray body;
        const qsizetype end = pointsbody::upsertBatch(body, points, from, points.size(), cap);
        QVERIFY(end > from);
        QVERIFY2(body.size() <= cap, QByteArray::number(body.size()));
        const QJsonArray list = parsed(body).value(QStringLiteral("points")).toArray();
        QCOMPARE(list.size(), end - from);
        for (const QJsonValue &point : list) {
            seen.append(PointId::fromJson(point.toObject().value(QStringLiteral("id"))));
            QCOMPARE(point.toObject().value(QStringLiteral("vector")).toArray().size(), 1536);
        }
        from = end;
        ++batches;
    }
    QCOMPARE(seen.size(), 50);
    QVERIFY(batches >= 5); // ~15 KB per point under a 100 KB cap
    // A point larger than the cap still goes, alone.
    QByteArray body;
    QCOMPARE(pointsbody::upsertBatch(body, points, 0, points.size(), 100), 1);
    // And a batch stops at `to`.
    body.clear();
    QCOMPARE(pointsbody::upsertBatch(body, points, 3, 5), 5);
}

void TestQdrantBodies::queryBodies()
{
    QueryRequest request = QueryRequest::nearestTo({0.5f, -0.25f}, 7);
    request.vectorName = QStringLiteral("text");
    request.filter = {{QStringLiteral("must"), QJsonArray()}};
    request.offset = 3;
    request.scoreThreshold = 0.75f;
    request.withPayload = PayloadSelector::exclude({QStringLiteral("note")});
    request.withVector = VectorSelector::named({QStringLiteral("text")});
    const QJsonObject expected {
        {QStringLiteral("query"), QJsonObject {{QStringLiteral("nearest"), floats({0.5, -0.25})}}},
        {QStringLiteral("using"), QStringLiteral("text")},
        {QStringLiteral("filter"), request.filter},
        {QStringLiteral("limit"), 7},
        {QStringLiteral("offset"), 3},
        {QStringLiteral("score_threshold"), 0.75},
        {QStringLiteral("with_payload"),
            QJsonObject {{QStringLiteral("exclude"), QJsonArray {QStringLiteral("note")}}}},
        {QStringLiteral("with_vector"), QJsonArray {QStringLiteral("text")}},
    };
    QCOMPARE(parsed(pointsbody::query(request)), expected);

    const QueryRequest recommend = QueryRequest::recommend(
        {VectorInput::ofPoint(PointId(1))}, {VectorInput::ofVector({1.0f})}, 2);
    const QJsonObject query
        = parsed(pointsbody::query(recommend)).value(QStringLiteral("query")).toObject();
    QCOMPARE(query,
        (QJsonObject {{QStringLiteral("recommend"),
            QJsonObject {{QStringLiteral("positive"), QJsonArray {1}},
                {QStringLiteral("negative"), QJsonArray {floats({1.0})}}}}}));
    const QJsonObject batch = parsed(pointsbody::queryBatch({request, recommend}));
    QCOMPARE(batch.value(QStringLiteral("searches")).toArray().size(), 2);
}

void TestQdrantBodies::legacyBodies()
{
    QueryRequest request = QueryRequest::nearestTo({0.5f}, 4);
    request.vectorName = QStringLiteral("text");
    const QJsonObject search = parsed(pointsbody::search(request));
    QCOMPARE(search.value(QStringLiteral("vector")).toObject(),
        (QJsonObject {{QStringLiteral("name"), QStringLiteral("text")},
            {QStringLiteral("vector"), floats({0.5})}}));
    QCOMPARE(search.value(QStringLiteral("limit")).toInt(), 4);
    request.vectorName.clear();
    QCOMPARE(parsed(pointsbody::search(request)).value(QStringLiteral("vector")).toArray(),
        floats({0.5}));

    QueryRequest byPoint = QueryRequest::nearestToPoint(PointId(9), 3);
    byPoint.vectorName = QStringLiteral("text");
    const QJsonObject recommend = parsed(pointsbody::recommend(byPoint));
    QCOMPARE(recommend.value(QStringLiteral("positive")).toArray(), QJsonArray {9});
    QCOMPARE(recommend.value(QStringLiteral("using")).toString(), QStringLiteral("text"));
    QCOMPARE(parsed(pointsbody::legacyBatch({pointsbody::search(request)}))
                 .value(QStringLiteral("searches"))
                 .toArray()
                 .size(),
        1);
}

void TestQdrantBodies::selectionBodies()
{
    const PointSelection ids = PointSelection::byIds(
        {PointId(1), PointId::fromString(u"550e8400-e29b-41d4-a716-446655440000")});
    QCOMPARE(parsed(pointsbody::selection(ids)),
        (QJsonObject {{QStringLiteral("points"),
            QJsonArray {1, QStringLiteral("550e8400-e29b-41d4-a716-446655440000")}}}));
    const QJsonObject filter {{QStringLiteral("must"), QJsonArray()}};
    QCOMPARE(parsed(pointsbody::setPayload(PointSelection::byFilter(filter),
                 {{QStringLiteral("a"), 1}}, QStringLiteral("meta"))),
        (QJsonObject {{QStringLiteral("payload"), QJsonObject {{QStringLiteral("a"), 1}}},
            {QStringLiteral("filter"), filter}, {QStringLiteral("key"), QStringLiteral("meta")}}));
    QCOMPARE(parsed(pointsbody::deleteVectors(ids, {QStringLiteral("v")}))
                 .value(QStringLiteral("vector"))
                 .toArray(),
        QJsonArray {QStringLiteral("v")});
    QCOMPARE(parsed(pointsbody::aliasActions(
                 {AliasOperation::rename(QStringLiteral("a"), QStringLiteral("b"))})),
        (QJsonObject {{QStringLiteral("actions"),
            QJsonArray {QJsonObject {{QStringLiteral("rename_alias"),
                QJsonObject {{QStringLiteral("old_alias_name"), QStringLiteral("a")},
                    {QStringLiteral("new_alias_name"), QStringLiteral("b")}}}}}}}));
}

void TestQdrantBodies::batchUpdateBody()
{
    PointStruct point;
    point.id = PointId(3);
    point.vectors = {{QStringLiteral("a"), {1.0f}}, {QStringLiteral("b"), {2.0f, 3.0f}}};
    const QByteArray body = pointsbody::batchUpdate({UpdateOperation::upsert({point}),
        UpdateOperation::deletePayload(PointSelection::byIds({PointId(3)}), {QStringLiteral("x")}),
        UpdateOperation::remove(PointSelection::byIds({PointId(4)}))});
    const QJsonArray ops = parsed(body).value(QStringLiteral("operations")).toArray();
    QCOMPARE(ops.size(), 3);
    const QJsonObject upserted
        = ops.at(0)[QStringLiteral("upsert")][QStringLiteral("points")][0].toObject();
    QCOMPARE(upserted.value(QStringLiteral("vector")).toObject(),
        (QJsonObject {{QStringLiteral("a"), floats({1})}, {QStringLiteral("b"), floats({2, 3})}}));
    QCOMPARE(ops.at(1)[QStringLiteral("delete_payload")][QStringLiteral("keys")].toArray(),
        QJsonArray {QStringLiteral("x")});
    QCOMPARE(
        ops.at(2)[QStringLiteral("delete")][QStringLiteral("points")].toArray(), QJsonArray {4});
}

void TestQdrantBodies::vectorTextsAreCopied()
{
    // An import's vector goes out as the file wrote it, white space and exponents included.
    PointStruct point;
    point.id = PointId(5);
    point.vectorTexts.insert(QString(), QByteArray("[0.1,-2.5e-7, 3 ,1E2,-0]"));
    point.payload = {{QStringLiteral("k"), QStringLiteral("v")}};
    QByteArray out;
    pointsbody::appendPoint(out, point);
    QCOMPARE(out, QByteArray("{\"id\":5,\"vector\":[0.1,-2.5e-7, 3 ,1E2,-0],"
                             "\"payload\":{\"k\":\"v\"}}"));
    // Text wins over floats of the same name.
    point.vectors.insert(QString(), {9.0f});
    QByteArray again;
    pointsbody::appendPoint(again, point);
    QCOMPARE(again, out);

    // The floats' own shortest text passed through gives the body the floats would give.
    QList<float> values;
    for (int i = 0; i < 1536; ++i)
        values.append(std::sin(float(i)) * 0.05f);
    PointStruct floats;
    floats.id = PointId(7);
    floats.vectors.insert(QString(), values);
    floats.payload = point.payload;
    PointStruct text = floats;
    text.vectors.clear();
    QByteArray printed;
    jsontext::appendFloats(printed, values);
    text.vectorTexts.insert(QString(), printed);
    QByteArray fromFloats;
    QByteArray fromText;
    QCOMPARE(pointsbody::upsertBatch(fromFloats, {floats, floats}, 0, 2), 2);
    QCOMPARE(pointsbody::upsertBatch(fromText, {text, text}, 0, 2), 2);
    QCOMPARE(fromText, fromFloats);
    QCOMPARE(pointsbody::updateVectors({text}), pointsbody::updateVectors({floats}));
    // And the byte cap still counts them.
    QByteArray capped;
    QCOMPARE(pointsbody::upsertBatch(capped, {text, text, text}, 0, 3, printed.size() * 2), 1);
}

void TestQdrantBodies::vectorTextsMergeWithFloats()
{
    PointStruct point;
    point.id = PointId(1);
    point.vectors = {{QStringLiteral("a"), {1.0f}}, {QStringLiteral("c"), {3.0f}},
        {QStringLiteral("e"), {5.0f}}};
    point.vectorTexts = {{QStringLiteral("b"), QByteArray("[2.0]")},
        {QStringLiteral("c"), QByteArray("[30]")}, {QStringLiteral("d"), QByteArray("[ 4 ]")}};
    QByteArray out;
    pointsbody::appendVectors(out, point);
    QCOMPARE(out, QByteArray("{\"a\":[1],\"b\":[2.0],\"c\":[30],\"d\":[ 4 ],\"e\":[5]}"));
    // A named text with the unnamed floats: an object with both.
    PointStruct mixed;
    mixed.vectors.insert(QString(), {1.5f});
    mixed.vectorTexts.insert(QStringLiteral("t"), QByteArray("[2]"));
    out.clear();
    pointsbody::appendVectors(out, mixed);
    QCOMPARE(out, QByteArray("{\"\":[1.5],\"t\":[2]}"));
    QCOMPARE(parsed("{\"v\":" + out + '}').value(QStringLiteral("v")).toObject().size(), 2);
}

void TestQdrantBodies::parsesScoredPoints()
{
    const QByteArray query
        = R"({"result":{"points":[{"id":7,"version":3,"score":0.5,"payload":{"a":[1,"x",null],)"
          R"("b":{"c":true}},"vector":{"text":[0.25,-1],"sparse":{"indices":[1],"values":[2]}}},)"
          R"({"id":"550E8400-E29B-41D4-A716-446655440000","score":0.25}]},"status":"ok",)"
          R"("time":0.001})";
    const auto hits = pointsresponse::scoredPoints(query, pointsresponse::Shape::QueryResponse);
    QVERIFY2(hits.ok(), qPrintable(hits.ok() ? QString() : hits.error().message));
    QCOMPARE(hits.value().size(), 2);
    const ScoredPoint &first = hits.value().first();
    QCOMPARE(first.id, PointId(7));
    QCOMPARE(first.version, 3);
    QCOMPARE(first.score, 0.5f);
    QCOMPARE(first.payload,
        (QJsonObject {{QStringLiteral("a"), QJsonArray {1, QStringLiteral("x"), QJsonValue()}},
            {QStringLiteral("b"), QJsonObject {{QStringLiteral("c"), true}}}}));
    QCOMPARE(first.vectors, (NamedVectors {{QStringLiteral("text"), {0.25f, -1.0f}}}));
    QVERIFY(hits.value().at(1).id.isUuid());

    const QByteArray legacyBatch
        = R"({"result":[[{"id":1,"score":1,"version":0,"vector":[1,2]}],[]],"status":"ok"})";
    const auto batches = pointsresponse::scoredBatches(legacyBatch, pointsresponse::Shape::List);
    QVERIFY(batches.ok());
    QCOMPARE(batches.value().size(), 2);
    QCOMPARE(batches.value().first().first().vectors.value(QString()), (QList<float> {1, 2}));
    QVERIFY(batches.value().at(1).isEmpty());
}

void TestQdrantBodies::parsesScrollPage()
{
    const auto page = pointsresponse::scrollPage(
        R"({"result":{"points":[{"id":1,"payload":{}},{"id":2}],"next_page_offset":3},"time":0})");
    QVERIFY(page.ok());
    QCOMPARE(page.value().points.size(), 2);
    QCOMPARE(page.value().nextOffset, PointId(3));
    const auto last = pointsresponse::scrollPage(
        R"({"result":{"points":[],"next_page_offset":null},"time":0})");
    QVERIFY(last.ok());
    QVERIFY(last.value().nextOffset.isNull());
    const auto records = pointsresponse::records(R"({"result":[{"id":5,"vector":[0.5]}]})");
    QVERIFY(records.ok());
    QCOMPARE(records.value().first().vectors.value(QString()), QList<float> {0.5f});
}

void TestQdrantBodies::malformedAnswers_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("says");
    QTest::newRow("not JSON") << QByteArray("<html>") << "not valid JSON";
    QTest::newRow("no result") << QByteArray(R"({"status":"ok"})") << "no \"result\"";
    QTest::newRow("no points") << QByteArray(R"({"result":{}})") << "no \"points\"";
    QTest::newRow("negative id") << QByteArray(R"({"result":{"points":[{"id":-1,"score":1}]}})")
                                 << "id";
    QTest::newRow("no score") << QByteArray(R"({"result":{"points":[{"id":1}]}})") << "score";
    QTest::newRow("text in vector")
        << QByteArray(R"({"result":{"points":[{"id":1,"score":1,"vector":["x"]}]}})")
        << "vector component";
    QTest::newRow("payload not object")
        << QByteArray(R"({"result":{"points":[{"id":1,"score":1,"payload":[1]}]}})") << "payload";
}

void TestQdrantBodies::malformedAnswers()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, says);
    const auto hits = pointsresponse::scoredPoints(body, pointsresponse::Shape::QueryResponse);
    QVERIFY(!hits.ok());
    QCOMPARE(hits.error().kind, NetError::Kind::Decode);
    QVERIFY2(hits.error().message.contains(says), qPrintable(hits.error().message));
}

void TestQdrantBodies::smallAnswers()
{
    const auto info = qdrantresponse::collectionInfo(
        R"({"result":{"status":"green","optimizer_status":{"error":"disk full"},)"
        R"("points_count":12,"segments_count":2,"config":{"params":{"vectors":{)"
        R"("a":{"size":4,"distance":"Dot"},"b":{"size":2,"distance":"Cosine"}}}},)"
        R"("payload_schema":{}},"status":"ok","time":0})");
    QVERIFY(info.ok());
    QCOMPARE(info.value().optimizerStatus, QStringLiteral("disk full"));
    QCOMPARE(info.value().pointsCount, 12);
    QCOMPARE(info.value().indexedVectorsCount, -1);
    QCOMPARE(info.value().vectors.value(QStringLiteral("b")).distance, QStringLiteral("Cosine"));
    const auto snapshots = qdrantresponse::snapshots(
        R"({"result":[{"name":"s1","creation_time":"2022-08-04T10:49:10","size":1000,)"
        R"("checksum":"ab"}]})");
    QVERIFY(snapshots.ok());
    QCOMPARE(snapshots.value().first().creationTime,
        QDateTime(QDate(2022, 8, 4), QTime(10, 49, 10), Qt::UTC));
    QCOMPARE(qdrantresponse::count(R"({"result":{"count":5}})").value(), 5);
    QCOMPARE(qdrantresponse::count(R"({"result":{}})").error().kind, NetError::Kind::Decode);
    const auto facet = qdrantresponse::facet(
        R"({"result":{"hits":[{"value":"a","count":3},{"value":7,"count":1}]}})");
    QCOMPARE(facet.value().at(1).value.toInt(), 7);
    const auto results
        = qdrantresponse::updateResults(R"({"result":[{"operation_id":4,"status":"completed"}]})");
    QCOMPARE(results.value().first().operationId, 4);
    QCOMPARE(qdrantresponse::boolean(R"({"result":"yes"})").error().kind, NetError::Kind::Decode);
}

QTEST_GUILESS_MAIN(TestQdrantBodies)
#include "tst_qdrantbodies.moc"
