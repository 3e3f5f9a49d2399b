import { describe, expect, it } from 'vitest';
import { characterReferenceAt, decodeText } from './character-references.js';

const decoded = (text: string) => characterReferenceAt(text, 0)?.codePoint ?? null;

describe('characterReferenceAt decodes as GitHub renders', () => {
  it('reads decimal and hexadecimal references, controls included', () => {
    expect(decoded('&#64;')).toBe(0x40);
    expect(decoded('&#x202E;')).toBe(0x202e);
    expect(decoded('&#X202e;')).toBe(0x202e);
    expect(decoded('&#0000064;')).toBe(0x40);
    expect(decoded('&#27;')).toBe(0x1b);
    expect(decoded('&#xE0041;')).toBe(0xe0041);
  });

  it('reads NUL, surrogates and values past U+10FFFF as U+FFFD', () => {
    expect(decoded('&#0;')).toBe(0xfffd);
    expect(decoded('&#xD800;')).toBe(0xfffd);
    expect(decoded('&#x110000;')).toBe(0xfffd);
  });

  it('needs the ; and at most 7 decimal or 6 hexadecimal digits, as CommonMark does', () => {
    expect(decoded('&#64')).toBeNull();
    expect(decoded('&#00000064;')).toBeNull();
    expect(decoded('&#x0000040;')).toBeNull();
    expect(decoded('&#;')).toBeNull();
    expect(decoded('&#x;')).toBeNull();
  });

  it('reads the named references a note can hide something with, case-sensitively, and ends after the ;', () => {
    expect(characterReferenceAt('&commat;bob', 0)).toEqual({ codePoint: 0x40, end: 8 });
    expect(decoded('&ZeroWidthSpace;')).toBe(0x200b);
    expect(decoded('&zwj;')).toBe(0x200d);
    expect(decoded('&shy;')).toBe(0xad);
    expect(decoded('&num;')).toBe(0x23);
    expect(decoded('&Commat;')).toBeNull();
    expect(decoded('&constructor;')).toBeNull();
    expect(decoded('&amp;')).toBeNull();
  });
});

describe('decodeText', () => {
  it('decodes escapes and references, and maps every character back to its source', () => {
    const { value, starts, ends } = decodeText('a\\#&#64;b', 0, 9);
    expect(value).toBe('a#@b');
    expect(starts).toEqual([0, 1, 3, 8]);
    expect(ends).toEqual([1, 3, 8, 9]);
  });

  it('reads a skipped part (a URL) as one space', () => {
    const { value, starts, ends } = decodeText('x https://a/@b y', 0, 16, (i) => (i === 2 ? 14 : -1));
    expect(value).toBe('x   y');
    expect([starts[2], ends[2]]).toEqual([2, 14]);
  });
});
