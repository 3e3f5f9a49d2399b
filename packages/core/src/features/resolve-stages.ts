import type { Diagnostic, FeatureLink, FeatureStage, Provenance, ProvenanceSource, ReleaseNote } from '../model.js';
import { detectStageInText } from './detect-stage.js';
import type { Feature } from './feature.js';
import type { FeatureIndex } from './feature-index.js';
import { matchFeatures } from './link-features.js';
import { compareReleaseVersions, formatReleaseVersion, parseReleaseVersion, STAGE_ORDER } from './release-version.js';

export interface ResolveStagesOptions {
  /** KEPs and/or features.yaml entries to link notes to. */
  index?: FeatureIndex;
  /** The release being made: `v1.29` or `1.29`. Without it, no KEP milestone can mark a change. */
  release?: string;
}

/** Links that name a feature outright (docs, KEP references, `feature:`); gates count only without one. */
const STRONG_LINK = 0.85;

interface StageFromFeature {
  stage: FeatureStage;
  feature: Feature;
  link: FeatureLink;
}

const kepName = (feature: Feature) => (feature.kep !== null ? `KEP-${feature.kep}` : `feature ${feature.id}`);
const later = (a: FeatureStage, b: FeatureStage) => (STAGE_ORDER[a] >= STAGE_ORDER[b] ? a : b);

function linkedFeatures(
  links: readonly FeatureLink[],
  matched: readonly { link: FeatureLink; feature: Feature | null }[],
  index: FeatureIndex | undefined,
): { feature: Feature; link: FeatureLink }[] {
  if (!index) return [];
  const resolved = links.flatMap((link) => {
    const feature =
      matched.find((m) => m.link === link)?.feature ??
      index.byId.get(link.id) ??
      (link.kep !== null
        ? index.byKep.get(link.kep)
        : link.gate !== null
          ? index.byGate.get(link.gate)?.[0]
          : undefined);
    return feature ? [{ feature, link }] : [];
  });
  const strong = resolved.filter((r) => r.link.confidence >= STRONG_LINK);
  return strong.length > 0 ? strong : resolved;
}

/** The stage a linked feature reached in `release` (the latest in its life cycle if several). */
function stageEvent(
  linked: readonly { feature: Feature; link: FeatureLink }[],
  release: string,
): StageFromFeature | null {
  let best: StageFromFeature | null = null;
  for (const { feature, link } of linked) {
    for (const event of feature.stages) {
      if (event.release !== release) continue;
      if (!best || later(event.stage, best.stage) !== best.stage) best = { stage: event.stage, feature, link };
    }
  }
  return best;
}

/** The latest stage a linked feature reached at or before `release`. */
function stageInEffect(
  linked: readonly { feature: Feature; link: FeatureLink }[],
  release: string,
): StageFromFeature | null {
  const target = parseReleaseVersion(release);
  if (!target) return null;
  let best: { at: ReturnType<typeof parseReleaseVersion>; value: StageFromFeature } | null = null;
  for (const { feature, link } of linked) {
    for (const event of feature.stages) {
      const at = parseReleaseVersion(event.release);
      if (!at || compareReleaseVersions(at, target) > 0) continue;
      const order = best?.at ? compareReleaseVersions(at, best.at) : 1;
      if (!best || order > 0 || (order === 0 && later(event.stage, best.value.stage) === event.stage)) {
        best = { at, value: { stage: event.stage, feature, link } };
      }
    }
  }
  return best?.value ?? null;
}

function linkSource(link: FeatureLink): ProvenanceSource {
  if (link.via === 'override' || link.via === 'input') return link.via;
  return link.kep !== null ? 'kep' : 'features';
}

function mergeLinks(existing: readonly FeatureLink[], found: readonly FeatureLink[]): FeatureLink[] {
  const byId = new Map<string, FeatureLink>();
  for (const link of [...existing, ...found]) {
    const previous = byId.get(link.id);
    if (!previous || previous.confidence < link.confidence) byId.set(link.id, link);
  }
  return [...byId.values()].sort((a, b) => b.confidence - a.confidence);
}

/**
 * Links each note to its features and decides its stage. `stageChange`, by priority: an override already on
 * the note; the linked KEP's milestone for this release; the note's own words; a stage label already set by
 * classification; else null. `stage` is the stage in effect at the release. Returns new notes.
 */
