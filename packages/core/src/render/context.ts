import { sectionOf } from '../classify/section-of.js';
import { sigDisplayName } from '../classify/sig-names.js';
import type { Highlights, HighlightTitle } from '../features/build-highlights.js';
import { markdownToHtml } from '../html/markdown-to-html.js';
import { type Author, type Diagnostic, FEATURE_STAGES, type FeatureStage, type ReleaseNote } from '../model.js';
import { type ClassificationRules, DEFAULT_RULES } from '../rules.js';
import { safeLinkDestination } from '../sanitize/link-destination.js';
import { sanitizeNote } from '../sanitize/sanitize-note.js';
import { stripUnsafeCharacters } from '../sanitize/strip-unsafe-characters.js';
import { createLabelEscaper, markdownSafeLabel } from './label-text.js';
import { safeAuthor } from './safe-author.js';
import { joinSigNames } from './sig-list.js';
import type {
  ContextHighlightGroup,
  ContextHighlights,
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
  /**
   * `false`: `@user`, `@org/team` and `#123` in note texts become code spans, so that output GitHub renders
   * (a draft release, a job summary) pings and links nobody. Default `true`: as written.
   */
  mentions?: boolean;
}

export const STAGE_TITLES: Readonly<Record<FeatureStage, string>> = {
  alpha: 'Alpha',
  beta: 'Beta',
  stable: 'Stable',
  deprecated: 'Deprecated',
  removed: 'Removed',
};

/** Stage changes in the order a reader wants them: what graduated first. */
const CHANGE_ORDER: readonly FeatureStage[] = ['stable', 'beta', 'alpha', 'deprecated', 'removed'];

export const STAGE_CHANGE_TITLES: Readonly<Record<FeatureStage, HighlightTitle>> = {
  stable: 'Graduated to Stable',
  beta: 'Promoted to Beta',
  alpha: 'New in Alpha',
  deprecated: 'Deprecated',
  removed: 'Removed',
};

/**
 * Groups the published notes for templates: urgent, by section, by SIG, by stage. Note texts are sanitised
 * (see sanitizeNote) and label-derived text (SIG names, kinds, areas) is Markdown-safe.
 */
export function createRenderContext(
  notes: readonly ReleaseNote[],
  options: Readonly<RenderContextOptions> = {},
): RenderContext {
  return createRenderContextWithDiagnostics(notes, options).context;
}

/**
 * createRenderContext, and what sanitising the published notes changed: one warning (`note-sanitized`) per
 * PR whose note had to change, naming the PR and each change (see SanitizedNote.summary).
 */
export function createRenderContextWithDiagnostics(
  notes: readonly ReleaseNote[],
  options: Readonly<RenderContextOptions> = {},
): { context: RenderContext; diagnostics: Diagnostic[] } {
  const rules = options.rules ?? DEFAULT_RULES;
  const published = notes.filter((note) => !note.doNotPublish);
  const build: NoteBuild = {
    rules,
    sigCache: new Map(),
    safeLabels: createLabelEscaper(),
    mentions: options.mentions !== false,
    diagnostics: [],
  };
  const contextNotes = published.map((note) => toContextNote(note, build));
  const urgent = contextNotes.filter((note) => note.urgent);
  const sections = groupBySection(
    contextNotes.filter((note) => !note.urgent),
    rules,
  );
  const bySig = groupBySig(published, contextNotes, build);
  const context: RenderContext = {
    release: {
      version: safeReleaseField(options.release?.version),
      previous: safeReleaseField(options.release?.previous),
      date: safeReleaseField(options.release?.date),
      repository: safeReleaseField(options.release?.repository),
    },
    notes: contextNotes,
    urgent,
    sections,
    bySig,
    byStage: groupByStage(contextNotes),
    highlights: options.highlights ? resolveHighlights(options.highlights, contextNotes, build) : null,
    authors: listAuthors(contextNotes),
    stats: {
      notes: contextNotes.length,
      urgent: urgent.length,
      unpublished: notes.length - published.length,
      authors: new Set(contextNotes.map((note) => note.author.login)).size,
      sigs: bySig.length,
      sections: sections.length,
    },
  };
  return { context, diagnostics: build.diagnostics };
}

