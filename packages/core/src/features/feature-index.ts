import type { Diagnostic } from '../model.js';
import type { Feature } from './feature.js';
import { kepToFeature, parseKepYaml } from './parse-kep-yaml.js';

/** Every tracked feature, with the lookups linking needs. */
export interface FeatureIndex {
  features: Feature[];
  /** KEP number → the KEP (the first folder, by path, when a number has two). */
  byKep: Map<number, Feature>;
  /** KEP folder (`keps/sig-node/2400-node-swap`) → the KEP. */
  byDir: Map<string, Feature>;
  /** Feature id (KEP number as a string, or features.yaml id) → feature. */
  byId: Map<string, Feature>;
  /** Feature-gate name → the features that declare it. */
  byGate: Map<string, Feature[]>;
  /** Tracking-issue URL (normalised) → feature, for features.yaml entries. */
  byUrl: Map<string, Feature>;
  diagnostics: Diagnostic[];
}

/** Lower-cased URL without scheme, `www.`, query, fragment or trailing slash. */
export function normaliseUrl(url: string): string {
  let out = url.trim().toLowerCase();
  const cut = out.search(/[?#]/);
  if (cut >= 0) out = out.slice(0, cut);
  out = out.replace(/^https?:\/\//, '').replace(/^www\./, '');
  while (out.endsWith('/') || out.endsWith(')') || out.endsWith('.')) out = out.slice(0, -1);
  return out;
}

/** Builds the index from features already read (KEPs, features.yaml entries, or both). */
export function createFeatureIndex(
  features: readonly Feature[],
  diagnostics: readonly Diagnostic[] = [],
): FeatureIndex {
  const index: FeatureIndex = {
    features: [],
    byKep: new Map(),
    byDir: new Map(),
    byId: new Map(),
    byGate: new Map(),
    byUrl: new Map(),
    diagnostics: [...diagnostics],
  };
  const sorted = [...features].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const feature of sorted) {
    index.features.push(feature);
    if (feature.kep !== null) {
      const first = index.byKep.get(feature.kep);
      if (first) {
        index.diagnostics.push({
          severity: 'warning',
          ruleId: 'kep-duplicate-number',
          message: `KEP ${feature.kep} has two folders: ${first.dir ?? first.path} and ${feature.dir ?? feature.path}; links by number use the first`,
          file: feature.path,
        });
      } else {
        index.byKep.set(feature.kep, feature);
      }
    }
    if (feature.dir) index.byDir.set(feature.dir.toLowerCase(), feature);
    if (!index.byId.has(feature.id)) index.byId.set(feature.id, feature);
    for (const gate of feature.gates) {
      const list = index.byGate.get(gate);
      if (list) {
        if (!list.includes(feature)) list.push(feature);
      } else index.byGate.set(gate, [feature]);
    }
    if (feature.source === 'features' && feature.url) index.byUrl.set(normaliseUrl(feature.url), feature);
  }
  return index;
}

/** Parses kep.yaml files and indexes them. Bad files become diagnostics; a number in two folders is reported. */
export function buildFeatureIndex(entries: readonly { path: string; source: string }[]): FeatureIndex {
  const diagnostics: Diagnostic[] = [];
  const features: Feature[] = [];
  for (const entry of entries) {
    const parsed = parseKepYaml(entry.source, entry.path);
    diagnostics.push(...parsed.diagnostics);
    if (parsed.kep) features.push(kepToFeature(parsed.kep, entry.path));
  }
  return createFeatureIndex(features, diagnostics);
}
