/** What a character removed from a note was. */
export type UnsafeCharacterKind = 'control' | 'ansi-escape' | 'bidi' | 'zero-width';

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
  return null;
}

/** The end of an ANSI escape sequence starting with ESC at `start` (CSI `ESC [ … final`, OSC `ESC ] … BEL|ST`, or ESC + one char). */
function ansiEnd(text: string, start: number): number {
  const next = text.charAt(start + 1);
  if (next === '[') {
    let i = start + 2;
    // Parameter and intermediate bytes, then one final byte in @..~.
    while (i < text.length && text.charCodeAt(i) >= 0x20 && text.charCodeAt(i) <= 0x3f) i++;
    const final = text.charCodeAt(i);
    return final >= 0x40 && final <= 0x7e ? i + 1 : i;
  }
  if (next === ']') {
    let i = start + 2;
    while (i < text.length && text.charCodeAt(i) !== 0x07 && text.charCodeAt(i) !== 0x0a) {
      if (text.charCodeAt(i) === 0x1b && text.charAt(i + 1) === '\\') return i + 2;
      i++;
    }
    return text.charCodeAt(i) === 0x07 ? i + 1 : i;
  }
  return next === '' || next === '\n' ? start + 1 : start + 2;
}

function hex(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * One linear pass over a note: CRLF and lone CR become LF; ANSI escape sequences, control characters
 * (NUL included), bidirectional overrides and zero-width characters are removed and counted by kind.
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
    if (code === 0x1b) {
      out.push(input.slice(runStart, i));
      const end = ansiEnd(input, i);
      note('ansi-escape', code);
      runStart = end;
      i = end - 1;
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