/** What building each context note shares: the rules, caches, the mentions choice, the diagnostics found. */
interface NoteBuild {
  rules: Readonly<ClassificationRules>;
  sigCache: SigCache;
  safeLabels: (labels: readonly string[]) => string[];
  mentions: boolean;
  diagnostics: Diagnostic[];
}

function toContextNote(note: ReleaseNote, build: NoteBuild): ContextNote {
  const placed = sectionOf(note, build.rules);
  const sigs = describeSigs(note.sigs, build);
  // Templates only ever see sanitised text, whatever the notes went through before.
  const sanitized = sanitizeNote(note.text, { pr: note.pr, mentions: build.mentions });
  if (sanitized.summary) build.diagnostics.push(sanitized.summary);
  const text = sanitized.markdown;
  // Listed field by field, not spread: a spread of this many keys is several times slower at 10k notes.
  const contextNote: Omit<ContextNote, 'html'> = {
    pr: note.pr,
    prUrl: safeLinkDestination(note.prUrl),
    title: note.title,
    text,
    author: safeAuthor(note.author),
    commit: note.commit,
    mergedAt: note.mergedAt,
    kinds: build.safeLabels(note.kinds),
    sigs: build.safeLabels(note.sigs),
    areas: build.safeLabels(note.areas),
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
    section: markdownSafeLabel(placed.section),
    urgent: placed.urgent,
  };
  return withLazyHtml(contextNote, text);
}

/** `html` is computed on first read: Markdown output never pays for it. It is still an own, enumerable field. */
function withLazyHtml(note: Omit<ContextNote, 'html'>, text: string): ContextNote {
  return Object.defineProperty(note, 'html', {
    enumerable: true,
    configurable: true,
    get(this: ContextNote) {
      const html = markdownToHtml(text);
      Object.defineProperty(this, 'html', { value: html, enumerable: true, writable: true, configurable: true });
      return html;
    },
  }) as ContextNote;
}

type SigCache = Map<string, { names: string[]; list: string }>;

/** Notes share a handful of SIG combinations: name each combination once (Markdown-safe names). */
function describeSigs(slugs: readonly string[], build: NoteBuild) {
  const key = slugs.join('\n');
  let found = build.sigCache.get(key);
  if (!found) {
    const names = [...new Set(slugs)].sort(compareText).map((sig) => sigName(sig, build.rules));
    found = { names, list: joinSigNames(names) };
    build.sigCache.set(key, found);
  }
  return { names: [...found.names], list: found.list };
}

/** A SIG's display name, Markdown-safe: a label like `sig/[a](javascript:x)` can name a SIG. */
function sigName(slug: string, rules: Readonly<ClassificationRules>): string {
  return markdownSafeLabel(sigDisplayName(slug, rules));
}

function groupBySection(notes: readonly ContextNote[], rules: Readonly<ClassificationRules>): ContextSection[] {
  const byTitle = new Map<string, ContextNote[]>();
  for (const note of notes) {
    const list = byTitle.get(note.section);
    if (list) list.push(note);
    else byTitle.set(note.section, [note]);
  }
  const titles = [...rules.sections.map((section) => section.title), rules.uncategorized].map(markdownSafeLabel);
  const sections: ContextSection[] = [];
  for (const title of new Set(titles)) {
    const list = byTitle.get(title);
    if (list) sections.push({ title, notes: list });
  }
  return sections;
}

