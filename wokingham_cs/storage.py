"""Static files storage for production (DEBUG off)."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's compressed, hashed files, with the relative imports between our ES modules
    rewritten too (`import { initAll } from "./govuk-frontend.min.js"` in app.js): otherwise the
    module app.js imports keeps its plain name, and browsers keep a stale copy after an
    upgrade of GOV.UK Frontend."""

    support_js_module_import_aggregation = True
