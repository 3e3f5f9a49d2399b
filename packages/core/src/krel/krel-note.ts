import type { DocType, FeatureLink, FeatureStage, ReleaseNote } from '../model.js';

/** A documentation link as krel writes it (`description` is left out when empty). */
export interface KrelDocumentation {
  description?: string;
  url: string;
  type: DocType;
}

/**
 * One note of krel's release-notes JSON (the object is keyed by PR number). krel leaves out empty
 * lists and false flags. `feature`, `duplicate` and `duplicate_kind` are derived from the labels
 * (kind/feature, more than one SIG, more than one kind).
 */
export interface KrelNote {
  commit: string;
  text: string;
  /** krel's one-line Markdown: `Text ([#N](pr_url), [@author](author_url)) [SIG …]`. */
  markdown: string;
  documentation?: KrelDocumentation[];
  author: string;
  author_url: string;
  pr_url: string;
  pr_number: number;
  areas?: string[];
  kinds?: string[];
  sigs?: string[];
  feature?: boolean;
  duplicate?: boolean;
  duplicate_kind?: boolean;
  action_required?: boolean;
  do_not_publish?: boolean;
  /** Set by krel 1.30+ when a map file changed the note. */
  is_mapped?: boolean;
  release_version?: string;
  pr_body?: string;
}

/** A krel note plus the fields relnotes adds, so that a written file reads back without loss. */
export interface RelnotesKrelNote extends KrelNote {
  title: string;
  merged_at: string | null;
  stage: FeatureStage | null;
  stage_change: FeatureStage | null;
  /** KEP numbers of the linked features. */
  keps: number[];
  feature_gates: string[];
  features: FeatureLink[];
  highlight: boolean;
  data_fields: Record<string, unknown>;
  provenance: ReleaseNote['provenance'];
}
