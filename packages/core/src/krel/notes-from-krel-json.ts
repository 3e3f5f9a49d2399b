import { sectionOf, unknownKinds } from '../classify/section-of.js';
import { RelnotesError } from '../errors.js';
import { describeValue, isRecord } from '../inputs/describe-value.js';
import { parseJsonText, topLevelKeys } from '../inputs/json-text.js';
import {
  type Diagnostic,
  type DocLink,
  type DocType,
  FEATURE_STAGES,
  type FeatureLink,
  type FeatureStage,
  type Provenance,
  type ProvenanceField,
  type ProvenanceSource,
  type ReleaseNote,
} from '../model.js';
import { type ClassificationRules, DEFAULT_RULES } from '../rules.js';

export interface NotesFromKrelJsonOptions {
  /** The file the JSON came from, for errors, diagnostics and provenance. */
  file?: string;
  rules?: ClassificationRules;
}

const HINT = 'Give the release-notes JSON that krel writes: an object keyed by PR number, e.g. {"123": {"text": …}}.';
const GITHUB = 'https://github.com/';
const DOC_TYPES: readonly DocType[] = ['KEP', 'official', 'external'];
const PROVENANCE_FIELDS: readonly ProvenanceField[] = [
  'text',
  'kinds',
  'sigs',
  'areas',
  'actionRequired',
  'doNotPublish',
  'stage',
  'stageChange',
  'features',
  'highlight',
];
const PROVENANCE_SOURCES: readonly ProvenanceSource[] = [
  'label',
  'text',
  'kep',
  'features',
  'override',
  'input',
  'default',
];

type Fail = (field: string, expected: string, value: unknown) => never;

/**
 * Reads krel's release-notes JSON (an object keyed by PR number) into notes, in the file's order.
 * Pass the raw text to keep that order: `JSON.parse` enumerates numeric keys in ascending order.
 * Note texts are kept exactly; krel's `markdown` is not read (it can be stale after a map file
 * edits a note); `feature`, `duplicate` and `duplicate_kind` are derived from kinds and SIGs.
 * relnotes' own fields (see `notesToKrelJson`) are read back when present.
 * Bad shapes throw `RelnotesError('E_INPUT')` naming the PR key and the field.
 */
export function notesFromKrelJson(
  json: unknown,
  options: Readonly<NotesFromKrelJsonOptions> = {},
): { notes: ReleaseNote[]; diagnostics: Diagnostic[] } {
  const { file } = options;
  const rules = options.rules ?? DEFAULT_RULES;
  const value = typeof json === 'string' ? parseJsonText(json, file) : json;
  if (!isRecord(value)) {
    throw inputError(`krel JSON must be an object keyed by PR number, got ${describeValue(value)}`, file);
  }
  const notes: ReleaseNote[] = [];
  const diagnostics: Diagnostic[] = [];
  let keys = Object.keys(value);
  if (typeof json === 'string') {
    const written = topLevelKeys(json);
    keys = orderedKeys(written, value);
    for (const key of repeated(written)) {
      diagnostics.push({
        severity: 'warning',
        ruleId: 'krel-duplicate-key',
        message: `PR ${excerptKey(key)} appears more than once; the last note wins`,
        ...(Number.isSafeInteger(Number(key)) ? { pr: Number(key) } : {}),
        ...(file === undefined ? {} : { file }),
      });
    }
  }
  for (const key of keys) {
    const note = readNote(key, value[key], file);
    notes.push(note);
    diagnostics.push(...checkNote(note, rules, file));
  }
  return { notes, diagnostics };
}

function orderedKeys(written: readonly string[], value: Record<string, unknown>): string[] {
  const keys = [...new Set(written)].filter((key) => Object.hasOwn(value, key));
  for (const key of Object.keys(value)) if (!keys.includes(key)) keys.push(key);
  return keys;
}

function repeated(keys: readonly string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const key of keys) (seen.has(key) ? twice : seen).add(key);
  return [...twice];
}

