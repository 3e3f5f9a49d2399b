import type { List, Nodes, Root } from 'mdast';
import { hasTooManyLines } from '../sanitize/parse-note-tree.js';
import { parseNoteBlocks } from './parse-markdown.js';

// micromark is quadratic in list nesting and in lazy continuation lines; notes past these bounds (or past
// MAX_PARSED_LINES lines) keep their text as written (whitespace aside) instead of risking a slow parse.
// Real notes are far below them.
export const MAX_STRUCTURED_NOTE_LENGTH = 10_000;
const MAX_LINE_PREFIX = 24;

function removeCommonIndent(lines: string[]): string[] {
  let common: string | null = null;
  for (const line of lines) {
    if (line.trim() === '') continue;
    let n = 0;
    while (n < line.length && (line[n] === ' ' || line[n] === '\t')) n++;
    const indent = line.slice(0, n);
    if (common === null) common = indent;
    else {
      let k = 0;
      while (k < common.length && k < indent.length && common[k] === indent[k]) k++;
      common = common.slice(0, k);
    }
    if (common === '') return lines;
  }
  const width = common?.length ?? 0;
  return width === 0 ? lines : lines.map((line) => line.slice(Math.min(width, line.length)));
}

/** Whitespace-only normalisation: LF, no trailing spaces, no common indent, no blank lines at the ends. */
function normalizeWhitespace(markdown: string): string {
  const lines = markdown
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd());
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start] === '') start++;
  while (end > start && lines[end - 1] === '') end--;
  return removeCommonIndent(lines.slice(start, end)).join('\n');
}

function hasDeepPrefix(text: string): boolean {
  for (const line of text.split('\n')) {
    let n = 0;
    while (n < line.length && n <= MAX_LINE_PREFIX && ' \t>-*+'.includes(line.charAt(n))) n++;
    if (n > MAX_LINE_PREFIX) return true;
  }
  return false;
}

function collectLists(root: Root): List[] {
  const lists: List[] = [];
  const stack: Nodes[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'list') lists.push(node);
    if ('children' in node) for (const child of node.children) stack.push(child);
  }
  return lists;
}

/** `-` for every bullet, one character replaced at each list item's marker. */
function dashBullets(text: string, lists: readonly List[]): string {
  const chars = text.split('');
  for (const list of lists) {
    if (list.ordered) continue;
    for (const item of list.children) {
      const offset = item.position?.start.offset;
      if (offset === undefined) continue;
      const marker = chars[offset];
      if (marker === '*' || marker === '+') chars[offset] = '-';
    }
  }
  return chars.join('');
}

/** A note that is one list item becomes that item's content, dedented by the marker's width. */
function unwrapSingleItem(text: string, root: Root): string {
  const only = root.children.length === 1 ? root.children[0] : undefined;
  if (only?.type !== 'list' || only.children.length !== 1) return text;
  const item = only.children[0];
  const first = item?.children[0];
  const itemStart = item?.position?.start;
  const contentStart = first?.position?.start;
  if (!itemStart || !contentStart || contentStart.line !== itemStart.line) return text;
  const width = contentStart.column - itemStart.column;
  const lines = text.split('\n');
  return lines
    .map((line, i) => {
      if (i === itemStart.line - 1) return line.slice(contentStart.column - 1);
      let n = 0;
      while (n < width && line[n] === ' ') n++;
      return line.slice(n);
    })
    .join('\n');
}

/**
 * Normalises a note's Markdown while keeping its words as written: LF line endings, no trailing
 * whitespace, common indentation removed, `-` bullets instead of `*` or `+`, a note that is a single list
 * item unwrapped to its content, trimmed. Nothing is escaped or re-flowed: remark-stringify would turn
 * `foo_bar [beta]` into `foo_bar \[beta]` and `*a*` into `_a_`, so list markers are edited in place at
 * the offsets remark-parse reports instead.
 */
export function normalizeNoteMarkdown(markdown: string): string {
  const text = normalizeWhitespace(markdown);
  if (text === '' || !canNormalizeStructure(text)) return text;
  const root = parseNoteBlocks(text);
  const dashed = dashBullets(text, collectLists(root));
  return normalizeWhitespace(unwrapSingleItem(dashed, root));
}

/** Whether normalizeNoteMarkdown can edit list markers in this text, or leaves it as written. */
export function canNormalizeStructure(markdown: string): boolean {
  return markdown.length <= MAX_STRUCTURED_NOTE_LENGTH && !hasDeepPrefix(markdown) && !hasTooManyLines(markdown);
}
