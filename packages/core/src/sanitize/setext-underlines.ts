/**
 * Past this many, lines that may underline a setext heading are escaped before a note is parsed: micromark
 * copies every event of the document for each setext heading it finds, which is quadratic in their number.
 */
export const MAX_SETEXT_UNDERLINES = 50;

/**
 * Where the marks of a line that may underline a setext heading start (`===`, `---`, `-`, after up to any
 * indentation and `>` markers, with only spaces after), or -1. Such a line follows a line with text.
 */
function underlineStart(text: string, lineStart: number, lineEnd: number): number {
  let i = lineStart;
  while (i < lineEnd && (text.charAt(i) === ' ' || text.charAt(i) === '\t' || text.charAt(i) === '>')) i++;
  const mark = text.charAt(i);
  if (i === lineEnd || (mark !== '=' && mark !== '-')) return -1;
  let j = i;
  while (j < lineEnd && text.charAt(j) === mark) j++;
  while (j < lineEnd && (text.charAt(j) === ' ' || text.charAt(j) === '\t')) j++;
  return j === lineEnd ? i : -1;
}

function hasText(text: string, lineStart: number, lineEnd: number): boolean {
  for (let i = lineStart; i < lineEnd; i++) {
    const char = text.charAt(i);
    if (char !== ' ' && char !== '\t' && char !== '>') return true;
  }
  return false;
}

/**
 * When the note has more than MAX_SETEXT_UNDERLINES lines that may underline a setext heading, the note
 * with a backslash before each of them (the edit sanitizeNote makes for a real setext heading, done before
 * the parse instead of after it); else null. One linear pass.
 */
export function escapeManySetextUnderlines(text: string): string | null {
  const starts: number[] = [];
  let previousHasText = false;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const start = previousHasText ? underlineStart(text, lineStart, lineEnd) : -1;
    if (start >= 0) starts.push(start);
    previousHasText = hasText(text, lineStart, lineEnd);
    lineStart = lineEnd + 1;
  }
  if (starts.length <= MAX_SETEXT_UNDERLINES) return null;
  let out = '';
  let at = 0;
  for (const start of starts) {
    out += `${text.slice(at, start)}\\`;
    at = start;
  }
  return out + text.slice(at);
}
