/**
 * Wraps `@name`, `@org/team` and `#123` in code spans so that GitHub neither pings nor links them.
 * Code spans and fenced code blocks are left alone. A linear scan, safe on untrusted text.
 */
export function neutraliseMentions(text: string): string {
  const lines = text.split('\n');
  let fence: { char: string; length: number } | null = null;
  return lines
    .map((line) => {
      const opening = fenceOf(line);
      if (fence) {
        if (opening && opening.char === fence.char && opening.length >= fence.length && opening.bare) fence = null;
        return line;
      }
      if (opening) {
        fence = opening;
        return line;
      }
      return neutraliseLine(line);
    })
    .join('\n');
}

function fenceOf(line: string): { char: string; length: number; bare: boolean } | null {
  let start = 0;
  while (start < 3 && line[start] === ' ') start++;
  const char = line[start];
  if (char !== '`' && char !== '~') return null;
  let end = start;
  while (line[end] === char) end++;
  if (end - start < 3) return null;
  return { char, length: end - start, bare: line.slice(end).trim() === '' };
}

function neutraliseLine(line: string): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    const char = line[i] as string;
    if (char === '`') {
      const run = runLength(line, i, '`');
      const close = findRun(line, i + run, run);
      const end = close < 0 ? i + run : close + run;
      out += line.slice(i, end);
      i = end;
      continue;
    }
    const previous = i === 0 ? '' : (line[i - 1] as string);
    if ((char === '@' || char === '#') && !GLUED.test(previous)) {
      const end = char === '@' ? mentionEnd(line, i + 1) : issueEnd(line, i + 1);
      if (end > i + 1) {
        out += `\`${line.slice(i, end)}\``;
        i = end;
        continue;
      }
    }
    out += char;
    i++;
  }
  return out;
}

/** A character that makes `@`/`#` part of a word, an address or a URL rather than a mention. */
const GLUED = /[\w./+=&-]/;
const NAME = /[A-Za-z0-9-]/;
const TEAM = /[\w.-]/;

function mentionEnd(line: string, from: number): number {
  let end = from;
  while (end < line.length && NAME.test(line[end] as string)) end++;
  if (end === from) return from;
  if (line[end] === '/' && end + 1 < line.length && TEAM.test(line[end + 1] as string)) {
    end++;
    while (end < line.length && TEAM.test(line[end] as string)) end++;
  }
  // A name never ends with a dot: "thanks @ada." keeps its full stop outside.
  while (line[end - 1] === '.') end--;
  return end;
}

function issueEnd(line: string, from: number): number {
  let end = from;
  while (end < line.length && (line[end] as string) >= '0' && (line[end] as string) <= '9') end++;
  if (end === from || /\w/.test(line[end] ?? '')) return from;
  return end;
}

function runLength(line: string, from: number, char: string): number {
  let end = from;
  while (line[end] === char) end++;
  return end - from;
}

/** The start of the next run of exactly `length` backticks at or after `from`, or -1. */
function findRun(line: string, from: number, length: number): number {
  let i = from;
  while (i < line.length) {
    if (line[i] === '`') {
      const run = runLength(line, i, '`');
      if (run === length) return i;
      i += run;
    } else i++;
  }
  return -1;
}
