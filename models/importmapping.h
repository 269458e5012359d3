#pragma once

#include "agentmemoryschemas.h"
#include "result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

/// How the rows of an import file become points: which file field fills which payload key,
/// where each point's id comes from, and where its vector comes from. A plain value, saved in
/// the checkpoint (toJson) so a resumed import maps rows exactly as the interrupted one did.
struct ImportMapping
{
    Q_DECLARE_TR_FUNCTIONS(ImportMapping)

public:
    /// One file field copied to one payload key.
    struct Field
    {
        QString source; ///< the file's field name
        QString target; ///< the payload key
        friend bool operator==(const Field &, const Field &) = default;
    };

    enum class IdSource {
        NaturalKey, ///< UUIDv5 of the natural key's text (DeterministicPointId): re-runs match
        FileId,     ///< the field holds a Qdrant id already (unsigned integer or UUID)
    };
    enum class VectorSource {
        FileField, ///< a numeric array field of the file
        Embed,     ///< the profile's Embedder on the mapped payload's embedded text
    };

    QList<Field> fields;
    IdSource idSource = IdSource::NaturalKey;
    QString idField;        ///< the file field the id comes from (natural key or id)
    /// FileId only: a row whose id is missing or not a Qdrant id gets the UUIDv5 of this
    /// field's text instead (as NaturalKey); empty: such a row is an error. Either way the
    /// same file gives the same ids.
    QString fallbackKeyField;
    VectorSource vectorSource = VectorSource::FileField;
    QString vectorField;    ///< FileField: the file's vector field
    /// Embed: the payload keys whose text is embedded, joined by a blank line; empty = the
    /// schema's embedded text (AgentMemorySchema::embeddedText).
    QStringList embedFields;
    QString vectorName;     ///< the collection's vector to fill; empty for the unnamed one
    int vectorSize = 0;     ///< that vector's size in the collection (checked per row)

    /// A first mapping for a file's fields and a collection: each field whose name the schema
    /// knows (or any field, without a schema) kept under its own name; `optimization_id`, else
    /// a field named `id`, else the schema's first uuid field as the id; a field named `vector`
    /// or `embedding` as the vector, else embedding the schema's text. vectorSize as given.
    /// pointRows (ImportPreview::Scan::pointRows: Qdrant-shaped rows): the point's own `id`
    /// kept (FileId, the natural key as fallbackKeyField), `vector` or the first named vector
    /// as the vector, and no vector part mapped into the payload.
    static ImportMapping suggest(const QStringList &fileFields, const AgentMemorySchema *schema,
                                 int vectorSize, bool pointRows = false);
    /// True for the names a point-shaped row gives its vectors (`vector`, `vector.NAME`,
    /// `vectors`, `vectors.NAME`).
    static bool isPointVectorField(const QString &name);
    /// What keeps this mapping from being run, in sentences; empty when it can run. Checks
    /// that the id and vector fields are set and that no payload key is filled twice.
    QStringList problems() const;
    /// The file fields the reader must read as vectors.
    QStringList vectorFields() const;

    /// The mapping as JSON (for the checkpoint) and back; fromJson is Invalid when malformed.
    QJsonObject toJson() const;
    static Result<ImportMapping> fromJson(const QJsonObject &json);

    friend bool operator==(const ImportMapping &, const ImportMapping &) = default;
};
