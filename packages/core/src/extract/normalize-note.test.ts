import { describe, expect, it } from 'vitest';
import { normalizeNoteMarkdown } from './normalize-note.js';

describe('normalizeNoteMarkdown', () => {
  it('keeps plain text exactly as written (no escaping of _ * [ ])', () => {
    const text = 'Fixed foo_bar [beta] so 2 * 3 works and *emph* stays; `a_b` too.';
    expect(normalizeNoteMarkdown(text)).toBe(text);
  });

  it('turns * and + bullets into -, at every depth, leaving ordered lists alone', () => {
    expect(normalizeNoteMarkdown('* one\n* two\n  + two-a\n1. first\n2. second')).toBe(
      '- one\n- two\n  - two-a\n1. first\n2. second',
    );
  });

  it('does not touch a * inside a fenced code block', () => {
    const text = 'Examples:\n\n```\n* not a bullet\n```';
    expect(normalizeNoteMarkdown(text)).toBe(text);
  });

  it('unwraps a single-item list with continuation lines and a sub-list', () => {
    expect(normalizeNoteMarkdown('- Gizmos resize.\n  More detail.\n  - sub one\n  - sub two')).toBe(
      'Gizmos resize.\nMore detail.\n- sub one\n- sub two',
    );
  });

  it('keeps a two-item list a list', () => {
    expect(normalizeNoteMarkdown('- a\n- b')).toBe('- a\n- b');
  });

  it('removes trailing whitespace, CRLF, common indentation and blank edges', () => {
    expect(normalizeNoteMarkdown('\r\n\r\n    Gizmos resize.  \r\n      Indented more.\t\r\n\r\n')).toBe(
      'Gizmos resize.\n  Indented more.',
    );
  });

  it('returns an empty string for blank input', () => {
    expect(normalizeNoteMarkdown(' \n\t\n')).toBe('');
  });
});
