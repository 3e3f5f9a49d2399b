/**
 * The named character references (HTML5's list) that decode to a character a note's safety depends on:
 * invisible and bidi controls, and the punctuation of mentions, footnotes and autolinks. Any other name
 * decodes to a character that changes nothing here.
 */
const NAMED: Readonly<Record<string, number>> = {
  ApplyFunction: 0x2061,
  af: 0x2061,
  InvisibleComma: 0x2063,
  ic: 0x2063,
  InvisibleTimes: 0x2062,
  it: 0x2062,
  NegativeMediumSpace: 0x200b,
  NegativeThickSpace: 0x200b,
  NegativeThinSpace: 0x200b,
  NegativeVeryThinSpace: 0x200b,
  ZeroWidthSpace: 0x200b,
  NoBreak: 0x2060,
  zwnj: 0x200c,
  zwj: 0x200d,
  lrm: 0x200e,
  rlm: 0x200f,
  shy: 0xad,
  NewLine: 0x0a,
  Tab: 0x09,
  commat: 0x40,
  num: 0x23,
  sol: 0x2f,
  period: 0x2e,
  colon: 0x3a,
  lowbar: 0x5f,
  UnderBar: 0x5f,
  Hat: 0x5e,
  lbrack: 0x5b,
  lsqb: 0x5b,
  rbrack: 0x5d,
  rsqb: 0x5d,
};

const MAX_NAME_LENGTH = 31;
const REPLACEMENT = 0xfffd;

export interface CharacterReference {
  codePoint: number;
  /** Just past the `;`. */
  end: number;
}

function isAsciiAlnum(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

function isHexDigit(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
}

/**
 * The character reference that starts at `at` (`&#64;`, `&#x202E;`, `&commat;`), as GitHub's renderer
 * decodes it: a numeric one to its code point (controls included; NUL, surrogates and values past U+10FFFF
 * to U+FFFD), a named one when it is in the table above. Null when none starts there.
 */
export function characterReferenceAt(text: string, at: number): CharacterReference | null {
  if (text.charCodeAt(at) !== 0x26) return null;
  if (text.charCodeAt(at + 1) === 0x23) return numericReference(text, at + 2);
  let end = at + 1;
  while (end < text.length && end - at <= MAX_NAME_LENGTH && isAsciiAlnum(text.charCodeAt(end))) end++;
  if (end === at + 1 || text.charCodeAt(end) !== 0x3b) return null;
  const name = text.slice(at + 1, end);
  return Object.hasOwn(NAMED, name) ? { codePoint: NAMED[name] as number, end: end + 1 } : null;
}

function numericReference(text: string, from: number): CharacterReference | null {
  const hex = text.charCodeAt(from) === 0x78 || text.charCodeAt(from) === 0x58;
  const start = hex ? from + 1 : from;
  const maxDigits = hex ? 6 : 7;
  let end = start;
  while (end < text.length && end - start < maxDigits + 1) {
    const code = text.charCodeAt(end);
    if (hex ? !isHexDigit(code) : !(code >= 0x30 && code <= 0x39)) break;
    end++;
  }
  const digits = end - start;
  if (digits === 0 || digits > maxDigits || text.charCodeAt(end) !== 0x3b) return null;
  const value = Number.parseInt(text.slice(start, end), hex ? 16 : 10);
  const invalid = value === 0 || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff);
  return { codePoint: invalid ? REPLACEMENT : value, end: end + 1 };
}

/** Whether the character is ASCII punctuation, which a backslash escapes in Markdown. */
export function isAsciiPunctuation(code: number): boolean {
  return (
    (code >= 0x21 && code <= 0x2f) ||
    (code >= 0x3a && code <= 0x40) ||
    (code >= 0x5b && code <= 0x60) ||
    (code >= 0x7b && code <= 0x7e)
  );
}

/**
 * The text of `text[from, to)` as Markdown renders it: backslash escapes and character references decoded.
 * `starts[k]` and `ends[k]` give the source range of `value[k]` (both halves of a surrogate pair share one).
 */
export interface DecodedText {
  value: string;
  starts: number[];
  ends: number[];
}

/**
 * Decodes a run of Markdown text (no code in it), one source character, escape or reference at a time.
 * `skip(i)` may return where a part of the source that is not decoded (an autolink) ends: it then reads as
 * one space.
 */
export function decodeText(text: string, from: number, to: number, skip?: (i: number) => number): DecodedText {
  let value = '';
  const starts: number[] = [];
  const ends: number[] = [];
  const push = (chars: string, start: number, end: number): void => {
    value += chars;
    for (let k = 0; k < chars.length; k++) {
      starts.push(start);
      ends.push(end);
    }
  };
  let i = from;
  while (i < to) {
    const skipped = skip ? skip(i) : -1;
    if (skipped > i) {
      push(' ', i, skipped);
      i = skipped;
      continue;
    }
    const code = text.charCodeAt(i);
    if (code === 0x5c && i + 1 < to && isAsciiPunctuation(text.charCodeAt(i + 1))) {
      push(text.charAt(i + 1), i, i + 2);
      i += 2;
      continue;
    }
    const reference = code === 0x26 ? characterReferenceAt(text, i) : null;
    if (reference && reference.end <= to) {
      push(String.fromCodePoint(reference.codePoint), i, reference.end);
      i = reference.end;
      continue;
    }
    push(text.charAt(i), i, i + 1);
    i++;
  }
  return { value, starts, ends };
}
