import { sectionOf } from '../classify/section-of.js';
import { formatSigList, sigDisplayName } from '../classify/sig-names.js';
import type { Highlights } from '../features/build-highlights.js';
import { FEATURE_STAGES, type FeatureStage, type ReleaseNote } from '../model.js';
import { type ClassificationRules, DEFAULT_RULES } from '../rules.js';
import type {
  ContextNote,
  ContextSection,
  ContextSigGroup,
  ContextStageGroup,
  ReleaseInfo,
  RenderContext,
} from './types.js';

export interface RenderContextOptions {
  rules?: ClassificationRules;
  release?: Readonly<{ [Key in keyof ReleaseInfo]?: string | null | undefined }>;
  /** Feature highlights (from `buildHighlights`); the context holds `null` without them. */
  highlights?: Highlights | null;
}

const STAGE_TITLES: Readonly<Record<FeatureStage, string>> = {
  alpha: 'Alpha',
  beta: 'Beta',
  stable: 'Stable',
  deprecated: 'Deprecated',
  removed: 'Removed',
};

/** Groups the published notes for templates: urgent, by section, by SIG, by stage. */
export function createRenderContext(
  notes: readonly ReleaseNote[],
  options: Readonly<RenderContextOptions> = {},
): RenderContext {
  const rules = options.rules ?? DEFAULT_RULES;
  const published = notes.filter((note) => !note.doNotPublish);
  const sigCache: SigCache = new Map();
  const contextNotes = published.map((note) => toContextNote(note, rules, sigCache));
  const urgent = contextNotes.filter((note) => note.urgent);
  const sections = groupBySection(
    contextNotes.filter((note) => !note.urgent),
    rules,
  );
  const bySig = groupBySig(contextNotes, rules);
  return {
    release: {
      version: options.release?.version ?? null,
      previous: options.release?.previous ?? null,
      date: options.release?.date ?? null,
      repository: options.release?.repository ?? null,
    },
    notes: contextNotes,
    urgent,
    sections,
    bySig,
    byStage: groupByStage(contextNotes),
    highlights: options.highlights ?? null,
    stats: {
      notes: contextNotes.length,
      urgent: urgent.length,
      unpublished: notes.length - published.length,
      authors: new Set(contextNotes.map((note) => note.author.login)).size,
      sigs: bySig.length,
      sections: sections.length,
    },
  };
}

function toContextNote(note: ReleaseNote, rules: Readonly<ClassificationRules>, sigCache: SigCache): ContextNote {
  const placed = sectionOf(note, rules);
  const sigs = describeSigs(note.sigs, rules, sigCache);
  // Listed field by field, not spread: a spread of this many keys is several times slower at 10k notes.
  return {
    pr: note.pr,
    prUrl: note.prUrl,
    title: note.title,
    text: note.text,
    author: note.author,
    commit: note.commit,
    mergedAt: note.mergedAt,
    kinds: note.kinds,
    sigs: note.sigs,
    areas: note.areas,
    stage: note.stage,
    stageChange: note.stageChange,
    features: note.features,
    actionRequired: note.actionRequired,
    docs: note.docs,
    highlight: note.highlight,
    doNotPublish: note.doNotPublish,
    dataFields: note.dataFields,
    provenance: note.provenance,
    sigNames: sigs.names,
    sigList: sigs.list,
    section: placed.section,
    urgent: placed.urgent,
  };
}

type SigCache = Map<string, { names: string[]; list: string }>;

/** Notes share a handful of SIG combinations: name each combination once. */
function describeSigs(slugs: readonly string[], rules: Readonly<ClassificationRules>, cache: SigCache) {
  const key = slugs.join('\n');
  let found = cache.get(key);
  if (!found) {
    const names = [...new Set(slugs)].sort(compareText).map((sig) => sigDisplayName(sig, rules));
    found = { names, list: formatSigList(slugs, rules) };
    cache.set(key, found);
  }
  return { names: [...found.names], list: found.list };
}

function groupBySection(notes: readonly ContextNote[], rules: Readonly<ClassificationRules>): ContextSection[] {
  const byTitle = new Map<string, ContextNote[]>();
  for (const note of notes) {
    const list = byTitle.get(note.section);
    if (list) list.push(note);
    else byTitle.set(note.section, [note]);
  }
  const titles = [...rules.sections.map((section) => section.title), rules.uncategorized];
  const sections: ContextSection[] = [];
  for (const title of new Set(titles)) {
    const list = byTitle.get(title);
    if (list) sections.push({ title, notes: list });
  }
  return sections;
}

function groupBySig(notes: readonly ContextNote[], rules: Readonly<ClassificationRules>): ContextSigGroup[] {
  const bySlug = new Map<string, ContextNote[]>();
  for (const note of notes) {
    for (const sig of new Set(note.sigs)) {
      const list = bySlug.get(sig);
      if (list) list.push(note);
      else bySlug.set(sig, [note]);
    }
  }
  const groups = [...bySlug].map(([sig, list]) => ({
    sig,
    name: sigDisplayName(sig, rules),
    notes: list,
    urgent: list.filter((note) => note.urgent),
    sections: groupBySection(
      list.filter((note) => !note.urgent),
      rules,
    ),
  }));
  return groups.sort((a, b) => compareText(a.name, b.name) || compareText(a.sig, b.sig));
}

function groupByStage(notes: readonly ContextNote[]): ContextStageGroup[] {
  const groups: ContextStageGroup[] = [];
  for (const stage of FEATURE_STAGES) {
    const list = notes.filter((note) => note.stage === stage);
    if (list.length > 0) groups.push({ stage, title: STAGE_TITLES[stage], notes: list });
  }
  return groups;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
