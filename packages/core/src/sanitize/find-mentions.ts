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

/** A character that makes a following `@` part of an address, a URL or a word (`a@b.io`, `x.dev/@ada`). */
function isGlued(code: number): boolean {
  return (
    isWord(code) || code === 0x2e || code === 0x2f || code === 0x2b || code === 0x3d || code === 0x26 || code === 0x2d
  );
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

/** Digits after `#` at `hash`, ending at a word boundary; the end offset, or -1. */
function issueEnd(text: string, hash: number, to: number): number {
  const end = skipWhile(text, hash + 1, to, isDigit);
  if (end === hash + 1 || (end < to && isWord(text.charCodeAt(end)))) return -1;
  return end;
}

/** Where an `owner/repo` prefix ending at `hash` starts, or `hash` when there is none. */
function repoStart(text: string, hash: number, from: number): number {
  let start = hash;
  while (start > from && isRepoChar(text.charCodeAt(start - 1))) start--;
  if (start === hash) return hash;
  const prefix = text.slice(start, hash);
  const slash = prefix.indexOf('/');
  const valid = slash > 0 && slash === prefix.lastIndexOf('/') && slash < prefix.length - 1;
  return valid ? start : -1;
}

/**
 * Finds GitHub references in `text[from, to)`, a run of plain text of a note's source (no code, no
 * links). Linear: each character is looked at a bounded number of times.
 */
/** Whether the text may hold a reference at all: a cheap test before a parse. */
export function mayHoldMentions(text: string): boolean {
  return text.includes('@') || text.includes('#') || text.includes('h-') || text.includes('H-');
}

export function findMentions(text: string, from: number, to: number): MentionMatch[] {
  const found: MentionMatch[] = [];
  const push = (start: number, end: number): void => {
    // An escaping backslash goes too: `\#1` renders as `#1`, which GitHub links.
    let slashes = 0;
    while (start - slashes > from && text.charAt(start - slashes - 1) === '\\') slashes++;
    const escaped = slashes % 2 === 1;
    found.push({ start: escaped ? start - 1 : start, end, text: text.slice(start, end) });
  };
  let i = from;
  while (i < to) {
    const char = text.charAt(i);
    const before = i > 0 ? text.charCodeAt(i - 1) : 0;
    if (char === '@' && !isGlued(before)) {
      const end = userEnd(text, i, to);
      if (end > 0) {
        push(i, end);
        i = end;
        continue;
      }
    } else if (char === '#' && before !== 0x26) {
      const end = issueEnd(text, i, to);
      const start = end > 0 ? repoStart(text, i, from) : -1;
      if (start >= 0 && (start === from || !isWord(text.charCodeAt(start - 1)))) {
        push(start, end);
        i = end;
        continue;
      }
    } else if ((char === 'G' || char === 'g') && !isWord(before) && text.slice(i + 1, i + 3).toLowerCase() === 'h-') {
      const end = issueEnd(text, i + 2, to);
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
