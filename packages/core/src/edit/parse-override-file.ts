import { type Document, isMap, isScalar, LineCounter, type Node, parseAllDocuments, type YAMLError } from 'yaml';
import { excerpt } from '../errors.js';
import { describeValue, isRecord } from '../inputs/describe-value.js';
import {
  type Diagnostic,
  type DocLink,
  type DocType,
  FEATURE_STAGES,
  type FeatureStage,
  type Position,
} from '../model.js';
import {
  type NoteOverride,
  type OverrideField,
  type OverrideFields,
  RELEASENOTE_KEYS,
  TOP_LEVEL_KEYS,
} from './note-override.js';

const DOC_TYPES: readonly DocType[] = ['KEP', 'official', 'external'];
const STRING_FIELDS = ['text', 'author', 'authorUrl', 'prUrl'] as const;
const LIST_FIELDS = ['kinds', 'sigs', 'areas'] as const;
const FLAG_FIELDS = ['feature', 'actionRequired', 'doNotPublish', 'highlight'] as const;
const STAGE_FIELDS = ['stage', 'stageChange'] as const;
// yaml codes for a plain scalar that needs quotes: `text: \`kubectl\` …`, `text: foo: bar`, `text: @x`.
const NEEDS_QUOTES = new Set(['BAD_SCALAR_START', 'BLOCK_AS_IMPLICIT_KEY', 'MULTILINE_IMPLICIT_KEY', 'TAB_AS_INDENT']);

type Path = readonly (string | number)[];

/**
 * Reads one override ("map") file: YAML or JSON, one override per `---` document, in Kubernetes'
 * format (`pr`, `commit`, `releasenote: {text, author, documentation, kinds, sigs, areas, feature,
 * action_required, do_not_publish}`, `datafields`) plus relnotes' `stage`, `stage_change`,
 * `highlight`, `pr_url`, `author_url` and top-level `add`. Every problem of every document is
 * returned as an error diagnostic with file, line and column; a document with errors gives no override.
 */
export function parseOverrideFile(
  source: string,
  file: string,
): { overrides: NoteOverride[]; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const overrides: NoteOverride[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const document of documents) {
    const [yamlError] = document.errors;
    if (yamlError !== undefined) {
      // Later errors of a document are mostly echoes of the first.
      diagnostics.push(yamlDiagnostic(yamlError, source, file, position(yamlError.pos[0])));
      continue;
    }
    for (const warning of document.warnings) {
      diagnostics.push({
        severity: 'warning',
        ruleId: 'override-yaml',
        message: warning.message.split('\n')[0] ?? warning.message,
        file,
        position: position(warning.pos[0]),
      });
    }
    const contents = document.contents;
    if (contents === null || (isScalar(contents) && contents.value === null)) continue; // an empty document
    const read = readOverride(document, file, position);
    diagnostics.push(...read.diagnostics);
    if (read.override !== null) overrides.push(read.override);
  }
  return { overrides, diagnostics };
}

function yamlDiagnostic(error: YAMLError, source: string, file: string, at: Position): Diagnostic {
  let message = `not valid YAML: ${error.message.split('\n')[0]}`;
  if (NEEDS_QUOTES.has(error.code)) {
    const example = quotedExample(source, at.line);
    message += `. Quote the text${example === null ? '' : `, e.g. ${example}`}, or write it as a block after \`text: |-\``;
  }
  return { severity: 'error', ruleId: 'override-yaml', message, file, position: at };
}

// The offending line rewritten with its value quoted, e.g. text: "`kubectl` now …".
function quotedExample(source: string, line: number): string | null {
  let start = 0;
  for (let current = 1; current < line; current++) {
    const next = source.indexOf('\n', start);
    if (next === -1) return null;
    start = next + 1;
  }
  const end = source.indexOf('\n', start);
  const text = source
    .slice(start, end === -1 ? source.length : end)
    .replace(/\r$/, '')
    .trim();
  const colon = text.indexOf(': ');
  if (colon <= 0) return null;
  return `${text.slice(0, colon)}: ${JSON.stringify(excerpt(text.slice(colon + 2).trim(), 60))}`;
}

