import type { FeatureLink, ReleaseNote } from '../model.js';
import type { Feature } from './feature.js';
import type { FeatureIndex } from './feature-index.js';
import { normaliseUrl } from './feature-index.js';

/** Confidence of each way a note can name a feature. A bare word equal to a gate name never links alone. */
export const LINK_CONFIDENCE = {
  'docs-kep': 1,
  'docs-issue': 0.95,
  'docs-url': 0.95,
  'text-kep': 0.9,
  'text-issue': 0.85,
  'text-url': 0.85,
  'kep-reference': 0.9,
  'feature-id': 0.9,
  gate: 0.8,
  'gate-quoted': 0.7,
  'gate-bare': 0.3,
} as const;

export type LinkVia = keyof typeof LINK_CONFIDENCE;

const isWordChar = (code: number) =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
const isDigit = (code: number) => code >= 48 && code <= 57;

function readDigits(text: string, from: number): string {
  let end = from;
  while (end < text.length && isDigit(text.charCodeAt(end))) end++;
  const length = end - from;
  if (length === 0 || length > 6) return '';
  if (end < text.length && isWordChar(text.charCodeAt(end))) return '';
  return text.slice(from, end);
}

/** Every index of `needle` in `haystack` (both already lower-cased). */
function indexesOf(haystack: string, needle: string): number[] {
  const out: number[] = [];
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) out.push(at);
  return out;
}

interface Found {
  feature: Feature | null;
  kep: number | null;
  gate: string | null;
  via: LinkVia;
}

/** KEP numbers named by KEP-folder paths, kep.k8s.io and enhancements-issue URLs in a piece of text. */
function findKepReferences(text: string, lower: string, index: FeatureIndex, inDocs: boolean): Found[] {
  const found: Found[] = [];
  let pathEnd = 0;
  const byNumber = (kep: number, via: LinkVia): Found => ({
    feature: index.byKep.get(kep) ?? null,
    kep,
    gate: null,
    via,
  });
  // Each path is read once: the next search starts where it ended, so `keps/keps/…` stays linear.
  for (let at = lower.indexOf('keps/'); at >= 0; at = lower.indexOf('keps/', Math.max(at + 5, pathEnd))) {
    let end = at + 5;
    while (end < lower.length && /[a-z0-9._/-]/.test(lower.charAt(end))) end++;
    pathEnd = end;
    if (at > 0 && isWordChar(lower.charCodeAt(at - 1))) continue;
    const segments = text.slice(at, end).split('/');
    for (let i = 1; i < segments.length; i++) {
      const match = /^(\d{1,6})(?:-|$)/.exec(segments[i] ?? '');
      if (!match) continue;
      const dir = segments
        .slice(0, i + 1)
        .join('/')
        .toLowerCase();
      const feature = index.byDir.get(dir) ?? index.byKep.get(Number(match[1])) ?? null;
      found.push({ feature, kep: Number(match[1]), gate: null, via: inDocs ? 'docs-kep' : 'text-kep' });
      break;
    }
  }
  for (const at of indexesOf(lower, 'kep.k8s.io/')) {
    const digits = readDigits(lower, at + 11);
    if (digits) found.push(byNumber(Number(digits), inDocs ? 'docs-kep' : 'text-kep'));
  }
  // Only Kubernetes' tracking issues are KEPs; another project's enhancements repo is matched by its features.yaml URLs.
  for (const marker of ['kubernetes/enhancements/issues/', 'kubernetes/enhancements/issue/']) {
    for (const at of indexesOf(lower, marker)) {
      const digits = readDigits(lower, at + marker.length);
      if (digits) found.push(byNumber(Number(digits), inDocs ? 'docs-issue' : 'text-issue'));
    }
  }
  // KEP-1234, KEP 1234, KEP #1234, KEP-#1234
  for (const at of indexesOf(lower, 'kep')) {
    if (at > 0 && isWordChar(lower.charCodeAt(at - 1))) continue;
    let pos = at + 3;
    const sep = lower[pos];
    if (sep !== '-' && sep !== ' ' && sep !== '#' && sep !== '_') continue;
    pos++;
    if (sep !== '#' && lower[pos] === '#') pos++;
    const digits = readDigits(lower, pos);
    if (digits) found.push(byNumber(Number(digits), 'kep-reference'));
  }
  return found;
}

