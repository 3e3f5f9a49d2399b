import type { HighlightTitle } from '../features/build-highlights.js';
import type { Author, FeatureStage, ReleaseNote } from '../model.js';

/** A note as a template sees it: the note itself plus what grouping decided about it. */
export interface ContextNote extends ReleaseNote {
  /** Display names of the note's SIGs, sorted by slug as krel does (`API Machinery`). */
  sigNames: string[];
  /** `SIG A, B and C`, or `''` when the note has no SIG. */
  sigList: string;
  /** The "Changes by Kind" section the note's kinds select (also set for urgent notes). */
  section: string;
  /** Action required: the note is listed under `urgent`, not under `sections`. */
  urgent: boolean;
  /** The note as a sanitised HTML fragment (from `text`, which is sanitised Markdown: see sanitizeNote). */
  html: string;
}

export interface ContextSection {
  title: string;
  notes: ContextNote[];
}

export interface ContextSigGroup {
  /** The SIG slug (`api-machinery`). */
  sig: string;
  /** Its display name (`API Machinery`). */
  name: string;
  /** Every note of the SIG, urgent ones included. */
  notes: ContextNote[];
  urgent: ContextNote[];
  sections: ContextSection[];
  /** The SIG's notes that changed stage, by `stageChange` in highlight order (Graduated to Stable first). */
  stageChanges: ContextStageGroup[];
}

export interface ContextStageGroup {
  stage: FeatureStage;
  /** `Alpha`, `Beta`, `Stable`, `Deprecated`, `Removed`. */
  title: string;
  notes: ContextNote[];
}

/** A feature that changed stage, as a template sees it: the highlight with its notes resolved. */
export interface ContextHighlightFeature {
  /** The feature id (KEP number as a string, or a features.yaml id), or `pr-N` for a note naming no feature. */
  id: string;
  /** A KEP or features.yaml entry; `false` for a note that changed stage without naming a feature. */
  tracked: boolean;
  kep: number | null;
  title: string;
  /** The KEP or tracking issue; `null` when unknown. */
  url: string | null;
  /** Owning SIG slug, its display name, and `SIG Name` (`''` when unknown). */
  sig: string | null;
  sigName: string | null;
  sigList: string;
  stage: FeatureStage;
  /** The PRs that announce it, and their published notes (sorted by PR number). */
  prs: number[];
  notes: ContextNote[];
}

export interface ContextHighlightGroup {
  stage: FeatureStage;
  title: HighlightTitle;
  /** By owning SIG, sorted by display name. */
  sigs: { sig: string; name: string; features: ContextHighlightFeature[] }[];
  /** The same features in one list, in `sigs` order. */
  features: ContextHighlightFeature[];
}

export interface ContextHighlights {
  /** Graduated to Stable, Promoted to Beta, New in Alpha, Deprecated, Removed: non-empty only. */
  groups: ContextHighlightGroup[];
  /** Notes marked `highlight: true` that are not already a feature of `groups`. */
  marked: ContextNote[];
  /** Features in `groups` plus notes in `marked`: `{{#if highlights.total}}` tells whether to render anything. */
  total: number;
}

export interface ReleaseInfo {
  version: string | null;
  previous: string | null;
  date: string | null;
  repository: string | null;
}

export interface RenderStats {
  /** Published notes. */
  notes: number;
  urgent: number;
  /** Notes left out because they are marked do-not-publish. */
  unpublished: number;
  authors: number;
  sigs: number;
  sections: number;
}

/**
 * Everything a template can read. Plain JSON-serialisable data; every key is always present
 * (`null` or `[]` when empty) because templates run in strict mode.
 */
export interface RenderContext {
  release: ReleaseInfo;
  /** Every published note (do-not-publish notes excluded), in input order. */
  notes: ContextNote[];
  /** Action-required notes. */
  urgent: ContextNote[];
  /** "Changes by Kind": non-urgent notes by section, in rules order, non-empty only, Uncategorized last. */
  sections: ContextSection[];
  /** Notes per SIG, sorted by display name; a note with several SIGs is in each. */
  bySig: ContextSigGroup[];
  /** Notes whose feature has a stage, by stage in `FEATURE_STAGES` order, non-empty only. */
  byStage: ContextStageGroup[];
  /** Feature highlights by stage and SIG (see `buildHighlights`), notes resolved; `null` when none were given. */
  highlights: ContextHighlights | null;
  /** Every author of a published note, once, sorted by login (case-insensitive). */
  authors: Author[];
  stats: RenderStats;
}

/** A compiled template: a pure function from the context to the output text. */
export type Template = (context: RenderContext) => string;

/** The `options` argument Handlebars passes last to every helper. */
export interface HelperOptions {
  name: string;
  hash: Record<string, unknown>;
  data?: unknown;
  loc?: { start: { line: number; column: number }; end: { line: number; column: number } };
  fn?: (context: unknown, options?: unknown) => string;
  inverse?: (context: unknown, options?: unknown) => string;
}

/** A template helper: positional arguments, then Handlebars' options object. */
export type HelperFn = (...args: unknown[]) => unknown;
