import { ansiEscapeEnd } from './ansi-escape.js';

/** What a character removed from a note was. */
export type UnsafeCharacterKind = 'control' | 'ansi-escape' | 'bidi' | 'zero-width' | 'invisible';

export interface RemovedCharacters {
  kind: UnsafeCharacterKind;
  count: number;
  /** The first one removed, as `U+001B`. */
  first: string;
}

export interface StrippedText {
  /** LF line endings, without the removed characters. */
  text: string;
  removed: RemovedCharacters[];
}

const ZWNJ = 0x200c;
const ZWJ = 0x200d;

/** Whether a character is unsafe in a note, and of which kind; null for a safe one (tab and LF included). */
export function unsafeCharacterKind(codePoint: number): UnsafeCharacterKind | null {
  const code = codePoint;
  if (code === 0x09 || code === 0x0a) return null;
  if (code < 0x20 || code === 0x7f || (code >= 0x80 && code <= 0x9f)) return 'control';
  if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) return 'bidi';
  if (code === 0x200e || code === 0x200f || code === 0x061c) return 'bidi';
  if ((code >= 0x200b && code <= 0x200d) || code === 0x2060 || code === 0xfeff || code === 0x180e) return 'zero-width';
  // Soft hyphen, combining grapheme joiner, invisible operators, deprecated format controls, annotation marks.
  if (code === 0xad || code === 0x034f || (code >= 0x2061 && code <= 0x2064)) return 'invisible';
  if ((code >= 0x206a && code <= 0x206f) || (code >= 0xfff9 && code <= 0xfffb)) return 'invisible';
  // Tag characters, shorthand format controls, musical format controls.
  if ((code >= 0xe0000 && code <= 0xe007f) || (code >= 0x1bca0 && code <= 0x1bca3)) return 'invisible';
  if (code >= 0x1d173 && code <= 0x1d17a) return 'invisible';
  return null;
}

/**
 * What a whitespace control stands for in a note's text: form feed and vertical tab a space, NEL (next
 * line) a line break; null for any other character. Removing them would glue the words on either side.
 */
export function whitespaceControlReplacement(codePoint: number): string | null {
  if (codePoint === 0x0b || codePoint === 0x0c) return ' ';
  return codePoint === 0x85 ? '\n' : null;
}

/**
 * Whether a zero-width joiner or non-joiner between these two characters is part of the text: it joins
 * emoji (👨‍👩‍👧), follows a variation selector (🏳️‍🌈) or shapes the letters of a script that needs it
 * (Persian, Hindi), all outside ASCII. Next to ASCII it only hides characters (`@\u200Dada`).
 */
export function joinsText(before: number, after: number): boolean {
  const joins = (code: number) => code > 0x7f && !isJoiner(code) && unsafeCharacterKind(code) === null;
  return joins(before) && joins(after);
}

/** U+200C or U+200D. */
export function isJoiner(codePoint: number): boolean {
  return codePoint === ZWJ || codePoint === ZWNJ;
}

/** The code point at `index` (a whole surrogate pair), and how many UTF-16 units it takes. */
function codePointAt(text: string, index: number): [number, number] {
  const codePoint = text.codePointAt(index) ?? 0;
  return [codePoint, codePoint > 0xffff ? 2 : 1];
}

/** Collects removed characters by kind: how many, and the first one. */
export class RemovedCharacterCounts {
  readonly #byKind = new Map<UnsafeCharacterKind, RemovedCharacters>();

  add(kind: UnsafeCharacterKind, codePoint: number): void {
    const seen = this.#byKind.get(kind);
    if (seen) seen.count++;
    else this.#byKind.set(kind, { kind, count: 1, first: hex(codePoint) });
  }

  addAll(removed: readonly RemovedCharacters[]): void {
    for (const entry of removed) {
      const seen = this.#byKind.get(entry.kind);
      if (seen) seen.count += entry.count;
      else this.#byKind.set(entry.kind, { ...entry });
    }
  }

  list(): RemovedCharacters[] {
    return [...this.#byKind.values()];
  }
}

function hex(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * One linear pass over a note: CRLF and lone CR become LF, form feed and vertical tab a space, NEL a line
 * break; ANSI escape sequences (whole), control characters (NUL included), bidirectional overrides,
 * zero-width characters and other invisible format characters (Unicode tags among them) are removed and
 * counted by kind. A zero-width joiner or non-joiner stays where it joins two characters outside ASCII.
 */
export function stripUnsafeCharacters(input: string): StrippedText {
  const out: string[] = [];
  const removed = new RemovedCharacterCounts();
  let runStart = 0;
  // The last character kept, for the joiner rule.
  let previous = 0;
  const replace = (i: number, length: number, by: string): void => {
    out.push(input.slice(runStart, i), by);
    runStart = i + length;
    if (by !== '') previous = by.charCodeAt(by.length - 1);
  };
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i);
    if (code === 0x0d) {
      replace(i, input.charCodeAt(i + 1) === 0x0a ? 2 : 1, '\n');
      i = runStart - 1;
      continue;
    }
    const escapeEnd = code === 0x1b || code === 0x9b || code === 0x9d ? ansiEscapeEnd(input, i) : -1;
    if (escapeEnd > i) {
      removed.add('ansi-escape', code);
      replace(i, escapeEnd - i, '');
      i = escapeEnd - 1;
      continue;
    }
    const [codePoint, length] = codePointAt(input, i);
    const whitespace = whitespaceControlReplacement(codePoint);
    const kind = whitespace === null ? unsafeCharacterKind(codePoint) : null;
    if (whitespace !== null) replace(i, length, whitespace);
    else if (kind && !(isJoiner(codePoint) && joinsText(previous, nextKept(input, i + 1)))) {
      removed.add(kind, codePoint);
      replace(i, length, '');
    } else previous = input.charCodeAt(i + length - 1);
    i += length - 1;
  }
  out.push(input.slice(runStart));
  return { text: out.join(''), removed: removed.list() };
}

/** The character at `index` if it is kept as it is (not removed or replaced), else 0. */
function nextKept(input: string, index: number): number {
  if (index >= input.length) return 0;
  const [codePoint] = codePointAt(input, index);
  const kept = unsafeCharacterKind(codePoint) === null && whitespaceControlReplacement(codePoint) === null;
  return kept ? input.charCodeAt(index) : 0;
}
