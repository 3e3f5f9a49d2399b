import type { FeatureStage } from '../model.js';

/** The stage a feature reached in one release (`v1.29`). */
export interface FeatureStageEvent {
  release: string;
  stage: FeatureStage;
}

/** A tracked feature: a KEP, or an entry of a features.yaml. */
export interface Feature {
  /** The KEP number as a string, or the features.yaml id. */
  id: string;
  kep: number | null;
  title: string;
  /** Owning SIG slug, without `sig-`. */
  sig: string | null;
  sigs: string[];
  gates: string[];
  /** Where to read about it: the KEP folder, or the tracking issue. */
  url: string | null;
  /** Every release in which it reached a stage, oldest first. */
  stages: FeatureStageEvent[];
  source: 'kep' | 'features';
  /** The file it was read from. */
  path: string;
  /** For a KEP: its folder, `keps/sig-node/2400-node-swap`. */
  dir: string | null;
}
