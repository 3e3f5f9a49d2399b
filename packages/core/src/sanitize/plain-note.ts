// `&` for a character reference, which may stand for an invisible character or the `@` of a mention.
const INLINE_TRIGGERS = new Set(['<', '[', ']', '\\', '&']);
const LINE_START_TRIGGERS = new Set(['#', '=', '-', '*', '_', '+', '|']);
/** A line that starts with three of these opens a fence; one or two backticks are a code span (`` `kubelet` ``). */
const FENCE_CHARACTERS = new Set(['`', '~']);

function isSpace(char: string): boolean {
  return char === ' ' || char === '\t';
}

/** Skips block quote markers and list markers at the start of a line. */
function contentStart(text: string, from: number, end: number): number {
  let i = from;
  for (;;) {
    while (i < end && isSpace(text.charAt(i))) i++;
    const char = text.charAt(i);
    if (char === '>') {
      i++;
      continue;
    }
    if ((char === '-' || char === '*' || char === '+') && (i + 1 >= end || isSpace(text.charAt(i + 1)))) {
      i++;
      continue;
    }
    let digits = i;
    while (digits < end && digits - i < 10 && text.charCodeAt(digits) >= 0x30 && text.charCodeAt(digits) <= 0x39) {
      digits++;
    }
    const delimiter = text.charAt(digits);
    if (
      digits > i &&
      (delimiter === '.' || delimiter === ')') &&
      (digits + 1 >= end || isSpace(text.charAt(digits + 1)))
    ) {
      i = digits + 1;
      continue;
    }
    return i;
  }
}

/** A line of only `-`, `*`, `_`, `=`, `+`, `>` and spaces (`- - -`, `* * *`) may be a rule or an underline. */
function mayBeRule(text: string, from: number, end: number): boolean {
  let marks = 0;
  for (let i = from; i < end; i++) {
    const char = text.charAt(i);
    if (char === '-' || char === '*' || char === '_' || char === '=') marks++;
    else if (!isSpace(char) && char !== '>' && char !== '+') return false;
  }
  return marks > 0;
}

function opensFence(text: string, start: number): boolean {
  const char = text.charAt(start);
  return text.charAt(start + 1) === char && text.charAt(start + 2) === char;
}

/**
 * A cheap, conservative test: true only when the note cannot hold anything sanitizeNote would change
 * (no `<`, `[`, `]`, `&` or backslash; no line whose content starts with a heading, rule or setext character,
 * or with a fence). Most notes pass, and then need no Markdown parse at all.
 */
export function isPlainNote(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (INLINE_TRIGGERS.has(text.charAt(i))) return false;
  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const start = contentStart(text, lineStart, lineEnd);
    if (start < lineEnd && LINE_START_TRIGGERS.has(text.charAt(start))) return false;
    if (FENCE_CHARACTERS.has(text.charAt(start)) && opensFence(text, start)) return false;
    if (mayBeRule(text, lineStart, lineEnd)) return false;
    lineStart = lineEnd + 1;
  }
  return true;
}
