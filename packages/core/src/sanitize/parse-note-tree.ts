import type { Root } from 'mdast';
import { lazyMarkdownParser } from './load-markdown.js';

// Emphasis (`attention`) is quadratic in micromark on runs like `*_*_*_…`, and a note's safety does not
// depend on it: everything else is parsed as GitHub would (GFM tables included, which change what follows
// them), so that positions point at real constructs. GFM's footnotes and bare links are found in the text.
const parse = lazyMarkdownParser(['attention'], { tables: true });

// Past MAX_LINK_BRACKETS, a note's brackets are escaped rather than parsed: micromark scans back over every
// earlier bracket at each `]` (quadratic on `[a][a]…`). This parse finds everything else.
const parseWithoutLinks = lazyMarkdownParser(['attention', 'labelStartLink', 'labelStartImage', 'labelEnd'], {
  tables: true,
});

/** More `[` than this (not escaped) are escaped instead of parsed as links. */
export const MAX_LINK_BRACKETS = 500;

/**
 * Notes with more lines than this are not parsed: micromark is quadratic in the lines of a paragraph
 * continued lazily inside a block quote or list item (each one scans the paragraph's events again).
 * Real notes have a few dozen lines.
 */
export const MAX_PARSED_LINES = 300;

/**
 * A note's full Markdown structure (emphasis aside), with source positions. With `links: false`, links and
 * images are not parsed (their brackets stay text).
 */
export function parseNoteTree(markdown: string, options: Readonly<{ links?: boolean }> = {}): Root {
  return options.links === false ? parseWithoutLinks(markdown) : parse(markdown);
}

/** Whether the text has more than MAX_LINK_BRACKETS `[` that are not backslash-escaped (counting stops there). */
export function hasManyLinkBrackets(text: string): boolean {
  let count = 0;
  let slashes = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    if (char === '[' && slashes % 2 === 0 && ++count > MAX_LINK_BRACKETS) return true;
    slashes = char === '\\' ? slashes + 1 : 0;
  }
  return false;
}

/** Whether the text has more than MAX_PARSED_LINES lines (counting stops there). */
export function hasTooManyLines(text: string): boolean {
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    if (++lines > MAX_PARSED_LINES) return true;
  }
  return false;
}
