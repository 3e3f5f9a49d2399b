/** Replace `text[start, end)` with `insert`. */
export interface TextEdit {
  start: number;
  end: number;
  insert: string;
}

/** Applies edits in order of position; an edit overlapping an earlier one is left for the next pass. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  let previous: TextEdit | undefined;
  for (const edit of sorted) {
    // Two rules may ask for the same escape: apply it once.
    const same = previous?.start === edit.start && previous.end === edit.end && previous.insert === edit.insert;
    previous = edit;
    if (same || edit.start < at) continue;
    out += text.slice(at, edit.start) + edit.insert;
    at = edit.end;
  }
  return out + text.slice(at);
}

/** Backslash-escapes every ASCII punctuation character: the result is plain text in any Markdown context. */
export function escapeAllPunctuation(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.charCodeAt(0);
    const punctuation =
      (code >= 0x21 && code <= 0x2f) ||
      (code >= 0x3a && code <= 0x40) ||
      (code >= 0x5b && code <= 0x60) ||
      (code >= 0x7b && code <= 0x7e);
    out += punctuation ? `\\${char}` : char === '\n' ? ' ' : char;
  }
  return out;
}

/** Whether the character at `index` is backslash-escaped (an odd run of backslashes before it). */
export function isEscaped(text: string, index: number, from = 0): boolean {
  let slashes = 0;
  while (index - slashes > from && text.charCodeAt(index - slashes - 1) === 0x5c) slashes++;
  return slashes % 2 === 1;
}

const PREFIX_CHARACTERS = new Set([
  ' ',
  '\t',
  '>',
  '-',
  '*',
  '+',
  '.',
  ')',
  '0',
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
]);

/**
 * Tabs in a line's leading markers and indentation, as spaces to the next multiple of four. A tab's width
 * depends on its column, and a template moves the note right (`- ` before it): with spaces the note keeps
 * the block structure it had on its own.
 */
export function expandLeadingTabs(text: string): string {
  if (!text.includes('\t')) return text;
  let out = '';
  let column = 0;
  let inPrefix = true;
  for (const char of text) {
    if (char === '\n') {
      out += char;
      column = 0;
      inPrefix = true;
      continue;
    }
    if (inPrefix && char === '\t') {
      const width = 4 - (column % 4);
      out += ' '.repeat(width);
      column += width;
      continue;
    }
    if (!PREFIX_CHARACTERS.has(char)) inPrefix = false;
    out += char;
    column++;
  }
  return out;
}
