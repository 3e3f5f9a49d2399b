import { excerpt, RelnotesError } from '../errors.js';
import { jsonErrorOffset } from './json-error-offset.js';

/**
 * Parses JSON text; a syntax error becomes an `E_INPUT` error with the file, line and column.
 */
export function parseJsonText(text: string, file?: string): unknown {
  // A byte-order mark, as some Windows editors write, is not a syntax error.
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(source);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const where = positionOf(source, message);
    throw new RelnotesError(
      'E_INPUT',
      `not valid JSON (${excerpt(message, 120)})`,
      { ...(file === undefined ? {} : { file }), ...where, hint: 'Check the file is complete, valid JSON.' },
      { cause: error },
    );
  }
}

function positionOf(text: string, message: string): { line?: number; column?: number } {
  const match = /position (\d+)/.exec(message);
  const offset = jsonErrorOffset(text) ?? (match?.[1] === undefined ? null : Math.min(Number(match[1]), text.length));
  if (offset === null) return {};
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset; index++) {
    if (text.charCodeAt(index) === 10) {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * The keys of the top-level object of valid JSON text, in the order they are written. `JSON.parse`
 * loses that order for integer-like keys (PR numbers), which it enumerates in ascending order.
 */
export function topLevelKeys(text: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  let topIsObject = false;
  let expectKey = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '"') {
      const end = stringEnd(text, index);
      if (depth === 1 && expectKey) {
        keys.push(JSON.parse(text.slice(index, end + 1)) as string);
        expectKey = false;
      }
      index = end;
    } else if (char === '{' || char === '[') {
      depth++;
      if (depth === 1) topIsObject = char === '{';
      expectKey = depth === 1 && topIsObject;
    } else if (char === '}' || char === ']') {
      depth--;
    } else if (char === ',' && depth === 1 && topIsObject) {
      expectKey = true;
    }
  }
  return keys;
}

// The index of the quote that closes the string opening at `start`.
function stringEnd(text: string, start: number): number {
  for (let index = start + 1; index < text.length; index++) {
    const char = text[index];
    if (char === '\\') index++;
    else if (char === '"') return index;
  }
  return text.length - 1;
}
