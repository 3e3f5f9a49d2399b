/** The data that flows through the pipeline. Everything here is plain, JSON-serialisable data. */

/** A stage a feature can be in, or move to, during a release. */
export type FeatureStage = 'alpha' | 'beta' | 'stable' | 'deprecated' | 'removed';

export const FEATURE_STAGES: readonly FeatureStage[] = ['alpha', 'beta', 'stable', 'deprecated', 'removed'];

export interface Author {
  login: string;
  url: string;
}

/** A merged pull request, as any source delivers it. */
export interface PullRequest {
  number: number;
  title: string;
  body: string;
  labels: string[];
  author: Author;
  url: string;
  mergedAt: string | null;
  mergeCommit: string | null;
  baseRef: string | null;
  /** For an automated cherry-pick: the PR it was picked from, and that PR's author. */
  cherryPickOf?: { number: number; author: Author };
  /** What the source said of the PR, when it said: `closed` means closed without being merged. */
  state?: 'open' | 'closed' | 'merged';
}

export type DocType = 'KEP' | 'official' | 'external';

export interface DocLink {
  url: string;
  description: string;
  type: DocType;
}

export interface Position {
  line: number;
  column: number;
}

export type Severity = 'error' | 'warning' | 'info';

/** A problem found in content. Content problems are reported, never thrown. */
export interface Diagnostic {
  severity: Severity;
  ruleId: string;
  message: string;
  pr?: number;
  file?: string;
  position?: Position;
}

/**
 * What a PR body says about its release note:
 * - `note`: a block with a real note;
 * - `none`: a block that explicitly says there is none (NONE, N/A, …);
 * - `empty`: a block with nothing in it;
 * - `missing`: no release-note block at all.
 */
export type NoteStatus = 'note' | 'none' | 'missing' | 'empty';

export interface Extraction {
  status: NoteStatus;
  /** The note as normalised Markdown; null unless status is `note`. */
  text: string | null;
  /** For status `none`: the marker as written (`N/A`, `"NONE"`, …). */
  noneMarker: string | null;
  actionRequired: boolean;
  docs: DocLink[];
  diagnostics: Diagnostic[];
}

/** Where a classified value came from, so that `relnotes explain` can say why. */
export type ProvenanceSource = 'label' | 'text' | 'kep' | 'features' | 'override' | 'input' | 'default';

export interface Provenance {
  source: ProvenanceSource;
  /** A short human explanation: the label, the words, the KEP, the file. */
  detail: string;
  /** 0..1; 1 for explicit statements (labels, overrides, KEP milestones). */
  confidence: number;
}

export type ProvenanceField =
  | 'text'
  | 'kinds'
  | 'sigs'
  | 'areas'
  | 'actionRequired'
  | 'doNotPublish'
  | 'stage'
  | 'stageChange'
  | 'features'
  | 'highlight';

/** A link from a note to a tracked feature (a KEP, or an entry of features.yaml). */
export interface FeatureLink {
  /** KEP number, or the feature id of a features.yaml. */
  id: string;
  kep: number | null;
  gate: string | null;
  /** How it was found: `docs-link`, `kep-reference`, `gate`, … */
  via: string;
  confidence: number;
}

export interface ReleaseNote {
  pr: number;
  prUrl: string;
  title: string;
  /** The note as Markdown. */
  text: string;
  author: Author;
  commit: string | null;
  mergedAt: string | null;
  kinds: string[];
  sigs: string[];
  areas: string[];
  /** The stage in effect for the linked feature. */
  stage: FeatureStage | null;
  /** The stage the linked feature reached in this release. */
  stageChange: FeatureStage | null;
  features: FeatureLink[];
  actionRequired: boolean;
  docs: DocLink[];
  highlight: boolean;
  doNotPublish: boolean;
  /** Free-form fields carried over from override files (e.g. `cve`). */
  dataFields: Record<string, unknown>;
  provenance: Partial<Record<ProvenanceField, Provenance[]>>;
}
