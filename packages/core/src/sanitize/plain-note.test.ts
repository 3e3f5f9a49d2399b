import fc from 'fast-check';
import type { Nodes } from 'mdast';
import { describe, expect, it } from 'vitest';
import { parseNoteTree } from './parse-note-tree.js';
import { isPlainNote } from './plain-note.js';

const RISKY = new Set(['heading', 'thematicBreak', 'html', 'definition', 'link', 'linkReference', 'image', 'code']);

function riskyNodes(text: string): string[] {
  const found: string[] = [];
  const stack: Nodes[] = [parseNoteTree(text)];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (
      RISKY.has(node.type) &&
      !(node.type === 'code' && !/^\s*(```|~~~)/.test(text.slice(node.position?.start.offset)))
    ) {
      found.push(node.type);
    }
    if ('children' in node) stack.push(...(node.children as Nodes[]));
  }
  return found;
}

const PIECES = [
  '#',
  '-',
  '*',
  '_',
  '=',
  '+',
  '>',
  '1.',
  '2)',
  ' ',
  '  ',
  '    ',
  '\n',
  '\n\n',
  '`',
  '~',
  'a',
  'word',
  '<',
  '[',
  ']',
  '(x)',
  ':',
  '|',
];

describe('isPlainNote', () => {
  it('says plain only for notes without headings, rules, HTML, links, definitions or fences (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 16 }), (pieces) => {
        const text = pieces.join('');
        if (isPlainNote(text)) expect(riskyNodes(text)).toEqual([]);
      }),
      { numRuns: process.env.CI === 'true' ? 5000 : 1000 },
    );
  });

  it.each([
    ['an ordinary note with a list and code', 'Fixed `a_b` for 2 * 3 cases:\n\n- one\n- two', true],
    ['a heading', 'a\n# b', false],
    ['a heading in a list item', '- # b', false],
    ['a spaced rule', ' - - -', false],
    ['a setext underline', 'a\n===', false],
    ['a fence', '```\nx', false],
    ['a tilde fence in a list item', '- ~~~\nx', false],
    ['a note that starts with a code span (most Kubernetes notes)', '`kubelet` now checks\n`x` too', true],
    ['a link', 'see [x](y)', false],
    ['HTML', 'a <b>', false],
  ])('%s: %s', (_, text, plain) => {
    expect(isPlainNote(text)).toBe(plain);
  });
});
