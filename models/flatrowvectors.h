#pragma once

#include <QList>
#include <QSet>
#include <QString>

#include <string_view>

/// Finds the vector fields' arrays in a flat JSON row ({"name": value, ...}, not a Qdrant
/// point) in one pass over its bytes: keys and the other values are stepped over (strings with
/// their escapes, nested values), and each vector's array is checked by VectorTextScanner,
/// which finds its end on the way. ImportJsonRow used to find them with simdjson's On Demand
/// walk, whose index of the whole row is built by simdjson's portable kernel in a build for
/// any x86-64 (a tenth of a row's reading), before the scanner went over the numbers again.
///
/// It takes only what it is sure of: an escaped key, a value that could make the row a point
/// ("payload", "vector" or "vectors" holding an object), a vector the scanner refuses, or
/// anything malformed returns false, and the caller takes its other way. What it finds is then
/// checked again by the DOM parse of the row without its vectors.
class FlatRowVectors final
{
public:
    struct Span
    {
        QString name;
        std::string_view text; ///< '[' to ']'
        qsizetype count = 0;   ///< its numbers
    };

    /// The arrays of vectorFields in data[0, size), in the row's order (a field twice is
    /// there twice); false when the row is left to the other way.
    static bool find(const char *data, size_t size, const QSet<QString> &vectorFields,
                     QList<Span> &spans);
};
