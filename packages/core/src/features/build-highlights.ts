import type { FeatureStage, ReleaseNote } from '../model.js';
import type { Feature } from './feature.js';
import type { FeatureIndex } from './feature-index.js';

export type HighlightTitle = 'Graduated to Stable' | 'Promoted to Beta' | 'New in Alpha' | 'Deprecated' | 'Removed';

export interface HighlightFeature {
  /** The feature id (KEP number as a string), or `pr-N` for a note that names no feature. */
  id: string;
  kep: number | null;
  title: string;
  url: string | null;
  sig: string | null;
  stage: FeatureStage;
  /** The PRs whose notes announce it. */
  notes: number[];
}

export interface Highlights {
  groups: {
    stage: FeatureStage;
    title: HighlightTitle;
    sigs: { sig: string; features: HighlightFeature[] }[];
  }[];
  /** PRs marked `highlight: true` (by an override file). */
  marked: number[];
}

const GROUPS: readonly { stage: FeatureStage; title: HighlightTitle }[] = [
  { stage: 'stable', title: 'Graduated to Stable' },
  { stage: 'beta', title: 'Promoted to Beta' },
  { stage: 'alpha', title: 'New in Alpha' },
  { stage: 'deprecated', title: 'Deprecated' },
  { stage: 'removed', title: 'Removed' },
];

const UNKNOWN_SIG = 'unknown';
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The features that changed stage in the release, grouped by stage, then owning SIG: data for a template's
 * "highlights" part. A note that changed stage without naming a feature stands for itself.
 */
export function buildHighlights(notes: readonly ReleaseNote[], index?: FeatureIndex): Highlights {
  const groups = new Map<FeatureStage, Map<string, Map<string, HighlightFeature>>>();
  // A KEP number can have two folders: take the one that reached the note's stage.
  const byId = new Map<string, Feature[]>();
  for (const feature of index?.features ?? []) byId.set(feature.id, [...(byId.get(feature.id) ?? []), feature]);
  for (const note of notes) {
    if (note.doNotPublish || note.stageChange === null) continue;
    // Prefer a link the index knows (a features.yaml id over an issue number read as a KEP).
    const link = note.features.find((l) => byId.has(l.id)) ?? note.features[0];
    const candidates = link ? (byId.get(link.id) ?? []) : [];
    const stage = note.stageChange;
    const feature = candidates.find((f) => f.stages.some((s) => s.stage === stage)) ?? candidates[0];
    const sig = feature?.sig ?? note.sigs[0] ?? UNKNOWN_SIG;
    const id = link?.id ?? `pr-${note.pr}`;
    const bySig = groups.get(note.stageChange) ?? new Map<string, Map<string, HighlightFeature>>();
    groups.set(note.stageChange, bySig);
    const features = bySig.get(sig) ?? new Map<string, HighlightFeature>();
    bySig.set(sig, features);
    const entry = features.get(id);
    if (entry) {
      if (!entry.notes.includes(note.pr)) entry.notes.push(note.pr);
      continue;
    }
    features.set(id, {
      id,
      kep: link?.kep ?? null,
      title:
        feature?.title ??
        (link?.kep != null ? `KEP-${link.kep}` : note.title || note.text.split('\n')[0] || `#${note.pr}`),
      url: feature?.url ?? (link?.kep != null ? `https://kep.k8s.io/${link.kep}` : note.prUrl || null),
      sig: feature?.sig ?? note.sigs[0] ?? null,
      stage: note.stageChange,
      notes: [note.pr],
    });
  }
  return {
    groups: GROUPS.flatMap(({ stage, title }) => {
      const bySig = groups.get(stage);
      if (!bySig) return [];
      const sigs = [...bySig.entries()]
        .sort(([a], [b]) => byText(a, b))
        .map(([sig, features]) => ({
          sig,
          features: [...features.values()].sort((a, b) => byText(a.title.toLowerCase(), b.title.toLowerCase())),
        }));
      return [{ stage, title, sigs }];
    }),
    marked: notes.filter((n) => n.highlight && !n.doNotPublish).map((n) => n.pr),
  };
}
