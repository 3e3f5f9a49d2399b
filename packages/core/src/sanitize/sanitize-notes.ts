import type { Diagnostic, ReleaseNote } from '../model.js';
import { type SanitizeOptions, sanitizeNote } from './sanitize-note.js';

/** Sanitises the text of every note (see sanitizeNote); a note whose text changes is a copy. */
export function sanitizeNotes(
  notes: readonly ReleaseNote[],
  options: Readonly<Pick<SanitizeOptions, 'mentions'>> = {},
): { notes: ReleaseNote[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const sanitized = notes.map((note) => {
    const result = sanitizeNote(note.text, { ...options, pr: note.pr });
    diagnostics.push(...result.diagnostics);
    return result.markdown === note.text ? note : { ...note, text: result.markdown };
  });
  return { notes: sanitized, diagnostics };
}
