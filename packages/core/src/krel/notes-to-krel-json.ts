import { RelnotesError } from '../errors.js';
import type { ReleaseNote } from '../model.js';
import { type ClassificationRules, DEFAULT_RULES } from '../rules.js';
import { formatNoteMarkdown } from './format-note-markdown.js';
import type { KrelDocumentation, RelnotesKrelNote } from './krel-note.js';

export interface NotesToKrelJsonOptions {
  rules?: ClassificationRules;
  /** Writes the `markdown` field; krel's one-line format by default. */
  formatMarkdown?: (note: Readonly<ReleaseNote>, rules: Readonly<ClassificationRules>) => string;
}

/**
 * Writes notes as krel's release-notes JSON, keyed by PR number, with krel's field names and its
 * habit of leaving out empty lists and false flags, plus relnotes' own fields (`title`, `merged_at`,
 * `stage`, `stage_change`, `keps`, `feature_gates`, `features`, `highlight`, `data_fields`,
 * `provenance`), so that `notesFromKrelJson` reads everything back.
 */
export function notesToKrelJson(
  notes: readonly ReleaseNote[],
  options: Readonly<NotesToKrelJsonOptions> = {},
): Record<string, RelnotesKrelNote> {
  const rules = options.rules ?? DEFAULT_RULES;
  const format = options.formatMarkdown ?? formatNoteMarkdown;
  const result: Record<string, RelnotesKrelNote> = {};
  for (const note of notes) {
    const key = String(note.pr);
    if (Object.hasOwn(result, key)) {
      throw new RelnotesError('E_INPUT', `two notes for PR #${key}: krel's JSON holds one note per PR`, {
        hint: 'Merge or drop one of the notes before writing krel JSON.',
      });
    }
    result[key] = toKrelNote(note, format(note, rules));
  }
  return result;
}

function toKrelNote(note: Readonly<ReleaseNote>, markdown: string): RelnotesKrelNote {
  // Field order and left-out empties follow krel's own output.
  return {
    commit: note.commit ?? '',
    text: note.text,
    markdown,
    ...(note.docs.length > 0 ? { documentation: note.docs.map(toKrelDocumentation) } : {}),
    author: note.author.login,
    author_url: note.author.url,
    pr_url: note.prUrl,
    pr_number: note.pr,
    ...(note.areas.length > 0 ? { areas: [...note.areas] } : {}),
    ...(note.kinds.length > 0 ? { kinds: [...note.kinds] } : {}),
    ...(note.sigs.length > 0 ? { sigs: [...note.sigs] } : {}),
    ...(note.kinds.includes('feature') ? { feature: true } : {}),
    ...(note.sigs.length > 1 ? { duplicate: true } : {}),
    ...(note.kinds.length > 1 ? { duplicate_kind: true } : {}),
    ...(note.actionRequired ? { action_required: true } : {}),
    ...(note.doNotPublish ? { do_not_publish: true } : {}),
    title: note.title,
    merged_at: note.mergedAt,
    stage: note.stage,
    stage_change: note.stageChange,
    keps: unique(note.features.map((feature) => feature.kep)),
    feature_gates: unique(note.features.map((feature) => feature.gate)),
    features: note.features.map((feature) => ({ ...feature })),
    highlight: note.highlight,
    data_fields: structuredClone(note.dataFields),
    provenance: structuredClone(note.provenance),
  };
}

function toKrelDocumentation(doc: Readonly<ReleaseNote['docs'][number]>): KrelDocumentation {
  return doc.description === ''
    ? { url: doc.url, type: doc.type }
    : { description: doc.description, url: doc.url, type: doc.type };
}

function unique<T>(values: readonly (T | null)[]): T[] {
  const result: T[] = [];
  for (const value of values) if (value !== null && !result.includes(value)) result.push(value);
  return result;
}
