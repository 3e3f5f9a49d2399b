import type { FeatureStage } from '../model.js';
import type { FeatureStageEvent } from './feature.js';

/** A minor release such as `v1.29`, as two numbers. */
export interface ReleaseVersion {
  major: number;
  minor: number;
}

/** Reads `v1.29`, `1.29`, `v1.29.3` (patch ignored); null for anything else (`TBD`, ``). */
export function parseReleaseVersion(value: string): ReleaseVersion | null {
  const match = /^v?(\d{1,6})\.(\d{1,6})(?:\.\d{1,6})?$/.exec(value.trim());
  if (!match) return null;
  return { major: Number(match[1]), minor: Number(match[2]) };
}

/** The canonical spelling of a release: `v1.29`. */
export function formatReleaseVersion(version: ReleaseVersion): string {
  return `v${version.major}.${version.minor}`;
}

/** `v1.29` for any accepted spelling, or null. */
export function normaliseRelease(value: string): string | null {
  const version = parseReleaseVersion(value);
  return version ? formatReleaseVersion(version) : null;
}

export function compareReleaseVersions(a: ReleaseVersion, b: ReleaseVersion): number {
  return a.major - b.major || a.minor - b.minor;
}

/** When a feature has several stages in one release, the later one in a life cycle wins. */
export const STAGE_ORDER: Readonly<Record<FeatureStage, number>> = {
  alpha: 1,
  beta: 2,
  stable: 3,
  deprecated: 4,
  removed: 5,
};

/** Oldest release first; within a release, earlier in the life cycle first. */
export function compareStageEvents(a: FeatureStageEvent, b: FeatureStageEvent): number {
  const va = parseReleaseVersion(a.release);
  const vb = parseReleaseVersion(b.release);
  return (va && vb ? compareReleaseVersions(va, vb) : 0) || STAGE_ORDER[a.stage] - STAGE_ORDER[b.stage];
}