function readOverride(
  document: Document.Parsed,
  file: string,
  position: (offset: number) => Position,
): { override: NoteOverride | null; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const start = position(document.contents?.range[0] ?? 0);
  const locate = (path: Path, key = false): Position => {
    const parent = path.length > 1 ? document.getIn(path.slice(0, -1), true) : document.contents;
    const last = path[path.length - 1];
    if (key && isMap(parent)) {
      const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === last);
      const keyNode = pair?.key as Node | undefined;
      if (keyNode?.range) return position(keyNode.range[0]);
    }
    const node = document.getIn(path, true) as Node | undefined;
    return node?.range ? position(node.range[0]) : start;
  };
  let pr: number | undefined;
  const fail = (path: Path, ruleId: string, message: string, key = false): undefined => {
    diagnostics.push({
      severity: 'error',
      ruleId,
      message,
      file,
      position: locate(path, key),
      ...(pr === undefined ? {} : { pr }),
    });
    return undefined;
  };
  const wrongType = (path: Path, expected: string, value: unknown): undefined =>
    fail(path, 'override-type', `"${path.join('.')}" must be ${expected}, got ${describeValue(value)}`);

  let data: unknown;
  try {
    data = document.toJS();
  } catch (error) {
    // yaml refuses alias bombs ("excessive alias count") here rather than while parsing.
    fail([], 'override-yaml', `not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
    return { override: null, diagnostics };
  }
  if (!isRecord(data)) {
    fail([], 'override-type', `an override must be a mapping with "pr" and "releasenote", got ${describeValue(data)}`);
    return { override: null, diagnostics };
  }
  if (data.pr === undefined) {
    fail([], 'override-missing-pr', 'the override has no "pr": say which pull request it edits, e.g. pr: 12345');
  } else if (typeof data.pr === 'number' && Number.isSafeInteger(data.pr) && data.pr > 0) {
    pr = data.pr;
  } else {
    wrongType(['pr'], 'a pull-request number', data.pr);
  }
  for (const key of Object.keys(data)) {
    if (!TOP_LEVEL_KEYS.includes(key)) {
      fail(
        [key],
        'override-unknown-field',
        `unknown field "${key}"; the known fields are ${TOP_LEVEL_KEYS.join(', ')}`,
        true,
      );
    }
  }
  let commit: string | null = null;
  if (data.commit !== undefined && data.commit !== null) {
    if (typeof data.commit === 'string') commit = data.commit;
    else wrongType(['commit'], 'a string (quote a commit hash made of digits)', data.commit);
  }
  let add = false;
  if (data.add !== undefined) {
    if (typeof data.add === 'boolean') add = data.add;
    else wrongType(['add'], 'true or false', data.add);
  }
  if (data.pr_body !== undefined && data.pr_body !== null && typeof data.pr_body !== 'string') {
    wrongType(['pr_body'], 'a string', data.pr_body);
  }
  let dataFields: Record<string, unknown> | null = null;
  if (data.datafields !== undefined && data.datafields !== null) {
    if (isRecord(data.datafields)) dataFields = data.datafields;
    else wrongType(['datafields'], 'a mapping', data.datafields);
  }

  const fields: OverrideFields = {};
  const fieldLines: Partial<Record<OverrideField, number>> = {};
  const note = data.releasenote;
  if (note !== undefined && !isRecord(note)) {
    wrongType(['releasenote'], 'a mapping of text, kinds, sigs, …', note);
  } else if (note !== undefined) {
    for (const [key, value] of Object.entries(note)) {
      const field = Object.hasOwn(RELEASENOTE_KEYS, key) ? RELEASENOTE_KEYS[key] : undefined;
      const path = ['releasenote', key];
      if (field === undefined) {
        fail(
          path,
          'override-unknown-field',
          `unknown field "releasenote.${key}"; the known fields are ${Object.keys(RELEASENOTE_KEYS).join(', ')}`,
          true,
        );
        continue;
      }
      if (readField(fields, field, value, path, wrongType)) fieldLines[field] = locate(path, true).line;
    }
  }

  const textNode = document.getIn(['releasenote', 'text'], true);
  if (
    fields.text !== undefined &&
    isScalar(textNode) &&
    (textNode.type === 'BLOCK_LITERAL' || textNode.type === 'BLOCK_FOLDED') &&
    isWrappedInQuotes(fields.text)
  ) {
    warnings.push({
      severity: 'warning',
      ruleId: 'override-quoted-block',
      message:
        'the text is a block (after "|" or ">") and is wrapped in quotes: in a block, quotes are part of the text. Remove them',
      file,
      position: locate(['releasenote', 'text']),
      ...(pr === undefined ? {} : { pr }),
    });
  }

  if (add) {
    const missing: string[] = [];
    if (fields.text === undefined || fields.text.trim() === '') missing.push('releasenote.text');
    if (fields.author === undefined || fields.author.trim() === '') missing.push('releasenote.author');
    if (!LIST_FIELDS.some((name) => (fields[name]?.length ?? 0) > 0)) missing.push('one of kinds, sigs, areas');
    if (missing.length > 0) {
      fail(['add'], 'override-add-incomplete', `"add: true" makes a new note and needs ${missing.join(', ')}`, true);
    }
  }
  if (diagnostics.length > 0 || pr === undefined) return { override: null, diagnostics: [...diagnostics, ...warnings] };
  return {
    override: { pr, commit, add, fields, dataFields, file, line: start.line, column: start.column, fieldLines },
    diagnostics: warnings,
  };
}

function isWrappedInQuotes(text: string): boolean {
  const trimmed = text.trim();
  const quote = trimmed.charAt(0);
  return trimmed.length >= 2 && (quote === "'" || quote === '"') && trimmed.endsWith(quote);
}

type WrongType = (path: Path, expected: string, value: unknown) => undefined;

/** Sets one field from its YAML value; false (and an error) when the value has the wrong type. */
function readField(
  fields: OverrideFields,
  field: OverrideField,
  value: unknown,
  path: Path,
  wrongType: WrongType,
): boolean {
  if ((STRING_FIELDS as readonly string[]).includes(field)) {
    if (typeof value !== 'string') return wrongType(path, 'a string', value) ?? false;
    fields[field as (typeof STRING_FIELDS)[number]] = value;
  } else if ((LIST_FIELDS as readonly string[]).includes(field)) {
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
      return (
        wrongType(path, 'a list of strings, e.g. [bug] (remove the line to keep the current value)', value) ?? false
      );
    }
    fields[field as (typeof LIST_FIELDS)[number]] = [...value];
  } else if ((FLAG_FIELDS as readonly string[]).includes(field)) {
    if (typeof value !== 'boolean') return wrongType(path, 'true or false', value) ?? false;
    fields[field as (typeof FLAG_FIELDS)[number]] = value;
  } else if ((STAGE_FIELDS as readonly string[]).includes(field)) {
    const stage = value === null ? null : FEATURE_STAGES.find((candidate) => candidate === value);
    if (stage === undefined) return wrongType(path, `one of ${FEATURE_STAGES.join(', ')} or null`, value) ?? false;
    fields[field as (typeof STAGE_FIELDS)[number]] = stage as FeatureStage | null;
  } else {
    const docs = readDocumentation(value, path, wrongType);
    if (docs === undefined) return false;
    fields.documentation = docs;
  }
  return true;
}

function readDocumentation(value: unknown, path: Path, wrongType: WrongType): DocLink[] | undefined {
  if (!Array.isArray(value)) return wrongType(path, 'a list of {description, url, type}', value);
  const docs: DocLink[] = [];
  let ok = true;
  value.forEach((doc: unknown, index) => {
    const at = [...path, index];
    if (!isRecord(doc)) {
      ok = false;
      wrongType(at, 'a mapping {description, url, type}', doc);
      return;
    }
    const description = doc.description ?? '';
    const type = DOC_TYPES.find((candidate) => candidate === doc.type);
    if (typeof description !== 'string') ok = wrongType([...at, 'description'], 'a string', description) ?? false;
    if (typeof doc.url !== 'string') ok = wrongType([...at, 'url'], 'a string', doc.url) ?? false;
    if (type === undefined) ok = wrongType([...at, 'type'], 'KEP, official or external', doc.type) ?? false;
    if (typeof description === 'string' && typeof doc.url === 'string' && type !== undefined) {
      docs.push({ description, url: doc.url, type });
    }
  });
  return ok ? docs : undefined;
}
