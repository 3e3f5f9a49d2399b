import {
  type ClassificationRules,
  type Diagnostic,
  type Extraction,
  type FeatureIndex,
  type FeatureLink,
  type FeatureStage,
  type NoteStatus,
  type Provenance,
  type ProvenanceField,
  type ReleaseNote,
  sectionOf,
} from '@relnotes/core';

export interface ExplainInputs {
  /** The note after every stage (override files, feature stages). */
  note: ReleaseNote;
  /** What the PR body gave, when the input had PR bodies (`--input`, `--github`); null for saved notes. */
  extraction: Extraction | null;
  /** Every diagnostic of the run; those of this PR are kept. */
  diagnostics: readonly Diagnostic[];
  index: FeatureIndex | undefined;
  rules: ClassificationRules;
  /** Where the notes came from, as the user named it. */
  input: string;
}

export interface ExplainedField {
  field: ProvenanceField;
  value: unknown;
  provenance: Provenance[];
}

export interface Explanation {
  pr: number;
  title: string;
  url: string;
  input: string;
  block: {
    status: NoteStatus | 'saved';
    why: string;
    text: string;
    noneMarker: string | null;
    actionRequired: boolean;
    docs: { url: string; description: string; type: string }[];
  };
  fields: ExplainedField[];
  features: (FeatureLink & { title: string | null; url: string | null })[];
  stage: {
    stage: FeatureStage | null;
    stageChange: FeatureStage | null;
    /** The rule that decided `stage_change`: its first provenance entry. */
    decidedBy: Provenance | null;
    conflicts: string[];
  };
  placement: { published: boolean; urgent: boolean; section: string | null; why: string };
  diagnostics: Diagnostic[];
}

const STATUS_WHY: Readonly<Record<NoteStatus, string>> = {
  note: 'the PR body has a release-note block with a note',
  none: 'the release-note block says there is no note',
  empty: 'the release-note block is empty',
  missing: 'the PR body has no release-note block',
};

const FIELDS: readonly ProvenanceField[] = [
  'text',
  'kinds',
  'sigs',
  'areas',
  'actionRequired',
  'doNotPublish',
  'features',
  'stageChange',
  'stage',
  'highlight',
];

/** Why one note looks the way it does: its block, each field's provenance, its stage and its section. */
export function explainNote(inputs: Readonly<ExplainInputs>): Explanation {
  const { note, extraction, rules } = inputs;
  const diagnostics = inputs.diagnostics.filter((diagnostic) => diagnostic.pr === note.pr);
  const fieldValue = (field: ProvenanceField): unknown =>
    field === 'features' ? note.features.map((link) => link.id) : note[field];
  const placed = sectionOf(note, rules);
  const dropReasons = (note.provenance.doNotPublish ?? []).map((p) => `${p.source}: ${p.detail}`);
  return {
    pr: note.pr,
    title: note.title,
    url: note.prUrl,
    input: inputs.input,
    block: {
      status: extraction?.status ?? 'saved',
      why: extraction
        ? `${STATUS_WHY[extraction.status]}${extraction.noneMarker ? ` (${extraction.noneMarker})` : ''}`
        : `read from saved notes (${inputs.input}); the PR body is not at hand`,
      text: extraction ? (extraction.text ?? '') : note.text,
      noneMarker: extraction?.noneMarker ?? null,
      actionRequired: extraction?.actionRequired ?? note.actionRequired,
      docs: (extraction?.docs ?? note.docs).map((doc) => ({ ...doc })),
    },
    fields: FIELDS.map((field) => ({ field, value: fieldValue(field), provenance: note.provenance[field] ?? [] })),
    features: note.features.map((link) => {
      const feature = inputs.index?.byId.get(link.id);
      return { ...link, title: feature?.title ?? null, url: feature?.url ?? null };
    }),
    stage: {
      stage: note.stage,
      stageChange: note.stageChange,
      decidedBy: note.provenance.stageChange?.[0] ?? null,
      conflicts: diagnostics.filter((d) => d.ruleId === 'stage-conflict').map((d) => d.message),
    },
    placement: note.doNotPublish
      ? {
          published: false,
          urgent: false,
          section: null,
          why: `not published: ${dropReasons.join('; ') || 'marked do-not-publish'}`,
        }
      : {
          published: true,
          urgent: placed.urgent,
          section: placed.urgent ? 'Urgent Upgrade Notes' : placed.section,
          why: placed.urgent
            ? 'action required: listed under Urgent Upgrade Notes'
            : note.kinds.length === 0
              ? `no kind: goes to "${placed.section}"`
              : `the first section that takes one of its kinds (${note.kinds.join(', ')})`,
        },
    diagnostics,
  };
}

