import type { Nodes, Paragraph } from 'mdast';
import { parseNoteTree } from '../sanitize/parse-note-tree.js';
import { sanitizeNote } from '../sanitize/sanitize-note.js';
import { escapeAllPunctuation } from '../sanitize/text-edits.js';

/** How much of a note is parsed to find its first paragraph: far more than a sentence needs. */
const MAX_PARSED = 4_000;

/**
 * The first sentence of a note's first paragraph, on one line: for a one-line summary such as a highlight.
 * Only paragraph text is used, never a code block's or an HTML block's content. Full stops inside code
 * spans (`v1.2`) do not end it; a sentence longer than `max` characters is cut at a space outside code spans
 * and ends with `…`. A trailing colon (a list's lead-in) becomes a full stop. The result is sanitised again
 * (see sanitizeNote): safe Markdown for one line of a list item, whatever the text given.
 */
export function firstSentence(text: string, max = 200): string {
  const flat = firstParagraphLines(text.replace(/\r\n?/g, '\n').trim()).join(' ');
  let end = flat.length;
  let lastSpace = -1;
  let i = 0;
  while (i < flat.length) {
    const char = flat[i];
    if (char === '`') {
      let run = 0;
      while (flat[i + run] === '`') run++;
      const close = flat.indexOf('`'.repeat(run), i + run);
      i = close < 0 ? i + run : close + run;
      continue;
    }
    if (i >= max) break;
    if (char === ' ') lastSpace = i;
    if ((char === '.' || char === '!' || char === '?') && (i + 1 === flat.length || flat[i + 1] === ' ')) {
      end = i + 1;
      break;
    }
    i++;
  }
  // A lead-in to a list ("three new subcommands:") reads as a sentence on its own line.
  if (end <= max) return safeLine(inline(flat.endsWith(':', end) ? `${flat.slice(0, end - 1)}.` : flat.slice(0, end)));
  return safeLine(inline(`${flat.slice(0, lastSpace > 0 ? lastSpace : max).trimEnd()}…`));
}

/** The lines of the first paragraph, trimmed; none when the note has no paragraph (only code, say). */
function firstParagraphLines(text: string): string[] {
  const chunk: string[] = [];
  for (const line of text.split('\n', 200)) {
    if (line.trim() === '') break;
    chunk.push(line.trim());
  }
  // Lines that nothing can interrupt or turn into another block are one paragraph: no parse needed.
  if (chunk.length > 0 && chunk.length < 200 && chunk.every(isParagraphLine)) return chunk;
  const head = text.slice(0, MAX_PARSED);
  const paragraph = findParagraph(parseNoteTree(head));
  const start = paragraph?.position?.start.offset;
  const end = paragraph?.position?.end.offset;
  if (start === undefined || end === undefined) return [];
  // Continuation lines of a paragraph in a block quote or list item carry its container's markers.
  return head
    .slice(start, end)
    .split('\n')
    .map((line, index) => (index === 0 ? line : skipContainerPrefix(line)).trim());
}

/** The first paragraph in document order, at any depth (a note may open with a list). */
function findParagraph(root: Nodes): Paragraph | undefined {
  const stack: Nodes[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'paragraph') return node;
    if (node.type === 'code' || node.type === 'html') continue;
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
  return undefined;
}

function skipContainerPrefix(line: string): string {
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t' || line[i] === '>')) i++;
  return line.slice(i);
}

/** A trimmed line that cannot start a heading, fence, quote, list, rule, HTML block, table or definition. */
function isParagraphLine(line: string): boolean {
  const first = line.charCodeAt(0);
  if (first >= 0x30 && first <= 0x39) return false;
  return !'#`~>-*+_=<[|'.includes(line.charAt(0));
}

/**
 * The sentence stays one paragraph wherever a template puts it: a leading fence, block quote or list marker
 * of the note (now followed by the whole sentence on one line) is escaped.
 */
function inline(sentence: string): string {
  if (sentence.startsWith('```') || sentence.startsWith('~~~') || sentence.startsWith('>')) return `\\${sentence}`;
  const first = sentence.charAt(0);
  if ((first === '-' || first === '+' || first === '*') && isBlank(sentence.charAt(1))) return `\\${sentence}`;
  let digits = 0;
  while (digits < 10 && sentence.charAt(digits) >= '0' && sentence.charAt(digits) <= '9') digits++;
  const delimiter = sentence.charAt(digits);
  if (digits > 0 && (delimiter === '.' || delimiter === ')') && isBlank(sentence.charAt(digits + 1))) {
    return `${sentence.slice(0, digits)}\\${sentence.slice(digits)}`;
  }
  return sentence;
}

/** Sanitised again (a no-op for text that came from a sanitised note); plain text if that would not stay one line. */
function safeLine(sentence: string): string {
  const safe = sanitizeNote(sentence).markdown;
  return safe.includes('\n') ? escapeAllPunctuation(sentence) : safe;
}

function isBlank(char: string): boolean {
  return char === '' || char === ' ' || char === '\t';
}
