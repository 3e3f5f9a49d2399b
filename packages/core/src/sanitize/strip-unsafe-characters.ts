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

function kindOf(code: number): UnsafeCharacterKind | null {
  if (code === 0x09 || code === 0x0a) return null;
  if (code < 0x20 || code === 0x7f || (code >= 0x80 && code <= 0x9f)) return 'control';
  if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) return 'bidi';
  if (code === 0x200e || code === 0x200f || code === 0x061c) return 'bidi';
  if ((code >= 0x200b && code <= 0x200d) || code === 0x2060 || code === 0xfeff || code === 0x180e) return 'zero-width';
  // Soft hyphen, combining grapheme joiner, invisible operators, deprecated format controls, annotation marks.
  if (code === 0xad || code === 0x034f || (code >= 0x2061 && code <= 0x2064)) return 'invisible';
  if ((code >= 0x206a && code <= 0x206f) || (code >= 0xfff9 && code <= 0xfffb)) return 'invisible';
  return null;
}

/** Invisible format characters outside the BMP, from a surrogate pair: tags, shorthand and musical format controls. */
function isInvisibleAstral(high: number, low: number): boolean {
  if (high === 0xdb40) return low >= 0xdc00 && low <= 0xdc7f; // U+E0000–U+E007F, tag characters
  if (high === 0xd82f) return low >= 0xdca0 && low <= 0xdca3; // U+1BCA0–U+1BCA3
  if (high === 0xd834) return low >= 0xdd73 && low <= 0xdd7a; // U+1D173–U+1D17A
  return false;
}

function hex(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * One linear pass over a note: CRLF and lone CR become LF; ANSI escape sequences (whole), control characters
 * (NUL included), bidirectional overrides, zero-width characters and other invisible format characters
 * (Unicode tags among them) are removed and counted by kind.
 */
export function stripUnsafeCharacters(input: string): StrippedText {
  const out: string[] = [];
  const removed = new Map<UnsafeCharacterKind, RemovedCharacters>();
  const note = (kind: UnsafeCharacterKind, code: number): void => {
    const seen = removed.get(kind);
    if (seen) seen.count++;
    else removed.set(kind, { kind, count: 1, first: hex(code) });
  };
  let runStart = 0;
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i);
    if (code === 0x0d) {
      out.push(input.slice(runStart, i), '\n');
      if (input.charCodeAt(i + 1) === 0x0a) i++;
      runStart = i + 1;
      continue;
    }
    const escapeEnd = code === 0x1b || code === 0x9b || code === 0x9d ? ansiEscapeEnd(input, i) : -1;
    if (escapeEnd > i) {
      out.push(input.slice(runStart, i));
      note('ansi-escape', code);
      runStart = escapeEnd;
      i = escapeEnd - 1;
      continue;
    }
    if (code >= 0xd800 && code <= 0xdbff && isInvisibleAstral(code, input.charCodeAt(i + 1))) {
      out.push(input.slice(runStart, i));
      note('invisible', input.codePointAt(i) ?? code);
      runStart = i + 2;
      i++;
      continue;
    }
    const kind = kindOf(code);
    if (kind) {
      out.push(input.slice(runStart, i));
      note(kind, code);
      runStart = i + 1;
    }
  }
  out.push(input.slice(runStart));
  return { text: out.join(''), removed: [...removed.values()] };
}
