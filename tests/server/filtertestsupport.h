// Helpers shared by the filter engine's unit tests (tst_filter, tst_filtermatches).
#pragma once

#include "filter.h"
#include "pointid.h"

#include <QTest>

#include <functional>
#include <string_view>

namespace FilterTest {

inline mstore::Json parseJson(const QByteArray &text)
{
    return mstore::Json::parse(text.constData(), text.constData() + text.size());
}

// Every test point has the unnamed vector and one named "image".
inline const std::function<bool(std::string_view)> kHasVector
    = [](std::string_view name) { return name.empty() || name == "image"; };

inline bool evaluate(const mstore::Filter &filter, const mstore::Json &payload,
                     const mstore::PointId &id)
{
    return filter.matches(mstore::PointView {id, payload, &kHasVector});
}

// Adds a row named "<prefix> #n" so that tables need no hand-made unique names.
class RowAdder
{
public:
    explicit RowAdder(const char *prefix)
        : m_prefix(QString::fromUtf8(prefix))
    { }
    QTestData &row() { return QTest::newRow(qPrintable(m_prefix + QString::number(++m_count))); }

private:
    QString m_prefix;
    int m_count = 0;
};

} // namespace FilterTest
