import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Diagnostic, FeatureStage } from '../model.js';
import { FEATURE_STAGES } from '../model.js';
import type { Feature } from './feature.js';
import { compareStageEvents, normaliseRelease } from './release-version.js';

/** The metadata relnotes reads from a Kubernetes `kep.yaml`. */
export interface Kep {
  number: number;
  title: string;
  /** The KEP folder, e.g. `keps/sig-node/2400-node-swap`. */
  dir: string;
  owningSig: string | null;
  participatingSigs: string[];
  status: string | null;
  /** Milestones per stage, normalised to `v1.29`; a stage may name several. */
  milestones: Partial<Record<FeatureStage, string[]>>;
  gates: string[];
  url: string;
}

const ENHANCEMENTS_TREE = 'https://github.com/kubernetes/enhancements/tree/master/';

/** `keps/sig-node/2400-node-swap` from any path that contains the KEP folder. */
export function kepDirOf(path: string): string {
  const segments = path.replace(/\\/g, '/').split('/');
  if (segments[segments.length - 1] === 'kep.yaml') segments.pop();
  const start = segments.lastIndexOf('keps');
  return segments.slice(Math.max(start, 0)).join('/');
}

/** The number a KEP folder starts with (`2400-node-swap` → 2400). */
export function kepNumberOfDir(dir: string): number | null {
  const last = dir.slice(dir.lastIndexOf('/') + 1);
  const match = /^(\d{1,6})-/.exec(last);
  return match ? Number(match[1]) : null;
}

function sigSlug(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const slug = value.trim().toLowerCase();
  return slug.startsWith('sig-') ? slug.slice(4) : slug;
}

const PLACEHOLDERS = new Set(['tbd', 'todo', 'tba', 'n/a', 'na', 'never', 'x.y', '~', '-']);
const DATE_KEYS = ['creation-date', 'last-updated'];

function isValidDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return true;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Parses one kep.yaml. Never throws: a file that is not YAML, or holds no usable number, gives a null KEP
 * and a diagnostic; odd milestone values (`"1.36"`, `v1.21, v1.37`, `TBD`) are read where they can be and
 * reported with the file and line where they cannot.
 */
