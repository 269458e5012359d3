#pragma once

// client_bench phase 1: what writing bodies and parsing answers cost one thread, without the
// network (docs/decisions/0005-client-body-writing.md, 0006-float-writer.md).

#include "qdranttypes.h"

namespace clientbench {

struct BodyFigures
{
    double toCharsNsPerFloat = 0;
    double floatTextNsPerFloat = 0;
    double handPointsPerS = 0;
    double qjsonPointsPerS = 0;
    double simdjsonParsePointsPerS = 0;
    double qjsonParsePointsPerS = 0;
};

/// Times, in thread CPU time, the floats of the first 2000 points by std::to_chars and by
/// floattext, their upsert bodies by hand and through QJsonDocument, and a 256-point scroll
/// page parsed with simdjson and with QJsonDocument; prints a line for each.
BodyFigures measureBodies(const QList<PointStruct> &points);

} // namespace clientbench
