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