function readNote(key: string, raw: unknown, file: string | undefined): ReleaseNote {
  const fail: Fail = (field, expected, value) => {
    throw inputError(`PR ${excerptKey(key)}: "${field}" must be ${expected}, got ${describeValue(value)}`, file);
  };
  if (!/^[1-9][0-9]{0,14}$/.test(key)) {
    throw inputError(`key ${JSON.stringify(excerptKey(key))}: keys must be PR numbers`, file);
  }
  const pr = Number(key);
  if (!isRecord(raw)) return fail('(note)', 'an object', raw);

  const text = requireString(raw, 'text', fail);
  const login = requireString(raw, 'author', fail);
  const prUrl = requireString(raw, 'pr_url', fail);
  if (raw.pr_number !== undefined && raw.pr_number !== pr) fail('pr_number', `the key ${key}`, raw.pr_number);
  const commit = optionalString(raw, 'commit', fail) ?? '';
  optionalString(raw, 'markdown', fail);

  const kinds = stringList(raw, 'kinds', fail);
  const sigs = stringList(raw, 'sigs', fail);
  const areas = stringList(raw, 'areas', fail);
  for (const flag of ['feature', 'duplicate', 'duplicate_kind', 'is_mapped'] as const) optionalBoolean(raw, flag, fail);
  const actionRequired = optionalBoolean(raw, 'action_required', fail);
  const doNotPublish = optionalBoolean(raw, 'do_not_publish', fail);
  const features = readFeatures(raw, fail);

  const note: ReleaseNote = {
    pr,
    prUrl,
    title: optionalString(raw, 'title', fail) ?? '',
    text,
    author: { login, url: optionalString(raw, 'author_url', fail) ?? `${GITHUB}${login}` },
    commit: commit === '' ? null : commit,
    mergedAt: optionalString(raw, 'merged_at', fail),
    kinds,
    sigs,
    areas,
    stage: optionalStage(raw, 'stage', fail),
    stageChange: optionalStage(raw, 'stage_change', fail),
    features,
    actionRequired,
    docs: readDocumentation(raw.documentation, fail),
    highlight: optionalBoolean(raw, 'highlight', fail),
    doNotPublish,
    dataFields: readDataFields(raw.data_fields, fail),
    provenance: {},
  };
  note.provenance = raw.provenance === undefined ? inputProvenance(note, file) : readProvenance(raw.provenance, fail);
  return note;
}

function checkNote(
  note: Readonly<ReleaseNote>,
  rules: Readonly<ClassificationRules>,
  file: string | undefined,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const at = { pr: note.pr, ...(file === undefined ? {} : { file }) };
  if (!note.doNotPublish && note.text.trim() === '') {
    diagnostics.push({
      severity: 'warning',
      ruleId: 'krel-empty-text',
      message: `PR #${note.pr}: the note text is empty`,
      ...at,
    });
  }
  const unknown = unknownKinds(note.kinds, rules);
  if (unknown.length > 0 && unknown.length === note.kinds.length) {
    diagnostics.push({
      severity: 'warning',
      ruleId: 'krel-unknown-kind',
      message: `PR #${note.pr}: no section takes kind ${unknown.map((kind) => `"${kind}"`).join(', ')}; the note goes to ${sectionOf(note, rules).section}`,
      ...at,
    });
  }
  return diagnostics;
}

// Provenance for a note that did not come from relnotes: everything krel says is input.
function inputProvenance(note: Readonly<ReleaseNote>, file: string | undefined): ReleaseNote['provenance'] {
  const entry = (): Provenance => ({
    source: 'input',
    detail: file === undefined ? 'krel JSON' : `krel JSON ${file}`,
    confidence: 1,
  });
  const provenance: ReleaseNote['provenance'] = { text: [entry()] };
  if (note.kinds.length > 0) provenance.kinds = [entry()];
  if (note.sigs.length > 0) provenance.sigs = [entry()];
  if (note.areas.length > 0) provenance.areas = [entry()];
  if (note.actionRequired) provenance.actionRequired = [entry()];
  if (note.doNotPublish) provenance.doNotPublish = [entry()];
  if (note.stage !== null) provenance.stage = [entry()];
  if (note.stageChange !== null) provenance.stageChange = [entry()];
  if (note.features.length > 0) provenance.features = [entry()];
  if (note.highlight) provenance.highlight = [entry()];
  return provenance;
}

function requireString(raw: Record<string, unknown>, field: string, fail: Fail): string {
  const value = raw[field];
  return typeof value === 'string' ? value : fail(field, 'a string', value);
}

function optionalString(raw: Record<string, unknown>, field: string, fail: Fail): string | null {
  const value = raw[field];
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : fail(field, 'a string', value);
}

function optionalBoolean(raw: Record<string, unknown>, field: string, fail: Fail): boolean {
  const value = raw[field];
  if (value === undefined || value === null) return false;
  return typeof value === 'boolean' ? value : fail(field, 'true or false', value);
}

function stringList(raw: Record<string, unknown>, field: string, fail: Fail): string[] {
  const value = raw[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    return fail(field, 'an array of strings', value);
  }
  return [...value];
}

function optionalStage(raw: Record<string, unknown>, field: string, fail: Fail): FeatureStage | null {
  const value = raw[field];
  if (value === undefined || value === null) return null;
  return (
    FEATURE_STAGES.find((stage) => stage === value) ?? fail(field, `one of ${FEATURE_STAGES.join(', ')} or null`, value)
  );
}

