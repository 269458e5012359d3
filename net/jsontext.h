#pragma once

// Hand-written JSON for request bodies. QJsonDocument builds a tree of QCborValues and then
// prints it: for bodies of 1536-float vectors that is ~7x slower than printing the floats
// directly (docs/decisions/0005-client-body-writing.md).

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QStringList>
#include <QStringView>

namespace jsontext {

/// Appends a float32 in its shortest round-trip form (as std::to_chars writes it, by
/// floattext::write); null when not finite.
void appendFloat(QByteArray &out, float value);
/// Appends `[f0,f1,...]`.
void appendFloats(QByteArray &out, const float *values, qsizetype count);
inline void appendFloats(QByteArray &out, const QList<float> &values)
{
    appendFloats(out, values.constData(), values.size());
}
/// Appends a double in its shortest round-trip form; integral values without a fraction.
void appendDouble(QByteArray &out, double value);
/// Appends a quoted, escaped JSON string (UTF-8).
void appendString(QByteArray &out, QStringView text);
/// Appends any JSON value, as QJsonDocument would write it (compact).
void appendValue(QByteArray &out, const QJsonValue &value);
void appendObject(QByteArray &out, const QJsonObject &object);
void appendArray(QByteArray &out, const QJsonArray &array);
/// Appends `["a","b"]`.
void appendStrings(QByteArray &out, const QStringList &strings);

} // namespace jsontext
