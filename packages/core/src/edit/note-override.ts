import type { DocLink, FeatureStage } from '../model.js';

/** The fields of `releasenote:` an override file may set; only those present are kept. */
export interface OverrideFields {
  text?: string;
  author?: string;
  authorUrl?: string;
  prUrl?: string;
  documentation?: DocLink[];
  kinds?: string[];
  sigs?: string[];
  areas?: string[];
  /** krel's flag: true adds kind `feature`, false removes it. */
  feature?: boolean;
  actionRequired?: boolean;
  doNotPublish?: boolean;
  stage?: FeatureStage | null;
  stageChange?: FeatureStage | null;
  highlight?: boolean;
}

export type OverrideField = keyof OverrideFields;

/** One document of an override ("map") file: what to change in the note of one PR. */
export interface NoteOverride {
  pr: number;
  commit: string | null;
  /** A PR the range walk missed: the override makes a whole note. */
  add: boolean;
  fields: OverrideFields;
  /** `datafields:` (e.g. `cve`), merged key by key into the note's dataFields. */
  dataFields: Record<string, unknown> | null;
  file: string;
  /** Where the document starts (its `pr:` line, or its first line). */
  line: number;
  column: number;
  /** The line of each field, for provenance. */
  fieldLines: Partial<Record<OverrideField, number>>;
}

/** `releasenote:` keys as written in files, and the field each one sets. */
export const RELEASENOTE_KEYS: Readonly<Record<string, OverrideField>> = {
  text: 'text',
  author: 'author',
  author_url: 'authorUrl',
  pr_url: 'prUrl',
  documentation: 'documentation',
  kinds: 'kinds',
  sigs: 'sigs',
  areas: 'areas',
  feature: 'feature',
  action_required: 'actionRequired',
  do_not_publish: 'doNotPublish',
  stage: 'stage',
  stage_change: 'stageChange',
  highlight: 'highlight',
};

/** Top-level keys; `pr_body` is krel's copy of the PR body, read and not used. */
export const TOP_LEVEL_KEYS: readonly string[] = ['pr', 'commit', 'add', 'releasenote', 'datafields', 'pr_body'];
