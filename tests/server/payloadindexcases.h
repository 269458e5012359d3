#pragma once

// The payload index types memory-store must accept, with what GET shows for each over the
// points of tst_store_payloadindexes; tst_store_collections restarts with all of them.

// field, field_schema, data_type shown, points counted.
struct IndexCase
{
    const char *tag;
    const char *field;
    const char *schema;
    const char *dataType;
    int points;
};

inline const IndexCase kIndexCases[] = {
    {"keyword", "kw", R"("keyword")", "keyword", 2},
    {"integer", "int", R"("integer")", "integer", 2},
    {"float", "flt", R"("float")", "float", 2},
    {"bool", "flag", R"("bool")", "bool", 2},
    {"datetime", "when", R"("datetime")", "datetime", 2},
    {"uuid", "uid", R"("uuid")", "uuid", 1},
    {"text", "txt", R"("text")", "text", 2},
    {"geo", "loc", R"("geo")", "geo", 1},
    {"keyword tenant", "tenant", R"({"type":"keyword","is_tenant":true})", "keyword", 2},
    {"integer params", "int", R"({"type":"integer","lookup":true,"range":true})", "integer", 2},
};
