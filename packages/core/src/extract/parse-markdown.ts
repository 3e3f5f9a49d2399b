import type { Root } from 'mdast';
import { lazyMarkdownParser } from '../sanitize/load-markdown.js';

// Inline constructs are never needed to find blocks or list markers, and some of them (links, emphasis)
// make micromark super-linear on hostile input; turning them off keeps parsing fast and predictable.
const INLINE_CONSTRUCTS = [
  'attention',
  'autolink',
  'characterEscape',
  'characterReference',
  'codeText',
  'hardBreakEscape',
  'htmlText',
  'labelEnd',
  'labelStartImage',
  'labelStartLink',
];

// For a PR body only fences and HTML comments matter. Nested containers (block quotes, lists) are quadratic
// in micromark at depth, so they are off too; with indented code off, an indented fence (as inside a list
// item) is still a fence.
const parseBody = lazyMarkdownParser([
  ...INLINE_CONSTRUCTS,
  'blockQuote',
  'list',
  'codeIndented',
  'definition',
  'headingAtx',
  'setextUnderline',
  'thematicBreak',
]);

// Setext headings are off too: micromark copies every event for each one (quadratic on `a\n-\n` × 2,500),
// and a setext underline never changes which lines are list items.
const parseNote = lazyMarkdownParser([...INLINE_CONSTRUCTS, 'setextUnderline']);

/** Block structure of a PR body: top-level fenced code, HTML and paragraphs only. */
export function parseBodyBlocks(text: string): Root {
  return parseBody(text);
}

/** Block structure of a note (lists, code, headings) without inline content. */
export function parseNoteBlocks(text: string): Root {
  return parseNote(text);
}
