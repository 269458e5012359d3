#include "chartcsv.h"

#include <cmath>

namespace {

void appendRow(QByteArray &out, const QList<QByteArray> &fields)
{
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i)
            out += ',';
        out += fields.at(i);
    }
    out += "\r\n";
}

} // namespace

QByteArray ChartCsv::field(const QString &text)
{
    QString safe = text;
    if (!safe.isEmpty()
        && QStringView(u"=+-@").contains(safe.front())) // a formula in a spreadsheet
        safe.prepend(QLatin1Char('\''));
    QByteArray utf8 = safe.toUtf8();
    if (utf8.contains(',') || utf8.contains('"') || utf8.contains('\n') || utf8.contains('\r')) {
        utf8.replace("\"", "\"\"");
        return '"' + utf8 + '"';
    }
    return utf8;
}

QByteArray ChartCsv::number(double value)
{
    if (std::isfinite(value) && value == std::floor(value) && std::abs(value) < 1e15)
        return QByteArray::number(qint64(value));
    return QByteArray::number(value, 'g', 17);
}

QByteArray ChartCsv::toCsv(const ChartResult &result)
{
    QByteArray out;
    if (result.spec.kind == ChartSpec::Kind::LatencyScatter) {
        appendRow(out, {field(QStringLiteral("series")), field(QStringLiteral("cohort")),
                        field(result.spec.splitKey.isEmpty() ? QStringLiteral("group")
                                                             : result.spec.splitKey),
                        field(result.spec.effectiveValueKey()),
                        field(QStringLiteral("after_latency_p95"))});
        for (const ChartSeriesData &series : result.series) {
            const QByteArray name = field(series.name);
            const QByteArray cohort = field(series.cohort);
            const QByteArray group = field(series.group);
            for (const QPointF &p : series.points)
                appendRow(out, {name, cohort, group, number(p.x()), number(p.y())});
        }
        return out;
    }
    const bool histogram = result.binEdges.size() == result.categories.size() + 1
        && !result.categories.isEmpty();
    QList<QByteArray> header{field(result.xTitle.isEmpty() ? QStringLiteral("category")
                                                           : result.xTitle)};
    if (histogram)
        header << field(QStringLiteral("lower")) << field(QStringLiteral("upper"));
    for (const ChartSeriesData &series : result.series)
        header << field(series.name);
    appendRow(out, header);
    for (qsizetype row = 0; row < result.categories.size(); ++row) {
        QList<QByteArray> fields{field(result.categories.at(row))};
        if (histogram) {
            fields << number(result.binEdges.at(row));
            const bool open = result.lastBinOpen && row == result.categories.size() - 1;
            fields << (open ? QByteArray() : number(result.binEdges.at(row + 1)));
        }
        for (const ChartSeriesData &series : result.series)
            fields << number(row < series.values.size() ? series.values.at(row) : 0.0);
        appendRow(out, fields);
    }
    return out;
}
