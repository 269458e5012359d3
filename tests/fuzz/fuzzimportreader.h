#pragma once

#include "importformat.h"

#include <cstddef>
#include <cstdint>

/// An import reader of one kind (ImportRecordReader::create, as the import pipeline makes it)
/// over the bytes as a file, read to the end with `vector` and `embedding` read as vectors.
/// Each row must move forward within the file, and reading must end. Targets
/// fuzz_import_jsonl, fuzz_import_csv and fuzz_import_jsonarray.
void fuzzImportReader(ImportFormat::Kind kind, const uint8_t *data, size_t size);
