import { createReleaseNote } from '../create-release-note.js';
import { RelnotesError } from '../errors.js';
import type { Diagnostic, Provenance, ProvenanceField, ReleaseNote } from '../model.js';
import type { NoteOverride, OverrideField } from './note-override.js';

export interface ApplyOverridesOptions {
  /** An override for a PR that is not in the release is an error instead of a warning. */
  strict?: boolean;
  /** `owner/name` (or its GitHub URL), to derive the PR URL of a note added with `add: true`. */
  repository?: string | null;
}

const GITHUB = 'https://github.com/';
// A map whose text is only a "none" marker drops the note, as the Kubernetes team uses it.
const NONE_TEXTS = new Set(['none', 'n/a', 'na', '"none"']);
const PROVENANCE: Partial<Record<OverrideField, ProvenanceField>> = {
  text: 'text',
  kinds: 'kinds',
  sigs: 'sigs',
  areas: 'areas',
  actionRequired: 'actionRequired',
  doNotPublish: 'doNotPublish',
  stage: 'stage',
  stageChange: 'stageChange',
  highlight: 'highlight',
};

/**
 * Applies override files to notes. A field present replaces the whole value (kinds replace kinds);
 * the provenance of each field an override sets becomes `{source: 'override', detail: 'file:line'}`.
 * Texts are kept as written (krel does not strip an ACTION REQUIRED marker from a map's text).
 * Never throws: problems are diagnostics — error severity for a second override of one PR (the
 * first wins), an incomplete `add: true`, and (with `strict`) a PR that is not in the release,
 * which is a warning otherwise. Pass them to `toOverrideError` to stop on errors.
 * Notes are not mutated; added notes come last, in the overrides' order.
 */
export function applyOverrides(
  notes: readonly ReleaseNote[],
  overrides: readonly NoteOverride[],
  options: Readonly<ApplyOverridesOptions> = {},
): { notes: ReleaseNote[]; diagnostics: Diagnostic[] } {
  const diagnostics = findDuplicateOverrides(overrides);
  const byPr = new Map<number, NoteOverride>();
  for (const override of overrides) if (!byPr.has(override.pr)) byPr.set(override.pr, override);
  const known = new Set(notes.map((note) => note.pr));

  const result = notes.map((note) => {
    const override = byPr.get(note.pr);
    if (override === undefined) return note;
    if (override.add) {
      diagnostics.push(
        problem(
          override,
          'warning',
          'override-add-existing',
          `PR #${note.pr} is in the release already; "add: true" is not needed, the override edits its note`,
        ),
      );
    }
    diagnostics.push(...checkCommit(note, override));
    return editNote(note, override);
  });

  for (const override of byPr.values()) {
    if (known.has(override.pr)) continue;
    if (!override.add) {
      diagnostics.push(
        problem(
          override,
          options.strict ? 'error' : 'warning',
          'override-unknown-pr',
          `PR #${override.pr} is not in this release; the override is not used (add "add: true" to add the PR, or delete the file)`,
        ),
      );
      continue;
    }
    const added = addNote(override, options.repository ?? null);
    if (typeof added === 'string') diagnostics.push(problem(override, 'error', 'override-add-incomplete', added));
    else result.push(added);
  }
  return { notes: result, diagnostics };
}

/** Error diagnostics for every override of a PR after the first, naming both places. */
export function findDuplicateOverrides(overrides: readonly NoteOverride[]): Diagnostic[] {
  const first = new Map<number, NoteOverride>();
  const diagnostics: Diagnostic[] = [];
  for (const override of overrides) {
    const earlier = first.get(override.pr);
    if (earlier === undefined) {
      first.set(override.pr, override);
      continue;
    }
    diagnostics.push(
      problem(
        override,
        'error',
        'override-duplicate-pr',
        `a second override for PR #${override.pr}; the first is at ${earlier.file}:${earlier.line}:${earlier.column}. Merge them into one`,
      ),
    );
  }
  return diagnostics;
}

/**
 * The error to throw when override diagnostics hold errors, else null: it names the first error's
 * file, line and column, and counts the others.
 */
export function toOverrideError(diagnostics: readonly Diagnostic[]): RelnotesError | null {
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  const [first] = errors;
  if (first === undefined) return null;
  const where = [first.file, first.position?.line, first.position?.column]
    .filter((part) => part !== undefined)
    .join(':');
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : '';
  return new RelnotesError('E_OVERRIDE', `${where ? `${where}: ` : ''}${first.message}${more}`, {
    ...(first.file === undefined ? {} : { file: first.file }),
    ...(first.position === undefined ? {} : { line: first.position.line, column: first.position.column }),
    hint: 'Run `relnotes maps check DIR` to see every problem of the override files.',
  });
}

