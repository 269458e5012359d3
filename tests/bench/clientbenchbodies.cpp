#include "clientbenchbodies.h"

#include "clientbenchdata.h"

#include "floattext.h"
#include "pointsbodywriter.h"
#include "pointsresponse.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <limits>
#include <stdexcept>
#include <vector>

namespace clientbench {

BodyFigures measureBodies(const QList<PointStruct> &points)
{
    BodyFigures f;
    const QList<PointStruct> sample = points.mid(0, std::min<qsizetype>(points.size(), 2000));
    // Thread CPU time, not wall time: what a point costs, whatever else the machine is doing.
    // First the floats alone, std::to_chars against floattext (docs/decisions/0006), three
    // rounds each, taking turns, the best round of each.
    std::vector<char> text(size_t(kDims) * (floattext::kMaxChars + 1) + floattext::kRoom);
    qsizetype floats = 0;
    std::size_t textBytes[2] = {0, 0}; // a round's text, to_chars then floattext
    f.toCharsNsPerFloat = f.floatTextNsPerFloat = std::numeric_limits<double>::max();
    for (int round = 0; round < 3; ++round) {
        for (const bool viaFloatText : {false, true}) {
            ThreadClock clock;
            floats = 0;
            textBytes[viaFloatText] = 0;
            for (const PointStruct &p : sample) {
                char *out = text.data();
                for (const float x : p.vectors.first()) {
                    out = viaFloatText ? floattext::write(out, x)
                                       : std::to_chars(out, out + floattext::kRoom, x).ptr;
                    *out++ = ',';
                }
                textBytes[viaFloatText] += size_t(out - text.data());
                floats += p.vectors.first().size();
            }
            double &best = viaFloatText ? f.floatTextNsPerFloat : f.toCharsNsPerFloat;
            best = std::min(best, clock.elapsedNs() / double(std::max<qsizetype>(1, floats)));
        }
    }
    std::printf("floats alone, %lld per round, best of 3, ns per float of thread CPU: "
                "std::to_chars %.1f, floattext %.1f (%zu and %zu bytes)\n",
        static_cast<long long>(floats), f.toCharsNsPerFloat, f.floatTextNsPerFloat, textBytes[0],
        textBytes[1]);
    ThreadClock clock;
    qsizetype bytes = 0;
    for (qsizetype from = 0; from < sample.size();) {
        QByteArray body;
        from = pointsbody::upsertBatch(body, sample, from, sample.size());
        bytes += body.size();
    }
    f.handPointsPerS = double(sample.size()) / (double(clock.elapsedNs()) / 1e9);
    clock.restart();
    qsizetype qbytes = 0;
    for (qsizetype from = 0; from < sample.size(); from += 200) {
        QJsonArray list;
        for (qsizetype i = from; i < std::min(sample.size(), from + 200); ++i) {
            QJsonArray vector;
            for (float x : sample.at(i).vectors.first())
                vector.append(double(x));
            list.append(QJsonObject {{QStringLiteral("id"), qint64(sample.at(i).id.number())},
                {QStringLiteral("vector"), vector},
                {QStringLiteral("payload"), sample.at(i).payload}});
        }
        qbytes += QJsonDocument(QJsonObject {{QStringLiteral("points"), list}})
                      .toJson(QJsonDocument::Compact)
                      .size();
    }
    f.qjsonPointsPerS = double(sample.size()) / (double(clock.elapsedNs()) / 1e9);
    std::printf("body writing, %lld points, per thread CPU second: by hand %.0f points/s "
                "(%.1f MB), QJsonDocument %.0f points/s (%.1f MB)\n",
        static_cast<long long>(sample.size()), f.handPointsPerS, double(bytes) / 1e6,
        f.qjsonPointsPerS, double(qbytes) / 1e6);

    // A scroll page of 256 points with vectors and payloads, as the server would send it.
    QByteArray page = "{\"result\":{\"points\":[";
    for (qsizetype i = 0; i < 256 && i < sample.size(); ++i) {
        if (i)
            page += ',';
        pointsbody::appendPoint(page, sample.at(i));
    }
    page += "],\"next_page_offset\":null},\"status\":\"ok\",\"time\":0.01}";
    constexpr int kRepeats = 8;
    clock.restart();
    for (int r = 0; r < kRepeats; ++r) {
        if (!pointsresponse::scrollPage(page).ok())
            throw std::runtime_error("simdjson could not parse its own page");
    }
    f.simdjsonParsePointsPerS = 256.0 * kRepeats / (double(clock.elapsedNs()) / 1e9);
    clock.restart();
    for (int r = 0; r < kRepeats; ++r) {
        const QJsonArray list
            = QJsonDocument::fromJson(page)[QStringLiteral("result")][QStringLiteral("points")]
                  .toArray();
        QList<PointRecord> records;
        for (const QJsonValue &value : list) {
            PointRecord record;
            record.id = PointId::fromJson(value[QStringLiteral("id")]);
            record.payload = value[QStringLiteral("payload")].toObject();
            QList<float> vector;
            for (const QJsonValue &x : value[QStringLiteral("vector")].toArray())
                vector.append(float(x.toDouble()));
            record.vectors.insert(QString(), vector);
            records.append(record);
        }
    }
    f.qjsonParsePointsPerS = 256.0 * kRepeats / (double(clock.elapsedNs()) / 1e9);
    std::printf("parsing a page of 256 points with vectors (%.1f MB), per thread CPU second: "
                "simdjson %.0f points/s, QJsonDocument %.0f points/s\n",
        double(page.size()) / 1e6, f.simdjsonParsePointsPerS, f.qjsonParsePointsPerS);
    return f;
}

} // namespace clientbench
