#pragma once

// Helpers shared by the files of FilterTree; not part of its interface.

#include "filtertree.h"

namespace filtertree_p {

/// A group that writes nothing: no nodes, or only such groups.
bool isBlank(const FilterNode &node);
/// A JSON number that is an integer fitting an int64 (3.0 counts: Qt does not keep the form).
bool isInteger(const QJsonValue &value);

} // namespace filtertree_p
