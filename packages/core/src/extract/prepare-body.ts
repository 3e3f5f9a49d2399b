import type { Position } from '../model.js';
import { ansiEscapeEnd } from '../sanitize/ansi-escape.js';

/** GitHub refuses PR bodies longer than this; nothing past it can come from a real PR. */
export const MAX_BODY_LENGTH = 65_536;

export type ControlKind = 'bidi' | 'control' | 'ansi-escape';

export interface RemovedControl {
  kind: ControlKind;
  /** The first character removed (ESC for a whole escape sequence). */
  codePoint: number;
  position: Position;
}

export interface PreparedBody {
  /** LF line endings, controls removed, at most MAX_BODY_LENGTH characters of the input. */
  text: string;
  originalLength: number;
  truncated: boolean;
  removed: RemovedControl[];
}

function isBidiControl(code: number): boolean {
  return (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

function isOtherControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f;
}

/**
 * One linear pass: cut to GitHub's limit, turn CRLF/CR into LF and form feed or vertical tab into a space,
 * and drop other control characters (which can hide or reorder text) and whole ANSI escape sequences
 * (`ESC[31m`, not just the ESC), remembering where each was so a diagnostic can point at it.
 * Line numbers are preserved: only characters inside lines are removed.
 */
export function prepareBody(body: string): PreparedBody {
  const truncated = body.length > MAX_BODY_LENGTH;
  const input = truncated ? body.slice(0, MAX_BODY_LENGTH) : body;
  const out: string[] = [];
  const removed: RemovedControl[] = [];
  let line = 1;
  let column = 1;
  let runStart = 0;
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i);
    if (code === 0x0d) {
      out.push(input.slice(runStart, i), '\n');
      if (input.charCodeAt(i + 1) === 0x0a) i++;
      runStart = i + 1;
      line++;
      column = 1;
      continue;
    }
    if (code === 0x0a) {
      line++;
      column = 1;
      continue;
    }
    const escapeEnd = code === 0x1b || code === 0x9b || code === 0x9d ? ansiEscapeEnd(input, i) : -1;
    if (escapeEnd > i) {
      out.push(input.slice(runStart, i));
      removed.push({ kind: 'ansi-escape', codePoint: code, position: { line, column } });
      column += escapeEnd - i;
      runStart = escapeEnd;
      i = escapeEnd - 1;
      continue;
    }
    if (code === 0x0b || code === 0x0c) {
      // Vertical tab and form feed separate words: a space, not nothing.
      out.push(input.slice(runStart, i), ' ');
      runStart = i + 1;
      column++;
      continue;
    }
    const bidi = isBidiControl(code);
    if (bidi || isOtherControl(code)) {
      out.push(input.slice(runStart, i));
      runStart = i + 1;
      removed.push({ kind: bidi ? 'bidi' : 'control', codePoint: code, position: { line, column } });
    }
    column++;
  }
  out.push(input.slice(runStart));
  return { text: out.join(''), originalLength: body.length, truncated, removed };
}
