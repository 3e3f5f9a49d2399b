import type { Extraction, NoteStatus, Provenance, ProvenanceField, PullRequest, ReleaseNote } from '../model.js';
import { type ClassificationRules, DEFAULT_RULES } from '../rules.js';
import { classifyLabels } from './classify-labels.js';

const STAGE_LABEL_CONFIDENCE = 0.9;

const STATUS_REASONS: Readonly<Record<Exclude<NoteStatus, 'note'>, string>> = {
  none: 'the release-note block says there is no note',
  empty: 'the release-note block is empty',
  missing: 'the PR body has no release-note block',
};

/**
 * Builds the release note of a pull request from its labels and what `extractNote` found in its body.
 * Features, stage from KEPs or words, and highlights are left to later steps.
 */
export function classifyNote(
  pr: Readonly<PullRequest>,
  extraction: Readonly<Extraction>,
  rules: Readonly<ClassificationRules> = DEFAULT_RULES,
): ReleaseNote {
  const labels = classifyLabels(pr.labels, rules);
  const provenance: Partial<Record<ProvenanceField, Provenance[]>> = {};
  const record = (field: ProvenanceField, entry: Provenance) => {
    const list = provenance[field] ?? [];
    list.push(entry);
    provenance[field] = list;
  };

  if (extraction.status === 'note') {
    record('text', { source: 'text', detail: 'release-note block of the PR body', confidence: 1 });
  }
  const labelled: ReadonlyArray<readonly ['kinds' | 'sigs' | 'areas', string, readonly string[]]> = [
    ['kinds', rules.labelPrefixes.kind, labels.kinds],
    ['sigs', rules.labelPrefixes.sig, labels.sigs],
    ['areas', rules.labelPrefixes.area, labels.areas],
  ];
  for (const [field, prefix, values] of labelled) {
    for (const value of values) record(field, { source: 'label', detail: `label ${prefix}${value}`, confidence: 1 });
  }

  const actionLabel = pr.labels.find((label) => rules.actionRequiredLabels.includes(label));
  if (actionLabel !== undefined) record('actionRequired', labelProvenance(actionLabel));
  if (extraction.actionRequired) {
    record('actionRequired', { source: 'text', detail: 'action-required marker in the note', confidence: 1 });
  }

  const noneLabel = pr.labels.find((label) => rules.doNotPublishLabels.includes(label));
  if (noneLabel !== undefined) record('doNotPublish', labelProvenance(noneLabel));
  if (extraction.status !== 'note') {
    const marker = extraction.status === 'none' && extraction.noneMarker ? ` (${extraction.noneMarker})` : '';
    record('doNotPublish', { source: 'text', detail: `${STATUS_REASONS[extraction.status]}${marker}`, confidence: 1 });
  }

  if (labels.stage !== null && labels.stageLabel !== null) {
    const entry = {
      source: 'label',
      detail: `label ${labels.stageLabel}`,
      confidence: STAGE_LABEL_CONFIDENCE,
    } as const;
    record('stage', { ...entry });
    record('stageChange', { ...entry });
  }

  return {
    pr: pr.number,
    prUrl: pr.url,
    title: pr.title,
    text: extraction.text ?? '',
    // A cherry-pick credits the author of the original change.
    author: { ...(pr.cherryPickOf?.author ?? pr.author) },
    commit: pr.mergeCommit,
    mergedAt: pr.mergedAt,
    kinds: labels.kinds,
    sigs: labels.sigs,
    areas: labels.areas,
    stage: labels.stage,
    stageChange: labels.stage,
    features: [],
    actionRequired: labels.actionRequired || extraction.actionRequired,
    docs: extraction.docs.map((doc) => ({ ...doc })),
    highlight: false,
    doNotPublish: labels.doNotPublish || extraction.status !== 'note',
    dataFields: {},
    provenance,
  };
}

function labelProvenance(label: string): Provenance {
  return { source: 'label', detail: `label ${label}`, confidence: 1 };
}