function editNote(note: ReleaseNote, override: NoteOverride): ReleaseNote {
  const { fields } = override;
  const edited: ReleaseNote = { ...note, provenance: { ...note.provenance } };
  if (fields.text !== undefined) edited.text = fields.text;
  if (fields.author !== undefined || fields.authorUrl !== undefined) {
    const login = fields.author ?? note.author.login;
    edited.author = { login, url: fields.authorUrl ?? `${GITHUB}${login}` };
  }
  if (fields.prUrl !== undefined) edited.prUrl = fields.prUrl;
  if (fields.documentation !== undefined) edited.docs = fields.documentation.map((doc) => ({ ...doc }));
  if (fields.kinds !== undefined) edited.kinds = [...fields.kinds];
  if (fields.sigs !== undefined) edited.sigs = [...fields.sigs];
  if (fields.areas !== undefined) edited.areas = [...fields.areas];
  if (fields.feature !== undefined) edited.kinds = withFeatureKind(edited.kinds, fields.feature);
  if (fields.actionRequired !== undefined) edited.actionRequired = fields.actionRequired;
  if (fields.doNotPublish !== undefined) edited.doNotPublish = fields.doNotPublish;
  else if (fields.text !== undefined && NONE_TEXTS.has(fields.text.trim().toLowerCase())) edited.doNotPublish = true;
  if (fields.stage !== undefined) edited.stage = fields.stage;
  if (fields.stageChange !== undefined) edited.stageChange = fields.stageChange;
  if (fields.highlight !== undefined) edited.highlight = fields.highlight;
  if (override.commit !== null && note.commit === null) edited.commit = override.commit;
  if (override.dataFields !== null) edited.dataFields = { ...note.dataFields, ...structuredClone(override.dataFields) };
  setProvenance(edited, note, override);
  return edited;
}

function setProvenance(edited: ReleaseNote, note: ReleaseNote, override: NoteOverride): void {
  const set = (field: ProvenanceField, line: number) => {
    const entry: Provenance = { source: 'override', detail: `${override.file}:${line}`, confidence: 1 };
    edited.provenance[field] = [entry];
  };
  for (const [name, line] of Object.entries(override.fieldLines) as [OverrideField, number][]) {
    const field = PROVENANCE[name];
    if (field !== undefined) set(field, line);
  }
  const featureLine = override.fieldLines.feature;
  if (featureLine !== undefined && override.fieldLines.kinds === undefined) set('kinds', featureLine);
  if (edited.doNotPublish !== note.doNotPublish && override.fieldLines.doNotPublish === undefined) {
    set('doNotPublish', override.fieldLines.text ?? override.line);
  }
}

function addNote(override: NoteOverride, repository: string | null): ReleaseNote | string {
  const { fields, pr } = override;
  const prUrl = fields.prUrl ?? (repository === null ? null : `${repositoryUrl(repository)}/pull/${pr}`);
  if (prUrl === null) {
    return `"add: true" for PR #${pr} needs releasenote.pr_url, or the repository option (e.g. "kubernetes/kubernetes") to derive it`;
  }
  const login = fields.author ?? '';
  const base = createReleaseNote({
    pr,
    prUrl,
    author: { login, url: fields.authorUrl ?? `${GITHUB}${login}` },
    commit: override.commit,
  });
  return editNote(base, override);
}

function repositoryUrl(repository: string): string {
  const trimmed = repository
    .trim()
    .replace(/(?<!\/)\/+$/, '')
    .replace(/\.git$/, '');
  return trimmed.includes('://') ? trimmed : `${GITHUB}${trimmed}`;
}

function withFeatureKind(kinds: readonly string[], feature: boolean): string[] {
  if (feature) return kinds.includes('feature') ? [...kinds] : [...kinds, 'feature'];
  return kinds.filter((kind) => kind !== 'feature');
}

function checkCommit(note: ReleaseNote, override: NoteOverride): Diagnostic[] {
  const given = override.commit;
  if (given === null || note.commit === null) return [];
  const short = Math.min(given.length, note.commit.length);
  if (short >= 7 && given.slice(0, short).toLowerCase() === note.commit.slice(0, short).toLowerCase()) return [];
  return [
    problem(
      override,
      'warning',
      'override-commit-mismatch',
      `the override names commit ${given.slice(0, 12)} but PR #${note.pr} merged as ${note.commit.slice(0, 12)}; the override is applied`,
    ),
  ];
}

function problem(
  override: NoteOverride,
  severity: Diagnostic['severity'],
  ruleId: string,
  message: string,
): Diagnostic {
  return {
    severity,
    ruleId,
    message,
    pr: override.pr,
    file: override.file,
    position: { line: override.line, column: override.column },
  };
}