function readDocumentation(value: unknown, fail: Fail): DocLink[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return fail('documentation', 'an array of {description, url, type}', value);
  return value.map((doc: unknown, index): DocLink => {
    const field = `documentation[${index}]`;
    if (!isRecord(doc)) return fail(field, 'an object {description, url, type}', doc);
    const description = optionalString(doc, 'description', (name, expected, bad) =>
      fail(`${field}.${name}`, expected, bad),
    );
    if (typeof doc.url !== 'string') return fail(`${field}.url`, 'a string', doc.url);
    const type = DOC_TYPES.find((candidate) => candidate === doc.type);
    if (type === undefined) return fail(`${field}.type`, 'KEP, official or external', doc.type);
    return { url: doc.url, description: description ?? '', type };
  });
}

function readFeatures(raw: Record<string, unknown>, fail: Fail): FeatureLink[] {
  if (raw.features !== undefined && raw.features !== null) {
    if (!Array.isArray(raw.features))
      return fail('features', 'an array of {id, kep, gate, via, confidence}', raw.features);
    return raw.features.map((feature: unknown, index) => readFeature(feature, `features[${index}]`, fail));
  }
  // Hand-written extensions may give only KEP numbers and gate names.
  const keps = raw.keps ?? [];
  if (!Array.isArray(keps) || !keps.every((kep) => Number.isSafeInteger(kep) && kep > 0)) {
    return fail('keps', 'an array of KEP numbers', raw.keps);
  }
  const gates = stringList(raw, 'feature_gates', fail);
  return [
    ...keps.map((kep: number): FeatureLink => ({ id: String(kep), kep, gate: null, via: 'input', confidence: 1 })),
    ...gates.map((gate): FeatureLink => ({ id: gate, kep: null, gate, via: 'input', confidence: 1 })),
  ];
}

function readFeature(value: unknown, field: string, fail: Fail): FeatureLink {
  const expected = 'an object {id, kep, gate, via, confidence}';
  if (!isRecord(value)) return fail(field, expected, value);
  const { id, kep, gate, via, confidence } = value;
  if (typeof id !== 'string') return fail(`${field}.id`, 'a string', id);
  if (kep !== null && !(typeof kep === 'number' && Number.isSafeInteger(kep)))
    return fail(`${field}.kep`, 'a KEP number or null', kep);
  if (gate !== null && typeof gate !== 'string') return fail(`${field}.gate`, 'a string or null', gate);
  if (typeof via !== 'string') return fail(`${field}.via`, 'a string', via);
  if (typeof confidence !== 'number') return fail(`${field}.confidence`, 'a number from 0 to 1', confidence);
  return { id, kep, gate, via, confidence };
}

function readDataFields(value: unknown, fail: Fail): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  return isRecord(value) ? structuredClone(value) : fail('data_fields', 'an object', value);
}

function readProvenance(value: unknown, fail: Fail): ReleaseNote['provenance'] {
  if (!isRecord(value)) return fail('provenance', 'an object of field → [{source, detail, confidence}]', value);
  const provenance: ReleaseNote['provenance'] = {};
  for (const [name, entries] of Object.entries(value)) {
    const field = PROVENANCE_FIELDS.find((candidate) => candidate === name);
    if (field === undefined)
      return fail(`provenance.${name}`, `one of the fields ${PROVENANCE_FIELDS.join(', ')}`, name);
    if (!Array.isArray(entries)) return fail(`provenance.${name}`, 'an array of {source, detail, confidence}', entries);
    provenance[field] = entries.map((entry: unknown, index): Provenance => {
      const where = `provenance.${name}[${index}]`;
      if (!isRecord(entry)) return fail(where, 'an object {source, detail, confidence}', entry);
      const source = PROVENANCE_SOURCES.find((candidate) => candidate === entry.source);
      if (source === undefined) return fail(`${where}.source`, `one of ${PROVENANCE_SOURCES.join(', ')}`, entry.source);
      if (typeof entry.detail !== 'string') return fail(`${where}.detail`, 'a string', entry.detail);
      if (typeof entry.confidence !== 'number')
        return fail(`${where}.confidence`, 'a number from 0 to 1', entry.confidence);
      return { source, detail: entry.detail, confidence: entry.confidence };
    });
  }
  return provenance;
}

function excerptKey(key: string): string {
  return key.length > 20 ? `${key.slice(0, 19)}…` : key;
}

function inputError(message: string, file: string | undefined): RelnotesError {
  return new RelnotesError('E_INPUT', message, { ...(file === undefined ? {} : { file }), hint: HINT });
}