function findUrls(text: string): string[] {
  const urls: string[] = [];
  const lower = text.toLowerCase();
  for (let at = lower.indexOf('http'); at >= 0; ) {
    let end = at;
    while (end < text.length && !/[\s<>"'`\])]/.test(text.charAt(end))) end++;
    urls.push(text.slice(at, end));
    at = lower.indexOf('http', Math.max(end, at + 4));
  }
  return urls;
}

const GATE_PHRASES = ['feature gate', 'feature-gate', 'featuregate', 'feature flag', 'feature-flag'];
const GATE_NEAR = 80;

function findGates(text: string, index: FeatureIndex): Found[] {
  if (index.byGate.size === 0) return [];
  const lower = text.toLowerCase();
  const phrases = GATE_PHRASES.flatMap((phrase) => indexesOf(lower, phrase)).sort((a, b) => a - b);
  // Binary search for the phrase nearest to a word: many gate names and phrases must not multiply.
  const near = (at: number) => {
    let low = 0;
    let high = phrases.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((phrases[mid] ?? 0) < at - GATE_NEAR) low = mid + 1;
      else high = mid;
    }
    return low < phrases.length && (phrases[low] ?? 0) <= at + GATE_NEAR;
  };
  const found: Found[] = [];
  let inCode = false;
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 96) {
      inCode = !inCode;
      i++;
      continue;
    }
    const startsWord =
      ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) && (i === 0 || !isWordChar(text.charCodeAt(i - 1)));
    if (!startsWord) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < text.length && isWordChar(text.charCodeAt(end))) end++;
    const word = text.slice(i, end);
    const features = index.byGate.get(word);
    if (features) {
      const before = text[i - 1];
      const quoted = (before === "'" || before === '"') && text[end] === before;
      const via: LinkVia = inCode || near(i) ? 'gate' : quoted ? 'gate-quoted' : 'gate-bare';
      for (const feature of features) found.push({ feature, kep: feature.kep, gate: word, via });
    }
    i = end;
  }
  return found;
}

function findFeatureIds(lower: string, index: FeatureIndex): Found[] {
  const found: Found[] = [];
  for (const at of indexesOf(lower, 'feature:')) {
    let pos = at + 8;
    while (lower[pos] === ' ') pos++;
    let end = pos;
    while (end < lower.length && /[a-z0-9-]/.test(lower.charAt(end))) end++;
    const feature = index.byId.get(lower.slice(pos, end));
    if (feature) found.push({ feature, kep: feature.kep, gate: null, via: 'feature-id' });
  }
  return found;
}

/**
 * Finds the features a note names: KEP folder links in any form, kep.k8s.io and enhancements-issue links,
 * `KEP-1234`, tracking-issue URLs and `feature: id` of a features.yaml, and feature-gate names (in backticks
 * or next to "feature gate"). Strongest link first; a bare word equal to a gate name only confirms a feature
 * already linked another way.
 */
export function linkFeatures(note: Readonly<Pick<ReleaseNote, 'text' | 'docs'>>, index: FeatureIndex): FeatureLink[] {
  return matchFeatures(note, index).map((match) => match.link);
}

/** As linkFeatures, with the feature each link resolved to (which folder, when a KEP number has two). */
export function matchFeatures(
  note: Readonly<Pick<ReleaseNote, 'text' | 'docs'>>,
  index: FeatureIndex,
): { link: FeatureLink; feature: Feature | null }[] {
  const found: Found[] = [];
  for (const doc of note.docs) {
    found.push(...findKepReferences(doc.url, doc.url.toLowerCase(), index, true));
    const feature = index.byUrl.get(normaliseUrl(doc.url));
    if (feature) found.push({ feature, kep: feature.kep, gate: null, via: 'docs-url' });
  }
  const lower = note.text.toLowerCase();
  found.push(...findKepReferences(note.text, lower, index, false));
  if (index.byUrl.size > 0) {
    for (const url of findUrls(note.text)) {
      const feature = index.byUrl.get(normaliseUrl(url));
      if (feature) found.push({ feature, kep: feature.kep, gate: null, via: 'text-url' });
    }
  }
  found.push(...findFeatureIds(lower, index));
  found.push(...findGates(note.text, index));

  const links = new Map<string, { link: FeatureLink; feature: Feature | null }>();
  for (const f of found) {
    const id = f.feature?.id ?? (f.kep !== null ? String(f.kep) : null);
    if (id === null) continue;
    const confidence = LINK_CONFIDENCE[f.via];
    const previous = links.get(id);
    if (!previous || previous.link.confidence < confidence) {
      const gate = f.gate ?? previous?.link.gate ?? null;
      links.set(id, { link: { id, kep: f.kep, gate, via: f.via, confidence }, feature: f.feature });
    } else if (previous.link.gate === null && f.gate !== null) {
      previous.link.gate = f.gate;
    }
  }
  const weak = LINK_CONFIDENCE['gate-bare'];
  return [...links.values()]
    .filter(({ link }) => link.confidence > weak)
    .sort((a, b) => b.link.confidence - a.link.confidence);
}
