import { describe, expect, it } from 'vitest';
import { createReleaseNote } from '../create-release-note.js';
import type { ReleaseNote } from '../model.js';
import { sanitizeNotes } from './sanitize-notes.js';

function note(pr: number, text: string): ReleaseNote {
  return createReleaseNote({ pr, prUrl: '', text, author: { login: 'ada', url: '' } });
}

describe('sanitizeNotes', () => {
  it('keeps safe notes as the same objects and copies changed ones, with diagnostics naming each PR', () => {
    const safe = note(1, 'Gizmos resize.');
    const hostile = note(2, '## Injected\u200b');
    const result = sanitizeNotes([safe, hostile]);
    expect(result.notes[0]).toBe(safe);
    expect(result.notes[1]).toEqual({ ...hostile, text: '\\## Injected' });
    expect(hostile.text).toBe('## Injected\u200b');
    expect(result.diagnostics.map((d) => [d.pr, d.ruleId])).toEqual([
      [2, 'zero-width-character'],
      [2, 'note-heading'],
    ]);
  });

  it('neutralises mentions when asked', () => {
    expect(sanitizeNotes([note(1, 'cc @ada')], { mentions: false }).notes[0]?.text).toBe('cc `@ada`');
  });
});
