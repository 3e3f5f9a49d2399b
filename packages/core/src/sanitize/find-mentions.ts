import { autolinkLiteralAt, openBracketCounter } from './autolink-literal.js';
import { decodeText } from './character-references.js';

/** A place in a note's source where GitHub would link or notify: `@user`, `@org/team`, `#123`, `owner/repo#123`, `GH-123`. */
export interface MentionMatch {
  start: number;
  end: number;
  /** The reference as GitHub would read it (an escaping backslash dropped). */
  text: string;
}

function isAlnum(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

function isWord(code: number): boolean {
  return isAlnum(code) || code === 0x5f;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** Characters of an `owner/repo` prefix. */
function isRepoChar(code: number): boolean {
  return isWord(code) || code === 0x2d || code === 0x2e || code === 0x2f;
}

function skipWhile(text: string, from: number, to: number, test: (code: number) => boolean): number {
  let i = from;
  while (i < to && test(text.charCodeAt(i))) i++;
  return i;
}

/** `@user` or `@org/team` at `at` (the `@`); the end offset, or -1. */
function userEnd(text: string, at: number, to: number): number {
  if (!isAlnum(text.charCodeAt(at + 1))) return -1;
  let end = skipWhile(text, at + 1, to, (code) => isAlnum(code) || code === 0x2d);
  if (text.charAt(end) === '/' && isWord(text.charCodeAt(end + 1))) {
    end = skipWhile(text, end + 1, to, (code) => isWord(code) || code === 0x2d);
  }
  return end;
}

/**
 * Digits after `#` at `hash`, not followed by a letter or digit; the end offset, or -1. A `_` after them
 * does not protect them: it may close emphasis (`_#123_`), and GitHub then sees `#123` alone.
 */
function issueEnd(text: string, hash: number, to: number, startsLink: (at: number) => boolean): number {
  const end = skipWhile(text, hash + 1, to, isDigit);
  // A bare URL right after the digits is a link of its own: `#12https://…` renders as #12 and a link.
  if (end === hash + 1 || (end < to && isAlnum(text.charCodeAt(end)) && !startsLink(end))) return -1;
  return end;
}

function isDomainChar(code: number): boolean {
  return isWord(code) || code === 0x2d || code === 0x2e;
}

/**
 * Whether an e-mail address (`ada@example.com`) ends at `at`: GitHub links it, and what follows starts
 * a text of its own (`ada@example.com#12` renders as a link and #12). Scans back to the address's `@` at most.
 */
function followsEmail(text: string, at: number): boolean {
  let start = at;
  let dot = false;
  while (start > 0 && isDomainChar(text.charCodeAt(start - 1))) {
    if (text.charAt(start - 1) === '.') dot = true;
    start--;
  }
  if (start === at || !dot || text.charAt(start - 1) !== '@') return false;
  const local = text.charCodeAt(start - 2);
  return isDomainChar(local) || local === 0x2b;
}

/** Where a valid `owner/repo` prefix ending at `hash` starts, or -1 when there is none. */
function repoStart(text: string, hash: number, from: number): number {
  let start = hash;
  while (start > from && isRepoChar(text.charCodeAt(start - 1))) start--;
  while (start < hash && !isAlnum(text.charCodeAt(start))) start++;
  if (start === hash) return -1;
  const prefix = text.slice(start, hash);
  const slash = prefix.indexOf('/');
  return slash > 0 && slash === prefix.lastIndexOf('/') && slash < prefix.length - 1 ? start : -1;
}

/** Whether the text may hold a reference at all: a cheap test before a parse. */
export function mayHoldMentions(text: string): boolean {
  // `&` for a character reference: `&#64;ada` and `&commat;ada` render as @ada.
  return text.includes('@') || text.includes('#') || text.includes('h-') || text.includes('H-') || text.includes('&');
}

/**
 * Finds GitHub references in `text[from, to)`, a run of plain text of a note's source (no code, no
 * links). GitHub links `@user` and `#123` that start its text or follow a character other than an ASCII
 * letter, digit or `_`, in the text as rendered: a `_` in the source may be an emphasis delimiter that
 * leaves no text, so only a letter or digit right before the `@` or `#` protects it. The text is read as
 * rendered (`\#1`, `&#35;1` and `&num;1` are all #1); a bare URL that GitHub surely links is left alone
 * (not one inside a bracket left open, `openBrackets` of them before `from`). Linear: each character is
 * looked at a bounded number of times.
 */
export function findMentions(text: string, from: number, to: number, openBrackets = 0): MentionMatch[] {
  const found: MentionMatch[] = [];
  const open = openBracketCounter(text, from, openBrackets);
  const skipUrl = (i: number): number => {
    const char = text.charAt(i);
    if (char !== 'h' && char !== 'H' && char !== 'w' && char !== 'f' && char !== 'F') return -1;
    return open(i) > 0 ? -1 : (autolinkLiteralAt(text, i, to, true)?.end ?? -1);
  };
  const decoded = decodeText(text, from, to, skipUrl);
  const { value } = decoded;
  const startsLink = (k: number): boolean => {
    const at = decoded.starts[k] as number;
    return 'hHfF'.includes(text.charAt(at)) && autolinkLiteralAt(text, at, to, false) !== null;
  };
  const push = (start: number, end: number): void => {
    found.push({
      start: decoded.starts[start] as number,
      end: decoded.ends[end - 1] as number,
      text: value.slice(start, end),
    });
  };
  const length = value.length;
  let i = 0;
  while (i < length) {
    const char = value.charAt(i);
    const before = i > 0 ? value.charCodeAt(i - 1) : from > 0 ? text.charCodeAt(from - 1) : 0;
    if (char === '@' && (!isAlnum(before) || followsEmail(value, i))) {
      const end = userEnd(value, i, length);
      if (end > 0) {
        push(i, end);
        i = end;
        continue;
      }
    } else if (char === '#') {
      const end = issueEnd(value, i, length, startsLink);
      const repo = end > 0 ? repoStart(value, i, 0) : -1;
      if (end > 0 && (repo >= 0 || !isAlnum(before) || followsEmail(value, i))) {
        push(repo >= 0 ? repo : i, end);
        i = end;
        continue;
      }
    } else if ((char === 'G' || char === 'g') && !isAlnum(before) && value.slice(i + 1, i + 3).toLowerCase() === 'h-') {
      const end = issueEnd(value, i + 2, length, startsLink);
      if (end > 0) {
        push(i, end);
        i = end;
        continue;
      }
    }
    i++;
  }
  return found;
}
