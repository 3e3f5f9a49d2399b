import { isAsciiPunctuation } from './character-references.js';
import { isEscaped } from './text-edits.js';

// GitHub links bare URLs in text (GFM "autolink literals"). These rules follow cmark-gfm's autolink
// extension, which GitHub renders with: what it links, and where the link ends.

const HOST_BREAKS = /^[\s\p{P}]$/u;
// Since CommonMark 0.31 symbols are punctuation too; micromark reads them so, cmark-gfm 0.29 does not.
const HOST_BREAKS_WITH_SYMBOLS = /^[\s\p{P}\p{S}]$/u;

function isAsciiAlpha(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0b || code === 0x0c || code === 0x0d;
}

/** Whether a host name may hold the character at `i`: anything but whitespace and punctuation (Unicode too). */
function isHostCharacter(text: string, i: number, symbolsBreak: boolean): boolean {
  const code = text.charCodeAt(i);
  if (code < 0x80) return !isSpace(code) && !isAsciiPunctuation(code);
  const codePoint = text.codePointAt(i);
  if (codePoint === undefined) return false;
  return !(symbolsBreak ? HOST_BREAKS_WITH_SYMBOLS : HOST_BREAKS).test(String.fromCodePoint(codePoint));
}

/** The longest domain name there is: `_www._www.…` would make every `www.` scan to its end. */
const MAX_DOMAIN_LENGTH = 253;

/**
 * Whether the domain that starts at `start` is one GitHub links: no `_` in its last two labels and, unless
 * `short` is allowed, a dot. Its first character has been checked already. A `www.` domain longer than any
 * real one is taken as not linked, which keeps the mentions in it from being left alone.
 */
function isLinkedDomain(text: string, start: number, to: number, short: boolean, symbolsBreak: boolean): boolean {
  let dots = 0;
  let underscoresBefore = 0;
  let underscores = 0;
  const limit = short ? to : Math.min(to, start + MAX_DOMAIN_LENGTH);
  let i = start + 1;
  for (; i < limit; i++) {
    const char = text.charAt(i);
    if (char === '\\' && i + 1 < to) i++;
    else if (char === '_') underscores++;
    else if (char === '.') {
      underscoresBefore = underscores;
      underscores = 0;
      dots++;
    } else if (char !== '-' && !isHostCharacter(text, i, symbolsBreak)) break;
  }
  if (i === limit && limit < to) return false;
  return underscoresBefore === 0 && underscores === 0 && (short || dots > 0);
}

function isLinkedHost(text: string, host: number, to: number, symbolsBreak: boolean): boolean {
  return isHostCharacter(text, host, symbolsBreak) && isLinkedDomain(text, host, to, true, symbolsBreak);
}

/** `http`, `https` or `ftp` (any case) followed by `://` at `i`: the length of the scheme, or 0. */
function schemeLength(text: string, i: number): number {
  const head = text.slice(i, i + 8).toLowerCase();
  for (const scheme of ['https', 'http', 'ftp']) if (head.startsWith(`${scheme}://`)) return scheme.length;
  return 0;
}

const TRAILING_PUNCTUATION = new Set(['?', '!', '.', ',', ':', '*', '_', '~', "'", '"']);

/**
 * Where a linked URL that starts at `start` ends: at the next whitespace or `<`, less what GitHub leaves
 * out at its end: punctuation, a `)` with no `(` to match, an entity-like `&name;`.
 */
function urlEnd(text: string, start: number, to: number): number {
  let end = start;
  let opening = 0;
  let closing = 0;
  for (; end < to && !isSpace(text.charCodeAt(end)) && text.charAt(end) !== '<'; end++) {
    if (text.charAt(end) === '(') opening++;
    else if (text.charAt(end) === ')') closing++;
  }
  while (end > start) {
    const last = text.charAt(end - 1);
    if (TRAILING_PUNCTUATION.has(last)) end--;
    else if (last === ')' && closing > opening) {
      closing--;
      end--;
    } else if (last === ';') {
      let name = end - 2;
      while (name > start && isAsciiAlpha(text.charCodeAt(name))) name--;
      end = name < end - 2 && text.charAt(name) === '&' ? name : end - 1;
    } else break;
  }
  return end;
}

export interface AutolinkLiteral {
  /** `http`, `https` or `ftp` in lower case, or `www`. */
  scheme: string;
  end: number;
}

/**
 * The bare URL that GitHub links at `i` in `text[…, to)`, a run of text: `http://`, `https://` or `ftp://`
 * and a host, or `www.` and a domain, up to the next whitespace or `<` (trailing punctuation left out);
 * null if none starts there.
 * With `strict`, a URL with a scheme must also follow what a `www.` link must follow (the start, whitespace,
 * `*`, `_`, `~` or `(`), where GitHub asks only for no letter, its domain must hold with symbols read as
 * punctuation too, and it ends at a bracket: to leave a mention inside a URL alone, it must surely be in one.
 */
export function autolinkLiteralAt(text: string, i: number, to: number, strict: boolean): AutolinkLiteral | null {
  const before = i === 0 ? 0x20 : text.charCodeAt(i - 1);
  const delimited = isSpace(before) || before === 0x2a || before === 0x5f || before === 0x7e || before === 0x28;
  if (text.startsWith('www.', i)) {
    if (!delimited || !isLinkedDomain(text, i, to, false, false)) return null;
    if (strict && !isLinkedDomain(text, i, to, false, true)) return null;
    return { scheme: 'www', end: surely(text, i, urlEnd(text, i, to), strict) };
  }
  const length = schemeLength(text, i);
  if (length === 0 || isAsciiAlpha(before) || (strict && !delimited)) return null;
  const host = i + length + 3;
  if (host >= to || !isLinkedHost(text, host, to, false) || (strict && !isLinkedHost(text, host, to, true)))
    return null;
  return { scheme: text.slice(i, i + length).toLowerCase(), end: surely(text, i, urlEnd(text, i, to), strict) };
}

/**
 * With `strict`, the URL up to its first `[` or `]`: a reader may end it there (micromark does before
 * `][`), and a mention after it would be live text.
 */
function surely(text: string, start: number, end: number, strict: boolean): number {
  if (!strict) return end;
  for (let i = start; i < end; i++) if (text.charAt(i) === '[' || text.charAt(i) === ']') return i;
  return end;
}

/**
 * GitHub links no bare URL inside an open bracket (`[see https://…` with no `]` yet): a counter of the
 * brackets not yet closed at each offset of `text[from, …)`, given how many were open before `from`.
 * Ask for offsets in increasing order: it scans forward only.
 */
export function openBracketCounter(text: string, from: number, openBefore: number): (at: number) => number {
  let cursor = from;
  let open = openBefore;
  return (at) => {
    for (; cursor < at; cursor++) open = afterBracket(text, cursor, from, open);
    return open;
  };
}

/** How many brackets are open after the character at `i`, given `open` before it. */
export function afterBracket(text: string, i: number, from: number, open: number): number {
  const char = text.charAt(i);
  if (char === '[' && !isEscaped(text, i, from)) return open + 1;
  if (char === ']' && open > 0 && !isEscaped(text, i, from)) return open - 1;
  return open;
}
