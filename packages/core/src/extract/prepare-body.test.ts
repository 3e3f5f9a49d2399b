import { describe, expect, it } from 'vitest';
import { extractNote } from './extract-note.js';
import { prepareBody } from './prepare-body.js';

describe('prepareBody removes whole ANSI escape sequences', () => {
  it('removes CSI sequences (ESC [ … m), not only the ESC that starts them', () => {
    const prepared = prepareBody('a\u001b[31mred\u001b[0m and \u001b[1;4mbold\u001b[m');
    expect(prepared.text).toBe('ared and bold');
    expect(prepared.removed.map((removed) => [removed.kind, removed.position.column])).toEqual([
      ['ansi-escape', 2],
      ['ansi-escape', 10],
      ['ansi-escape', 19],
      ['ansi-escape', 29],
    ]);
  });

  it('removes OSC sequences (a terminal hyperlink or title) up to BEL or ESC \\, and the one-byte C1 CSI', () => {
    const link = '\u001b]8;;https://evil.example\u0007here\u001b]8;;\u001b\\';
    expect(prepareBody(`see ${link} now \u009b31mred`).text).toBe('see here now red');
  });

  it('keeps line numbers: an unterminated sequence stops at the end of its line', () => {
    const prepared = prepareBody('one\u001b]0;title\ntwo\u001b[\nthree');
    expect(prepared.text).toBe('one\ntwo\nthree');
    expect(prepared.removed.map((removed) => removed.position)).toEqual([
      { line: 1, column: 4 },
      { line: 2, column: 4 },
    ]);
  });
});

describe('extractNote reports removed ANSI escapes', () => {
  it('names the PR and where the first sequence was, and keeps no [31m residue', () => {
    const body = 'Text.\n\n```release-note\na\u001b[31mred\u001b[0m\n```\n';
    const extraction = extractNote(body, { pr: 5 });
    expect(extraction.text).toBe('ared');
    expect(extraction.diagnostics).toEqual([
      expect.objectContaining({
        ruleId: 'ansi-escape',
        pr: 5,
        position: { line: 4, column: 2 },
        message: expect.stringContaining('Removed 2 ANSI escape sequences'),
      }),
    ]);
  });
});

describe('prepareBody keeps words apart', () => {
  it('turns form feed and vertical tab into a space instead of gluing the words on either side', () => {
    const prepared = prepareBody('Form\ffeed and vertical\u000btab');
    expect(prepared.text).toBe('Form feed and vertical tab');
    expect(prepared.removed).toEqual([]);
  });
});