export function parseKepYaml(source: string, path: string): { kep: Kep | null; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, uniqueKeys: false });
  const at = (offset: number | undefined) => {
    const pos = lineCounter.linePos(offset ?? 0);
    return { line: pos.line, column: pos.col };
  };
  const report = (severity: Diagnostic['severity'], ruleId: string, message: string, offset?: number) => {
    diagnostics.push({ severity, ruleId, message: `${path}: ${message}`, file: path, position: at(offset) });
  };
  for (const error of doc.errors) {
    report('error', 'kep-yaml', `not valid YAML: ${error.message.split('\n')[0]}`, error.pos[0]);
  }
  if (doc.errors.length > 0 || !isMap(doc.contents)) {
    if (doc.errors.length === 0) report('error', 'kep-yaml', 'expected a mapping at the top level');
    return { kep: null, diagnostics };
  }
  const root = doc.contents;
  const text = (key: string): string | null => {
    const value: unknown = root.get(key);
    if (typeof value === 'string') return value.trim() || null;
    if (typeof value === 'number') return String(value);
    return null;
  };

  const dir = kepDirOf(path);
  const folderNumber = kepNumberOfDir(dir);
  const declared = text('kep-number');
  const declaredNumber = declared !== null && /^\d{1,6}$/.test(declared) ? Number(declared) : null;
  if (declared !== null && declaredNumber === null) {
    report('warning', 'kep-number', `kep-number "${declared}" is not a number`);
  }
  if (declaredNumber !== null && folderNumber !== null && declaredNumber !== folderNumber) {
    report('warning', 'kep-number', `kep-number ${declaredNumber} differs from the folder's number ${folderNumber}`);
  }
  const number = declaredNumber ?? folderNumber;
  if (number === null) {
    report('error', 'kep-number', 'no kep-number and no number in the folder name');
    return { kep: null, diagnostics };
  }

  for (const key of DATE_KEYS) {
    const node = root.get(key, true);
    const value: unknown = isScalar(node) ? node.value : null;
    if (isScalar(node) && typeof value === 'string' && !isValidDate(value.trim())) {
      report('warning', 'kep-date', `${key} "${value}" is not a valid date`, node.range?.[0]);
    }
  }

  const milestones: Partial<Record<FeatureStage, string[]>> = {};
  const milestoneNode = root.get('milestone', true);
  if (isMap(milestoneNode)) {
    for (const pair of milestoneNode.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const stage = FEATURE_STAGES.find((s) => s === key);
      if (!stage) {
        report(
          'info',
          'kep-milestone',
          `unknown stage "${key}" under milestone`,
          isScalar(pair.key) ? pair.key.range?.[0] : undefined,
        );
        continue;
      }
      const value = pair.value;
      if (value === null || (isScalar(value) && (value.value === null || String(value.value).trim() === ''))) continue;
      if (!isScalar(value)) {
        report('warning', 'kep-milestone', `milestone ${stage} is not a single value`);
        continue;
      }
      // Read the source text: YAML would turn a plain 1.20 into the number 1.2.
      const range = value.range;
      const raw =
        typeof value.value === 'number' && range ? source.slice(range[0], range[1]).trim() : String(value.value).trim();
      const releases: string[] = [];
      for (const piece of raw.split(/[,\s]+/)) {
        if (piece === '') continue;
        const release = normaliseRelease(piece);
        if (release) releases.push(release);
        else {
          // TBD and its kin are a plan not yet made, not a mistake.
          const severity = PLACEHOLDERS.has(piece.toLowerCase()) ? 'info' : 'warning';
          report(severity, 'kep-milestone', `milestone ${stage} "${raw}" is not a release like v1.29`, range?.[0]);
        }
      }
      if (releases.length > 1) {
        // Not a mistake to stop on, but not the one release per stage the field is for: say how it is read.
        report(
          'info',
          'kep-milestone',
          `milestone ${stage} "${raw}" names ${releases.length} releases; each is used as a release in which the KEP reached ${stage} (${releases.join(', ')}), so a note of any of them announces ${stage}`,
          range?.[0],
        );
      }
      if (releases.length > 0) milestones[stage] = releases;
    }
  } else if (
    milestoneNode !== undefined &&
    milestoneNode !== null &&
    !(isScalar(milestoneNode) && milestoneNode.value === null)
  ) {
    report('warning', 'kep-milestone', 'milestone is not a mapping of stage to release', milestoneNode.range?.[0]);
  }

  const gates: string[] = [];
  const gatesNode = root.get('feature-gates', true);
  if (isSeq(gatesNode)) {
    for (const item of gatesNode.items) {
      const name = isMap(item) ? item.get('name') : isScalar(item) ? item.value : null;
      if (typeof name === 'string' && name.trim() !== '') gates.push(name.trim());
    }
  }

  const participating = root.get('participating-sigs');
  const participatingSigs: string[] = [];
  if (isSeq(participating)) {
    for (const item of participating.items) {
      const slug = sigSlug(isScalar(item) ? item.value : null);
      if (slug && !participatingSigs.includes(slug)) participatingSigs.push(slug);
    }
  }

  const kep: Kep = {
    number,
    title: text('title') ?? dir.slice(dir.lastIndexOf('/') + 1),
    dir,
    owningSig: sigSlug(text('owning-sig')),
    participatingSigs,
    status: text('status'),
    milestones,
    gates,
    url: `${ENHANCEMENTS_TREE}${dir}`,
  };
  return { kep, diagnostics };
}

/** A KEP as a feature of the index: its stages listed per release, oldest first. */
export function kepToFeature(kep: Kep, path: string): Feature {
  const stages: Feature['stages'] = [];
  for (const stage of FEATURE_STAGES) {
    for (const release of kep.milestones[stage] ?? []) stages.push({ release, stage });
  }
  stages.sort(compareStageEvents);
  const sigs = kep.owningSig ? [kep.owningSig] : [];
  for (const sig of kep.participatingSigs) if (!sigs.includes(sig)) sigs.push(sig);
  return {
    id: String(kep.number),
    kep: kep.number,
    title: kep.title,
    sig: kep.owningSig,
    sigs,
    gates: kep.gates,
    url: kep.url,
    stages,
    source: 'kep',
    path,
    dir: kep.dir,
  };
}
