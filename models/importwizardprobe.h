#pragma once

#include "importcheckpoint.h"
#include "importformat.h"
#include "importoptions.h"
#include "importpreview.h"
#include "result.h"
#include "tenantscope.h"

#include <QString>

#include <optional>

/// What the import wizard looks at before a run, beside ImportPreview: a file scanned as a
/// format the user chose (detection overridden), and the checkpoint a start() with these
/// options would resume from. Pure (reads files only); scanAs may run on a worker thread.
class ImportWizardProbe final
{
public:
    /// ImportPreview::scan with the format given instead of detected.
    static Result<ImportPreview::Scan> scanAs(const QString &path, ImportFormat::Kind format,
                                              int maxRows = 20);
    /// The checkpoint ImportPipeline::start(options) would resume from in this scope (same
    /// file content, collection, scope, format and mapping, not complete); nullopt when none.
    static std::optional<ImportCheckpoint> resumableCheckpoint(const ImportOptions &options,
                                                               const TenantScope &scope);
    /// How a checkpoint records a scope (as ImportPipeline writes it): "*" for all tenants,
    /// "key=tenant" for a tenant, empty for none.
    static QString scopeKey(const TenantScope &scope);
};
