import { findMentions } from './find-mentions.js';

/**
 * Wraps `@name`, `@org/team` and `#123` (as findMentions finds them) in code spans so that GitHub neither
 * pings nor links them. Code spans and fenced code blocks are left alone. A linear scan, line by line,
 * safe on untrusted text: the fallback for Markdown too long or too nested to parse quickly.
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
  let segment = 0;
  const flush = (to: number): void => {
    let at = segment;
    for (const mention of findMentions(line, segment, to)) {
      out += `${line.slice(at, mention.start)}\`${mention.text}\``;
      at = mention.end;
    }
    out += line.slice(at, to);
  };
  while (i < line.length) {
    if (line[i] !== '`') {
      i++;
      continue;
    }
    // A code span is copied as written; the text between code spans is searched for references.
    const run = runLength(line, i, '`');
    const close = findRun(line, i + run, run);
    const end = close < 0 ? i + run : close + run;
    flush(i);
    out += line.slice(i, end);
    i = end;
    segment = end;
  }
  flush(line.length);
  return out;
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
