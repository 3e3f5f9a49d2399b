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

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a;
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
function issueEnd(text: string, hash: number, to: number): number {
  const end = skipWhile(text, hash + 1, to, isDigit);
  if (end === hash + 1 || (end < to && isAlnum(text.charCodeAt(end)))) return -1;
  return end;
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

/**
 * Whether a bare URL that GitHub autolinks (GFM: `http://`, `https://` or `www.` after a space, the start,
 * `*`, `_`, `~` or `(`) starts at `i`: GitHub does not look for mentions inside links.
 */
function startsUrl(text: string, i: number): boolean {
  const before = i === 0 ? 0x20 : text.charCodeAt(i - 1);
  if (!(isSpace(before) || before === 0x2a || before === 0x5f || before === 0x7e || before === 0x28)) return false;
  const head = text.slice(i, i + 8).toLowerCase();
  return head.startsWith('http://') || head.startsWith('https://') || head.startsWith('www.');
}

/** Whether the text may hold a reference at all: a cheap test before a parse. */
export function mayHoldMentions(text: string): boolean {
  return text.includes('@') || text.includes('#') || text.includes('h-') || text.includes('H-');
}

/**
 * Finds GitHub references in `text[from, to)`, a run of plain text of a note's source (no code, no
 * links). GitHub links `@user` and `#123` that start its text or follow a character other than an ASCII
 * letter, digit or `_`, in the text as rendered: a `_` in the source may be an emphasis delimiter that
 * leaves no text, so only a letter or digit right before the `@` or `#` protects it. Text inside a bare
 * URL is left alone, and so is a character reference (`&#35;`). Linear: each character is looked at a
 * bounded number of times.
 */
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
    if ((char === 'h' || char === 'H' || char === 'w' || char === 'W') && startsUrl(text, i)) {
      // Up to the next space or `<`, where GFM ends an autolinked URL.
      i = skipWhile(text, i, to, (code) => !isSpace(code) && code !== 0x3c);
      continue;
    }
    if (char === '@' && !isAlnum(before)) {
      const end = userEnd(text, i, to);
      if (end > 0) {
        push(i, end);
        i = end;
        continue;
      }
    } else if (char === '#') {
      const end = issueEnd(text, i, to);
      const repo = end > 0 ? repoStart(text, i, from) : -1;
      const entity = before === 0x26 && text.charAt(end) === ';';
      if (end > 0 && !entity && (repo >= 0 || !isAlnum(before))) {
        push(repo >= 0 ? repo : i, end);
        i = end;
        continue;
      }
    } else if ((char === 'G' || char === 'g') && !isAlnum(before) && text.slice(i + 1, i + 3).toLowerCase() === 'h-') {
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
