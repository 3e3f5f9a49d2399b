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
export type { ClassificationRules, SectionRule } from './rules.js';
export { DEFAULT_RULES, KUBERNETES_SECTIONS, KUBERNETES_SIG_NAMES } from './rules.js';

// --- extract (owner: extraction) ---

// --- classify, inputs, krel JSON (owner: classification) ---

// --- render (owner: rendering) ---

// --- features, stages, highlights (owner: features) ---
