import type { ClassificationRules, Diagnostic, Feature, ReleaseNote } from '@relnotes/core';
import { parseJsonText, RelnotesError } from '@relnotes/core';

/** The version this relnotes writes and reads; a newer file is refused with a clear error. */
export const SAVED_CONTEXT_VERSION = 1;

export interface SavedRelease {
  version: string | null;
  previous: string | null;
  date: string | null;
  repository: string | null;
}

/**
 * Everything `relnotes render` needs to re-render a release offline: the classified notes before any
 * override file is applied (so edited overrides take effect on re-render), and the feature index's features
 * (so stages are resolved again, with no enhancements checkout at hand).
 */
export interface SavedContext {
  relnotes: 'context';
  version: typeof SAVED_CONTEXT_VERSION;
  release: SavedRelease;
  config: { rules: ClassificationRules; repository: string | null };
  notes: ReleaseNote[];
  features: Feature[];
  diagnostics: Diagnostic[];
}

export function createSavedContext(parts: Readonly<Omit<SavedContext, 'relnotes' | 'version'>>): SavedContext {
  return {
    relnotes: 'context',
    version: SAVED_CONTEXT_VERSION,
    release: parts.release,
    config: parts.config,
    notes: parts.notes,
    features: parts.features,
    diagnostics: parts.diagnostics,
  };
}

/** Compact JSON: a 3,000-note context is read back faster without indentation. */
export function serializeSavedContext(context: Readonly<SavedContext>): string {
  return `${JSON.stringify(context)}\n`;
}

/** Parses and checks a saved context; every problem names the file and what was expected. */
export function parseSavedContext(text: string, file: string): SavedContext {
  const data = parseJsonText(text, file);
  const fail = (what: string): never => {
    throw new RelnotesError('E_INPUT', `${file}: not a relnotes context: ${what}`, {
      file,
      hint: 'Write one with `relnotes generate … --save-context FILE`.',
    });
  };
  if (!isRecord(data) || data.relnotes !== 'context') return fail('"relnotes" must be "context"');
  const version = data.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail(`"version" must be a whole number, got ${JSON.stringify(version) ?? 'nothing'}`);
  }
  if (version > SAVED_CONTEXT_VERSION) {
    throw new RelnotesError(
      'E_INPUT',
      `${file}: context version ${version} was written by a newer relnotes; this one reads version ${SAVED_CONTEXT_VERSION}`,
      { file, hint: 'Upgrade relnotes, or save the context again with this version.' },
    );
  }
  const release = data.release;
  if (!isRecord(release)) return fail('"release" must be an object');
  const releaseField = (key: string): string | null => {
    const value = release[key];
    if (value === undefined || value === null) return null;
    return typeof value === 'string' ? value : fail(`"release.${key}" must be a string or null`);
  };
  const config = data.config;
  if (!isRecord(config) || !isRecord(config.rules)) return fail('"config.rules" must be an object');
  checkRules(config.rules, fail);
  const repository = config.repository ?? null;
  if (repository !== null && typeof repository !== 'string') fail('"config.repository" must be a string or null');
  if (!Array.isArray(data.notes)) return fail('"notes" must be a list');
  for (const [i, note] of data.notes.entries()) checkNote(note, i, fail);
  if (!Array.isArray(data.features)) return fail('"features" must be a list');
  for (const [i, feature] of data.features.entries()) {
    if (!isRecord(feature) || typeof feature.id !== 'string' || !Array.isArray(feature.stages)) {
      fail(`"features[${i}]" must be a feature with an "id" and "stages"`);
    }
  }
  const diagnostics = data.diagnostics ?? [];
  if (!Array.isArray(diagnostics)) return fail('"diagnostics" must be a list');
  return {
    relnotes: 'context',
    version: SAVED_CONTEXT_VERSION,
    release: {
      version: releaseField('version'),
      previous: releaseField('previous'),
      date: releaseField('date'),
      repository: releaseField('repository'),
    },
    config: { rules: config.rules as unknown as ClassificationRules, repository: repository as string | null },
    notes: data.notes as ReleaseNote[],
    features: data.features as Feature[],
    diagnostics: diagnostics as Diagnostic[],
  };
}

function checkRules(rules: Record<string, unknown>, fail: (what: string) => never): void {
  if (!isRecord(rules.labelPrefixes)) fail('"config.rules.labelPrefixes" must be an object');
  if (!Array.isArray(rules.sections)) fail('"config.rules.sections" must be a list');
  if (typeof rules.uncategorized !== 'string') fail('"config.rules.uncategorized" must be a string');
  for (const key of ['actionRequiredLabels', 'doNotPublishLabels']) {
    if (!Array.isArray(rules[key])) fail(`"config.rules.${key}" must be a list`);
  }
  for (const key of ['sigNames', 'stageLabels']) {
    if (!isRecord(rules[key])) fail(`"config.rules.${key}" must be an object`);
  }
}

const NOTE_LISTS = ['kinds', 'sigs', 'areas', 'features', 'docs'] as const;

/** Enough of a note's shape that rendering cannot crash on it; the rest is trusted as written by relnotes. */
function checkNote(note: unknown, i: number, fail: (what: string) => never): void {
  if (!isRecord(note)) {
    fail(`"notes[${i}]" must be an object`);
    return;
  }
  const where = typeof note.pr === 'number' ? `"notes[${i}]" (PR #${note.pr})` : `"notes[${i}]"`;
  if (typeof note.pr !== 'number') fail(`${where}: "pr" must be a number`);
  if (typeof note.text !== 'string') fail(`${where}: "text" must be a string`);
  if (!isRecord(note.author) || typeof note.author.login !== 'string')
    fail(`${where}: "author.login" must be a string`);
  for (const key of NOTE_LISTS) if (!Array.isArray(note[key])) fail(`${where}: "${key}" must be a list`);
  for (const key of ['actionRequired', 'highlight', 'doNotPublish']) {
    if (typeof note[key] !== 'boolean') fail(`${where}: "${key}" must be true or false`);
  }
  if (!isRecord(note.provenance)) fail(`${where}: "provenance" must be an object`);
  if (!isRecord(note.dataFields)) fail(`${where}: "dataFields" must be an object`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