export function resolveStages(
  notes: readonly ReleaseNote[],
  options: Readonly<ResolveStagesOptions> = {},
): { notes: ReleaseNote[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const version = options.release === undefined ? null : parseReleaseVersion(options.release);
  if (options.release !== undefined && !version) {
    diagnostics.push({
      severity: 'warning',
      ruleId: 'stage-release',
      message: `release "${options.release}" is not a version like v1.29 or v0.5.0; the milestones of KEPs and features.yaml are not used`,
    });
  }
  const release = version ? formatReleaseVersion(version) : null;

  const out = notes.map((note) => {
    const matched = options.index ? matchFeatures(note, options.index) : [];
    const links = mergeLinks(
      note.features,
      matched.map((m) => m.link),
    );
    const linked = linkedFeatures(links, matched, options.index);
    const provenance = { ...note.provenance };
    if (links.length > 0 && options.index) {
      provenance.features = links.map((link) => ({
        source: linkSource(link),
        detail: `${link.kep !== null ? `KEP-${link.kep}` : link.id} via ${link.via}${link.gate ? ` (gate ${link.gate})` : ''}`,
        confidence: link.confidence,
      }));
    }

    const overridden = note.provenance.stageChange?.some((p) => p.source === 'override') === true;
    // A label, or a stage read back from an earlier run's JSON: the last resort.
    const labelled = note.provenance.stageChange?.some((p) => p.source === 'label' || p.source === 'input') === true;
    const byLabel = note.provenance.stageChange?.some((p) => p.source === 'label') === true;
    const event = release ? stageEvent(linked, release) : null;
    const words = detectStageInText(note.text);

    let stageChange: FeatureStage | null;
    let changeProvenance: Provenance[] | undefined;
    if (overridden) {
      stageChange = note.stageChange;
      changeProvenance = note.provenance.stageChange;
    } else if (event) {
      stageChange = event.stage;
      changeProvenance = [
        {
          source: event.feature.source === 'kep' ? 'kep' : 'features',
          detail: `${kepName(event.feature)} reached ${event.stage} in ${release} (${event.feature.dir ?? event.feature.path}), linked via ${event.link.via}`,
          confidence: Math.min(1, event.link.confidence),
        },
      ];
    } else if (words) {
      stageChange = words.stage;
      changeProvenance = [{ source: 'text', detail: `the note says "${words.words}"`, confidence: 0.7 }];
    } else if (labelled) {
      stageChange = note.stageChange;
      changeProvenance = note.provenance.stageChange;
    } else {
      stageChange = null;
      changeProvenance = undefined;
    }

    if (event && !overridden) {
      const others: string[] = [];
      if (words && words.stage !== event.stage) others.push(`its words say ${words.stage} ("${words.words}")`);
      if (byLabel && note.stageChange !== null && note.stageChange !== event.stage)
        others.push(`a label says ${note.stageChange}`);
      if (others.length > 0) {
        diagnostics.push({
          severity: 'warning',
          ruleId: 'stage-conflict',
          message: `#${note.pr}: ${kepName(event.feature)} reached ${event.stage} in ${release}, but ${others.join(' and ')}; using ${event.stage} from the KEP`,
          pr: note.pr,
        });
      }
    }

    if (!event && !overridden && words && byLabel && note.stageChange !== null && note.stageChange !== words.stage) {
      diagnostics.push({
        severity: 'warning',
        ruleId: 'stage-conflict',
        message: `#${note.pr}: a label says ${note.stageChange}, but its words say ${words.stage} ("${words.words}"); using ${words.stage} from the words`,
        pr: note.pr,
      });
    }

    let stage: FeatureStage | null;
    let stageProvenance: Provenance[] | undefined;
    const overriddenStage = note.provenance.stage?.some((p) => p.source === 'override') === true;
    const effect = release ? stageInEffect(linked, release) : null;
    if (overriddenStage) {
      stage = note.stage;
      stageProvenance = note.provenance.stage;
    } else if (stageChange !== null) {
      stage = stageChange;
      stageProvenance = changeProvenance;
    } else if (effect) {
      stage = effect.stage;
      stageProvenance = [
        {
          source: effect.feature.source === 'kep' ? 'kep' : 'features',
          detail: `${kepName(effect.feature)} is ${effect.stage} at ${release} (${effect.feature.dir ?? effect.feature.path})`,
          confidence: effect.link.confidence,
        },
      ];
    } else {
      stage = note.stage;
      stageProvenance = note.provenance.stage;
    }

    if (changeProvenance) provenance.stageChange = changeProvenance;
    else delete provenance.stageChange;
    if (stageProvenance) provenance.stage = stageProvenance;
    else delete provenance.stage;
    return { ...note, features: links, stage, stageChange, provenance };
  });
  return { notes: out, diagnostics };
}
