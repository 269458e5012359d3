#pragma once

#include <QByteArray>

/// Qdrant's top-level `time` (seconds) of a response envelope, in ms; -1 when the body does not
/// end with one. Looks only at the last bytes, so it costs nothing on big bodies.
double qdrantServerTimeMs(const QByteArray &body);
