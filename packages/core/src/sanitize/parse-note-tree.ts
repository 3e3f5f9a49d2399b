import type { Root } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

// Emphasis (`attention`) is quadratic in micromark on runs like `*_*_*_…`, and a note's safety does not
// depend on it: everything else is parsed as GitHub would, so that positions point at real constructs.
const parser = unified()
  .use(remarkParse)
  .data('micromarkExtensions', [{ disable: { null: ['attention'] } }]);

/** A note's full Markdown structure (emphasis aside), with source positions. */
export function parseNoteTree(markdown: string): Root {
  return parser.parse(markdown);
}
