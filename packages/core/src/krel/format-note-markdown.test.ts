import { describe, expect, it } from 'vitest';
import { type ClassificationRules, DEFAULT_RULES } from '../rules.js';
import { formatNoteMarkdown } from './format-note-markdown.js';

const note = {
  pr: 31,
  prUrl: 'https://github.com/o/r/pull/31',
  author: { login: 'kim', url: 'https://github.com/kim' },
  sigs: [] as string[],
};

describe('formatNoteMarkdown', () => {
  it('writes text, PR and author links, capitalising the first letter', () => {
    expect(formatNoteMarkdown({ ...note, text: 'fixed a crash.' })).toBe(
      'Fixed a crash. ([#31](https://github.com/o/r/pull/31), [@kim](https://github.com/kim))',
    );
  });

  it('indents continuation lines (CRLF too) and appends the sorted SIG list', () => {
    expect(
      formatNoteMarkdown({ ...note, text: '`kubectl` now:\r\n- waits\n- retries', sigs: ['node', 'cli', 'apps'] }),
    ).toBe(
      '`kubectl` now:\n  - waits\n  - retries ([#31](https://github.com/o/r/pull/31), [@kim](https://github.com/kim)) [SIG Apps, CLI and Node]',
    );
  });

  it('names SIGs with the rules given', () => {
    const rules: ClassificationRules = { ...DEFAULT_RULES, sigNames: { ui: 'Frontend' } };
    expect(formatNoteMarkdown({ ...note, text: 'X', sigs: ['ui'] }, rules)).toMatch(/ \[SIG Frontend\]$/);
  });
});