const FIELD_NAMES: Readonly<Record<ProvenanceField, string>> = {
  text: 'text',
  kinds: 'kinds',
  sigs: 'sigs',
  areas: 'areas',
  actionRequired: 'action_required',
  doNotPublish: 'do_not_publish',
  features: 'features',
  stageChange: 'stage_change',
  stage: 'stage',
  highlight: 'highlight',
};

/** The explanation for a terminal. */
export function formatExplanation(explanation: Readonly<Explanation>): string {
  const out: string[] = [];
  const { block, stage, placement } = explanation;
  out.push(`PR #${explanation.pr}: ${explanation.title}`);
  if (explanation.url) out.push(`  ${explanation.url}`);
  out.push(`  from ${explanation.input}`, '');
  out.push(`Release-note block: ${block.status}: ${block.why}`);
  for (const line of (block.text || '(no text)').split('\n')) out.push(`  | ${line}`);
  if (block.actionRequired) out.push('  action required: yes');
  for (const doc of block.docs) out.push(`  docs: ${doc.description} ${doc.url} (${doc.type})`);
  out.push('', 'Fields:');
  for (const field of explanation.fields) {
    if (field.field === 'text') {
      out.push(`  ${'text'.padEnd(17)}${describeProvenance(field.provenance)}`);
      continue;
    }
    out.push(`  ${FIELD_NAMES[field.field].padEnd(17)}${describeValue(field.value)}`);
    for (const p of field.provenance) out.push(`  ${''.padEnd(17)}  ← ${describeOne(p)}`);
  }
  out.push('', 'Features:');
  if (explanation.features.length === 0) out.push('  none linked');
  for (const feature of explanation.features) {
    const name = feature.kep !== null ? `KEP-${feature.kep}` : feature.id;
    const title = feature.title ? ` ${feature.title}` : '';
    out.push(
      `  ${name}${title} (via ${feature.via}, confidence ${feature.confidence})${feature.url ? ` ${feature.url}` : ''}`,
    );
  }
  out.push('', 'Stage:');
  out.push(
    `  stage_change: ${stage.stageChange ?? 'none'}${stage.decidedBy ? ` — decided by ${describeOne(stage.decidedBy)}` : ''}`,
  );
  out.push(`  stage: ${stage.stage ?? 'none'}`);
  for (const conflict of stage.conflicts) out.push(`  conflict: ${conflict}`);
  out.push('', `Section: ${placement.section ?? '(not published)'} — ${placement.why}`);
  // Stage conflicts are shown under Stage already.
  const others = explanation.diagnostics.filter((d) => d.ruleId !== 'stage-conflict');
  if (others.length > 0) {
    out.push('', 'Diagnostics:');
    for (const d of others) out.push(`  ${d.severity}: ${d.message} [${d.ruleId}]`);
  }
  return `${out.join('\n')}\n`;
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.join(', ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return value === null || value === undefined ? '(none)' : String(value);
}

function describeOne(p: Readonly<Provenance>): string {
  return `${p.source}: ${p.detail} (confidence ${p.confidence})`;
}

function describeProvenance(list: readonly Provenance[]): string {
  return list.length === 0 ? '(no provenance recorded)' : list.map(describeOne).join('; ');
}
