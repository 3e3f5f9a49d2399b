import { autolinkLiteralAt, openBracketCounter } from './autolink-literal.js';
import { decodeText } from './character-references.js';
import type { MentionMatch } from './find-mentions.js';

function isAlnum(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/** Characters of an e-mail address as GitHub autolinks one, and of an XMPP resource (`/`). */
function isAddressChar(code: number): boolean {
  return isAlnum(code) || code === 0x2e || code === 0x2b || code === 0x2d || code === 0x5f;
}

/** Whether the text may hold an `ftp://` or `xmpp:` link at all: a cheap test before a parse. */
export function mayHoldUnsafeAutolinks(text: string): boolean {
  if (!text.includes(':')) return false;
  return text.includes('xmpp:') || text.toLowerCase().includes('ftp:');
}

/**
 * Finds the bare links GitHub would make in `text[from, to)`, a run of plain text of a note's source, to a
 * scheme other than http, https and mailto: `ftp://host…` and `xmpp:user@host`. Each is to be shown as code
 * instead, as a mention is. An `ftp://` link is read in the source; an `xmpp:` address in the text as
 * rendered, where GitHub finds it (`xmpp&colon;ada&#64;evil.example` is one).
 */
export function findUnsafeAutolinks(text: string, from: number, to: number, openBrackets = 0): MentionMatch[] {
  const run = text.slice(from, to);
  const found = run.includes('xmpp') || run.includes('&') ? xmppAddresses(text, from, to, openBrackets) : [];
  const lower = run.toLowerCase();
  for (let at = lower.indexOf('ftp://'); at >= 0; at = lower.indexOf('ftp://', at + 1)) {
    const start = from + at;
    const link = autolinkLiteralAt(text, start, to, false);
    if (!link) continue;
    // A backtick would end the code span that shows the link: the link stops being one before it anyway.
    let end = start;
    while (end < link.end && text.charAt(end) !== '`') end++;
    found.push({ start, end, text: text.slice(start, end) });
    at = link.end - from - 1;
  }
  return found.sort((a, b) => a.start - b.start);
}

function xmppAddresses(text: string, from: number, to: number, openBrackets: number): MentionMatch[] {
  // Inside an http(s) URL GitHub links, `xmpp:` is part of that URL.
  const open = openBracketCounter(text, from, openBrackets);
  const skipUrl = (i: number): number => {
    const char = text.charAt(i);
    if ((char !== 'h' && char !== 'H' && char !== 'w') || open(i) > 0) return -1;
    const link = autolinkLiteralAt(text, i, to, true);
    return link && link.scheme !== 'ftp' ? link.end : -1;
  };
  const decoded = decodeText(text, from, to, skipUrl);
  const { value } = decoded;
  const found: MentionMatch[] = [];
  for (let k = value.indexOf('xmpp:'); k >= 0; k = value.indexOf('xmpp:', k + 1)) {
    const before = k > 0 ? value.charCodeAt(k - 1) : from > 0 ? text.charCodeAt(from - 1) : 0;
    if (isAlnum(before)) continue;
    let at = k + 5;
    while (at < value.length && isAddressChar(value.charCodeAt(at))) at++;
    if (at === k + 5 || value.charAt(at) !== '@') continue;
    let end = at + 1;
    while (end < value.length && (isAddressChar(value.charCodeAt(end)) || value.charAt(end) === '/')) end++;
    if (end === at + 1) continue;
    found.push({ start: decoded.starts[k] as number, end: decoded.ends[end - 1] as number, text: value.slice(k, end) });
    k = end - 1;
  }
  return found;
}
