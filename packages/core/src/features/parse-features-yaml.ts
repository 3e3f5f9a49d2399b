import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type YAMLMap } from 'yaml';
import { excerpt, RelnotesError } from '../errors.js';
import type { Diagnostic } from '../model.js';
import { FEATURE_STAGES } from '../model.js';
import type { Feature } from './feature.js';
import { compareStageEvents, normaliseRelease } from './release-version.js';

const EXAMPLE =
  'features:\n  - id: pod-snapshots\n    title: Pod snapshots\n    sig: node\n    stages: { v0.4: alpha }';
const ID = /^[a-z0-9][a-z0-9-]*$/;

function stringList(value: unknown): string[] | null {
  if (value === undefined || value === null) return [];
  if (!isSeq(value)) return null;
  const out: string[] = [];
  for (const item of value.items) {
    if (!isScalar(item) || typeof item.value !== 'string' || item.value.trim() === '') return null;
    out.push(item.value.trim());
  }
  return out;
}

/**
 * Reads a features.yaml (for projects without KEPs). A file that is not YAML, or has no `features:` list,
 * throws a RelnotesError with file, line and column; a bad entry is skipped with a diagnostic.
 */
export function parseFeaturesYaml(source: string, path: string): { features: Feature[]; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter });
  const at = (offset: number | undefined) => {
    const pos = lineCounter.linePos(offset ?? 0);
    return { line: pos.line, column: pos.col };
  };
  const first = doc.errors[0];
  if (first) {
    const { line, column } = at(first.pos[0]);
    throw new RelnotesError('E_CONFIG', `${path}:${line}:${column}: not valid YAML: ${first.message.split('\n')[0]}`, {
      file: path,
      line,
      column,
      hint: `A features file looks like:\n${EXAMPLE}`,
    });
  }
  const list = isMap(doc.contents) ? doc.contents.get('features', true) : undefined;
  if (!isSeq(list)) {
    const { line, column } = at(doc.contents?.range?.[0]);
    throw new RelnotesError('E_CONFIG', `${path}:${line}:${column}: expected a top-level "features:" list`, {
      file: path,
      line,
      column,
      hint: `A features file looks like:\n${EXAMPLE}`,
    });
  }

  const diagnostics: Diagnostic[] = [];
  const features: Feature[] = [];
  const seen = new Set<string>();
  for (const item of list.items) {
    const offset = isMap(item) || isScalar(item) ? item.range?.[0] : undefined;
    const problem = (message: string, node?: unknown) => {
      diagnostics.push({
        severity: 'error',
        ruleId: 'features-yaml',
        message,
        file: path,
        position: at((isNode(node) ? node.range?.[0] : undefined) ?? offset),
      });
    };
    if (!isMap(item)) {
      problem('each feature must be a mapping with id, title and sig');
      continue;
    }
    const feature = readFeature(item as YAMLMap<unknown, unknown>, path, problem);
    if (!feature) continue;
    if (seen.has(feature.id)) {
      problem(`duplicate feature id "${feature.id}"`);
      continue;
    }
    seen.add(feature.id);
    features.push(feature);
  }
  return { features, diagnostics };
}

/** Reports a bad entry at the YAML node given (or the entry itself). */
type Problem = (message: string, node?: unknown) => void;

function readFeature(item: YAMLMap<unknown, unknown>, path: string, problem: Problem): Feature | null {
  const scalar = (key: string) => {
    const node = item.get(key, true);
    return isScalar(node) && typeof node.value === 'string' && node.value.trim() !== '' ? node.value.trim() : null;
  };
  const id = scalar('id');
  if (id === null || !ID.test(id)) {
    problem(
      id === null ? 'a feature needs an id' : `id "${excerpt(id, 40)}" must match [a-z0-9-]+`,
      item.get('id', true),
    );
    return null;
  }
  // Every problem of the entry is reported, not just the first: one edit fixes the file.
  let broken = false;
  const report: Problem = (message, node) => {
    broken = true;
    problem(message, node);
  };
  const title = scalar('title');
  const sig = scalar('sig');
  if (title === null) report(`feature "${id}" needs a title`);
  if (sig === null) report(`feature "${id}" needs a sig`);
  const sigs = stringList(item.get('sigs', true));
  const gates = stringList(item.get('gates', true));
  if (sigs === null) report(`feature "${id}": sigs must be a list of names`, item.get('sigs', true));
  if (gates === null) report(`feature "${id}": gates must be a list of names`, item.get('gates', true));
  const stages: Feature['stages'] = [];
  const stagesNode = item.get('stages', true);
  if (stagesNode !== undefined && stagesNode !== null && !isMap(stagesNode)) {
    report(`feature "${id}": stages must map a release to a stage, e.g. { v0.4: alpha }`, stagesNode);
  } else if (isMap(stagesNode)) {
    for (const pair of stagesNode.items) {
      const keyNode = pair.key;
      const valueNode = pair.value;
      const rawRelease = isScalar(keyNode) ? String(keyNode.value) : '';
      // A plain key like 0.10 reads as a number; take its source text.
      const release = normaliseRelease(
        isScalar(keyNode) && typeof keyNode.source === 'string' ? keyNode.source : rawRelease,
      );
      const stageText = isScalar(valueNode) ? String(valueNode.value).trim().toLowerCase() : '';
      const stage = FEATURE_STAGES.find((s) => s === stageText);
      if (release === null) {
        problem(`feature "${id}": "${excerpt(rawRelease, 30)}" is not a release like v0.4`, keyNode);
        continue;
      }
      if (!stage) {
        problem(
          `feature "${id}": stage "${excerpt(stageText, 30)}" must be one of ${FEATURE_STAGES.join(', ')}`,
          valueNode,
        );
        continue;
      }
      stages.push({ release, stage });
    }
  }
  if (broken || title === null || sig === null || sigs === null || gates === null) return null;
  stages.sort(compareStageEvents);
  const allSigs = [sig, ...sigs.filter((s) => s !== sig)];
  return {
    id,
    kep: null,
    title,
    sig,
    sigs: allSigs,
    gates,
    url: scalar('issue'),
    stages,
    source: 'features',
    path,
    dir: null,
  };
}
