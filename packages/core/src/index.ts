// The public API of @relnotes/core. Named exports only, listed by hand; index.test.ts pins the list.

export type { RelnotesErrorCode, RelnotesErrorDetails } from './errors.js';
export { excerpt, RelnotesError } from './errors.js';
export type {
  Author,
  Diagnostic,
  DocLink,
  DocType,
  Extraction,
  FeatureLink,
  FeatureStage,
  NoteStatus,
  Position,
  Provenance,
  ProvenanceField,
  ProvenanceSource,
  PullRequest,
  ReleaseNote,
  Severity,
} from './model.js';
export { FEATURE_STAGES } from './model.js';
export type { ReleaseNoteInit } from './create-release-note.js';
export { createReleaseNote } from './create-release-note.js';
export type { BuildOptions } from './pipeline.js';
export { buildReleaseNotes } from './pipeline.js';
export type { ClassificationRules, SectionRule } from './rules.js';
export { DEFAULT_RULES, KUBERNETES_SECTIONS, KUBERNETES_SIG_NAMES } from './rules.js';

// --- extract (owner: extraction) ---
export type { ExtractOptions } from './extract/extract-note.js';
export { extractNote } from './extract/extract-note.js';
export { classifyDocLink } from './extract/docs-links.js';
export { normalizeNoteMarkdown } from './extract/normalize-note.js';

// --- classify, inputs, krel JSON (owner: classification) ---
export type { LabelClassification } from './classify/classify-labels.js';
export { classifyLabels } from './classify/classify-labels.js';
export { classifyNote } from './classify/classify-note.js';
export type { NoteSection } from './classify/section-of.js';
export { sectionOf, unknownKinds } from './classify/section-of.js';
export { formatSigList, sigDisplayName } from './classify/sig-names.js';
export { cherryPickOrigin } from './inputs/cherry-pick.js';
export { parseJsonText } from './inputs/json-text.js';
export type { ParsePullRequestsOptions } from './inputs/parse-pull-requests.js';
export { parsePullRequests } from './inputs/parse-pull-requests.js';
export { formatNoteMarkdown } from './krel/format-note-markdown.js';
export type { KrelDocumentation, KrelNote, RelnotesKrelNote } from './krel/krel-note.js';
export type { NotesFromKrelJsonOptions } from './krel/notes-from-krel-json.js';
export { notesFromKrelJson } from './krel/notes-from-krel-json.js';
export type { NotesToKrelJsonOptions } from './krel/notes-to-krel-json.js';
export { notesToKrelJson } from './krel/notes-to-krel-json.js';
export { KUBERNETES_SIG_WORDS } from './rules.js';

// --- render (owner: rendering) ---
export type { CompileOptions } from './render/compile.js';
export { compileTemplate } from './render/compile.js';
export type { RenderContextOptions } from './render/context.js';
export { createRenderContext, createRenderContextWithDiagnostics } from './render/context.js';
export { escapeMarkdown, formatNoteText, markdownHelpers } from './render/helpers.js';
export { renderChangelog } from './render/render-changelog.js';
export type {
  ContextHighlightFeature,
  ContextHighlightGroup,
  ContextHighlights,
  ContextNote,
  ContextSection,
  ContextSigGroup,
  ContextStageGroup,
  HelperFn,
  HelperOptions,
  ReleaseInfo,
  RenderContext,
  RenderStats,
  Template,
} from './render/types.js';

// --- features, stages, highlights (owner: features) ---
export type { HighlightFeature, Highlights, HighlightTitle } from './features/build-highlights.js';
export { buildHighlights } from './features/build-highlights.js';
export { detectStageInText } from './features/detect-stage.js';
export type { Feature, FeatureStageEvent } from './features/feature.js';
export type { FeatureIndex } from './features/feature-index.js';
export { buildFeatureIndex, createFeatureIndex } from './features/feature-index.js';
export type { LinkVia } from './features/link-features.js';
export { LINK_CONFIDENCE, linkFeatures } from './features/link-features.js';
export { parseFeaturesYaml } from './features/parse-features-yaml.js';
export type { Kep } from './features/parse-kep-yaml.js';
export { kepToFeature, parseKepYaml } from './features/parse-kep-yaml.js';
export { normaliseRelease } from './features/release-version.js';
export type { ResolveStagesOptions } from './features/resolve-stages.js';
export { resolveStages } from './features/resolve-stages.js';

// --- edit: override files (owner: edit) ---
export type { ApplyOverridesOptions } from './edit/apply-overrides.js';
export { applyOverrides, findDuplicateOverrides, toOverrideError } from './edit/apply-overrides.js';
export { formatOverride } from './edit/format-override.js';
export type { NoteOverride, OverrideField, OverrideFields } from './edit/note-override.js';
export { parseOverrideFile } from './edit/parse-override-file.js';

// --- sanitize, html (owner: safety) ---
export type { SanitizedNote, SanitizeOptions } from './sanitize/sanitize-note.js';
export { sanitizeNote } from './sanitize/sanitize-note.js';
export { sanitizeNotes } from './sanitize/sanitize-notes.js';
export type { HtmlPageOptions } from './html/render-html-page.js';
export { renderHtmlPage } from './html/render-html-page.js';
