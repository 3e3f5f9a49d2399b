import { describe, expect, it } from 'vitest';
import { RelnotesError } from '../errors.js';
import { parseJsonText, topLevelKeys } from './json-text.js';

describe('parseJsonText', () => {
  it('parses valid JSON', () => {
    expect(parseJsonText('{"a": [1]}')).toEqual({ a: [1] });
  });

  it('reports the file, line and column of a syntax error', () => {
    let caught: unknown;
    try {
      parseJsonText('{\n  "a": 1,\n  "b" 2\n}', 'notes.json');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RelnotesError);
    expect(caught).toMatchObject({ code: 'E_INPUT', file: 'notes.json', line: 3, column: 7 });
  });
});

describe('parseJsonText positions, whatever the engine puts in its message', () => {
  const cases: [string, string, number, number][] = [
    ['a trailing comma in an array', '[\n  {"a": 1},\n]', 3, 1],
    ['a trailing comma in an object', '{"a": 1,\n "b": 2,\n}', 3, 1],
    ['an unquoted key', '{\n  a: 1}', 2, 3],
    ['a single-quoted string', '{"a": \'x\'}', 1, 7],
    ['a raw newline inside a string', '{"a": "x\ny"}', 1, 9],
    ['text after the value', '{"a": 1} {"b": 2}', 1, 10],
    ['a truncated file', '{"a": [1, 2', 1, 12],
    ['a number with no digits after the point', '[1.]', 1, 4],
    ['a misspelt literal', '[tru]', 1, 2],
  ];
  it.each(cases)('points at %s', (_what, text, line, column) => {
    expect(() => parseJsonText(text, 'prs.json')).toThrow(RelnotesError);
    try {
      parseJsonText(text, 'prs.json');
    } catch (error) {
      expect(error).toMatchObject({ file: 'prs.json', line, column });
    }
  });

  it('stops at a hostile nesting depth instead of overflowing the stack', () => {
    const text = `${'['.repeat(100_000)}x`;
    expect(() => parseJsonText(text)).toThrow(RelnotesError);
  });
});

describe('topLevelKeys', () => {
  it('lists top-level keys in written order, skipping nested keys and tricky strings', () => {
    const text = '{"9": {"x": "a \\" }, \\"b\\": {"}, "10": [{"y": 1}, "z"], "2": "{\\"q\\": 1}"}';
    expect(Object.keys(JSON.parse(text))).toEqual(['2', '9', '10']);
    expect(topLevelKeys(text)).toEqual(['9', '10', '2']);
  });

  it('finds no keys in an array', () => {
    expect(topLevelKeys('["a", {"b": 1}, "c"]')).toEqual([]);
  });
});
