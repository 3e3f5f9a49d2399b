import type { ReleaseNote } from '../model.js';
import { type ClassificationRules, DEFAULT_RULES } from '../rules.js';

export interface NoteSection {
  /** Action-required notes go under "Urgent Upgrade Notes", whatever their kinds. */
  urgent: boolean;
  /** The title of the "Changes by Kind" section the note belongs to. */
  section: string;
}

/**
 * Picks the one section of a note: the first section of `rules.sections` that takes any of its kinds
 * (krel's kindPriority for notes with several kinds), else `rules.uncategorized`.
 *
 * Where krel differs, on purpose: krel gives a note with only unknown kinds a section of its own
 * (title-cased kind); here it is uncategorized. krel files a note with several kinds under a kind
 * even when it is action-required; here `urgent` is always set for action-required notes.
 */
export function sectionOf(
  note: Readonly<Pick<ReleaseNote, 'kinds' | 'actionRequired'>>,
  rules: Readonly<ClassificationRules> = DEFAULT_RULES,
): NoteSection {
  const rule = rules.sections.find((candidate) => candidate.kinds.some((kind) => note.kinds.includes(kind)));
  return { urgent: note.actionRequired, section: rule?.title ?? rules.uncategorized };
}

/** The kinds of a note that no section takes. */
export function unknownKinds(kinds: readonly string[], rules: Readonly<ClassificationRules> = DEFAULT_RULES): string[] {
  return kinds.filter((kind) => !rules.sections.some((section) => section.kinds.includes(kind)));
}