/** By the SIG slugs of the notes as given (`notes[i]` is `contextNotes[i]`), names looked up from the rules. */
function groupBySig(
  notes: readonly ReleaseNote[],
  contextNotes: readonly ContextNote[],
  build: NoteBuild,
): ContextSigGroup[] {
  const { rules } = build;
  const bySlug = new Map<string, ContextNote[]>();
  notes.forEach((note, index) => {
    const contextNote = contextNotes[index] as ContextNote;
    for (const sig of new Set(note.sigs)) {
      const list = bySlug.get(sig);
      if (list) list.push(contextNote);
      else bySlug.set(sig, [contextNote]);
    }
  });
  const groups = [...bySlug].map(([sig, list]) => ({
    sig: markdownSafeLabel(sig),
    name: sigName(sig, rules),
    notes: list,
    urgent: list.filter((note) => note.urgent),
    sections: groupBySection(
      list.filter((note) => !note.urgent),
      rules,
    ),
    stageChanges: groupByStageChange(list),
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

function groupByStageChange(notes: readonly ContextNote[]): ContextStageGroup[] {
  const groups: ContextStageGroup[] = [];
  for (const stage of CHANGE_ORDER) {
    const list = notes.filter((note) => note.stageChange === stage);
    if (list.length > 0) groups.push({ stage, title: STAGE_CHANGE_TITLES[stage], notes: list });
  }
  return groups;
}

/** The highlights with PR numbers resolved to the published notes, and SIG display names. */
function resolveHighlights(
  highlights: Readonly<Highlights>,
  notes: readonly ContextNote[],
  build: NoteBuild,
): ContextHighlights {
  const { rules } = build;
  const byPr = new Map(notes.map((note) => [note.pr, note]));
  const resolve = (prs: readonly number[]) =>
    prs.flatMap((pr) => {
      const note = byPr.get(pr);
      return note ? [note] : [];
    });
  const featured = new Set<number>();
  const groups: ContextHighlightGroup[] = highlights.groups.map((group) => {
    const sigs = group.sigs
      .map(({ sig, features }) => ({
        sig: markdownSafeLabel(sig),
        name: sigName(sig, rules),
        features: features.map((feature) => {
          const prs = [...feature.notes].sort((a, b) => a - b);
          for (const pr of prs) featured.add(pr);
          const featureSigName = feature.sig === null ? null : sigName(feature.sig, rules);
          return {
            id: feature.id,
            // buildHighlights names an untracked change after its first PR.
            tracked: feature.id !== `pr-${feature.notes[0]}`,
            kep: feature.kep,
            title: oneLine(feature.title),
            url: feature.url === null ? null : safeLinkDestination(feature.url) || null,
            sig: feature.sig === null ? null : markdownSafeLabel(feature.sig),
            sigName: featureSigName,
            sigList: featureSigName === null ? '' : `SIG ${featureSigName}`,
            stage: feature.stage,
            prs,
            notes: resolve(prs),
          };
        }),
      }))
      .sort((a, b) => compareText(a.name, b.name) || compareText(a.sig, b.sig));
    return { stage: group.stage, title: group.title, sigs, features: sigs.flatMap((sig) => sig.features) };
  });
  const marked = resolve(highlights.marked.filter((pr) => !featured.has(pr)));
  const total = groups.reduce((sum, group) => sum + group.features.length, 0) + marked.length;
  return { groups, marked, total };
}

function listAuthors(notes: readonly ContextNote[]): Author[] {
  const byLogin = new Map<string, Author>();
  for (const note of notes) if (!byLogin.has(note.author.login)) byLogin.set(note.author.login, note.author);
  return [...byLogin.values()].sort(
    (a, b) => compareText(a.login.toLowerCase(), b.login.toLowerCase()) || compareText(a.login, b.login),
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A release field (version, previous, date, repository) from options or a saved context: one safe line. */
function safeReleaseField(value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : markdownSafeLabel(value);
}

/** A feature title goes through `md-escape` in templates: here it only loses unsafe characters and breaks. */
function oneLine(text: string): string {
  return stripUnsafeCharacters(text).text.split(/\s+/).filter(Boolean).join(' ');
}
