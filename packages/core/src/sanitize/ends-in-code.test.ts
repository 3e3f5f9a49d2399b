import { describe, expect, it } from 'vitest';
import { endsInCode } from './ends-in-code.js';

describe('endsInCode', () => {
  it.each([
    ['a closed fence', 'Run:\n```\nx\n```', true],
    ['a fence in a list item', '- a\n  ```\n  x\n  ```', true],
    ['a fence in a block quote', '> ```\n> x\n> ```', true],
    ['indented code', 'a\n\n    code', true],
    ['indented code in a quote, on one line', '>     code', true],
    ['a tab-indented list item', '+ \tcode', false],
    ['a paragraph after code', '```\nx\n```\nafter', false],
    ['plain text with a code span', 'uses `a` and `b`', false],
    ['a list', '- a\n- b', false],
    // GFM: a table is not a paragraph, so an indented line after it is code (on GitHub too).
    ['an indented line after a table', '| a | b |\n|---|---|\n    indented', true],
    ['a table', '| a | b |\n|---|---|\n| c | d |', false],
  ])('%s: %s', (_, text, expected) => {
    expect(endsInCode(text)).toBe(expected);
  });
});
