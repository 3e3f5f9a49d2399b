import type { FeatureStage } from '../model.js';
import { type ClassificationRules, DEFAULT_RULES } from '../rules.js';

/** What the labels of a pull request say about its note. */
export interface LabelClassification {
  kinds: string[];
  sigs: string[];
  areas: string[];
  actionRequired: boolean;
  doNotPublish: boolean;
  /** The stage of the first stage label, in label order. */
  stage: FeatureStage | null;
  stageLabel: string | null;
}

/**
 * Sorts labels into kinds, SIGs and areas by their exact prefix (`kind/bug` → `bug`; `kind` alone is
 * no kind), de-duplicated in label order, and reads the action-required, do-not-publish and stage labels.
 */
export function classifyLabels(
  labels: readonly string[],
  rules: Readonly<ClassificationRules> = DEFAULT_RULES,
): LabelClassification {
  const { kind, sig, area } = rules.labelPrefixes;
  const result: LabelClassification = {
    kinds: [],
    sigs: [],
    areas: [],
    actionRequired: false,
    doNotPublish: false,
    stage: null,
    stageLabel: null,
  };
  for (const label of labels) {
    addSuffix(result.kinds, label, kind);
    addSuffix(result.sigs, label, sig);
    addSuffix(result.areas, label, area);
    if (rules.actionRequiredLabels.includes(label)) result.actionRequired = true;
    if (rules.doNotPublishLabels.includes(label)) result.doNotPublish = true;
    const stage = Object.hasOwn(rules.stageLabels, label) ? rules.stageLabels[label] : undefined;
    if (stage !== undefined && result.stage === null) {
      result.stage = stage;
      result.stageLabel = label;
    }
  }
  return result;
}

function addSuffix(target: string[], label: string, prefix: string): void {
  if (prefix === '' || !label.startsWith(prefix)) return;
  const value = label.slice(prefix.length);
  if (value !== '' && !target.includes(value)) target.push(value);
}
