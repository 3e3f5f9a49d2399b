import type { Nodes, Root } from 'mdast';
import { autolinkLiteralAt } from './autolink-literal.js';
import { isEscaped, type TextEdit } from './text-edits.js';

function isSpace(char: string): boolean {
  return char === ' ' || char === '\t' || char === '\n';
}

/** Whether a bare URL GitHub links starts in `text[from, to)` and runs (at least) to `to`. */
function urlRunsTo(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const char = text.charAt(i);
    if ('hHfFw'.includes(char) && autolinkLiteralAt(text, i, to, false)) return true;
  }
  return false;
}

/** Where the word that ends at `end` starts: after the last whitespace or `<` before it, and not before `floor`. */
function wordStart(text: string, end: number, floor: number): number {
  let i = end;
  while (i > floor && !isSpace(text.charAt(i - 1)) && text.charAt(i - 1) !== '<') i--;
  return i;
}

/**
 * GitHub's bare URLs run over the source up to the next whitespace or `<`, whatever CommonMark reads there:
 * ``https://x.example/`<img src=…>` `` links the backticks and leaves the HTML of the code span live, and
 * `https://x.example/\<img …>` links the backslash and leaves the `<` unescaped. A space before such a code
 * span or escaped `<` ends the URL where CommonMark ends its text. Linear: a URL cannot run past a `<`, a
 * space or an earlier code span (before which a space goes too), so each scan back stops there.
 */
export function bareUrlBoundaryEdits(text: string, root: Root): TextEdit[] {
  const edits: TextEdit[] = [];
  const codeStarts: number[] = [];
  const codeEnds: number[] = [];
  const stack: Nodes[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start !== undefined && end !== undefined) {
      if (node.type === 'inlineCode') {
        codeStarts.push(start);
        codeEnds.push(end);
      } else if (node.type === 'text') {
        for (let i = text.indexOf('\\<', start); i >= 0 && i < end; i = text.indexOf('\\<', i + 2)) {
          if (!isEscaped(text, i, start) && urlRunsTo(text, wordStart(text, i, start), i)) {
            edits.push({ start: i, end: i, insert: ' ' });
          }
        }
      }
    }
    if ('children' in node) for (const child of node.children) stack.push(child as Nodes);
  }
  const order = codeStarts.map((_, index) => index).sort((a, b) => (codeStarts[a] ?? 0) - (codeStarts[b] ?? 0));
  let floor = 0;
  for (const index of order) {
    const start = codeStarts[index] as number;
    if (urlRunsTo(text, wordStart(text, start, floor), start)) edits.push({ start, end: start, insert: ' ' });
    floor = codeEnds[index] as number;
  }
  return edits;
}
