import { describe, expect, it } from 'vitest';
import { stripUnsafeCharacters } from './strip-unsafe-characters.js';

const strip = (text: string) => stripUnsafeCharacters(text).text;

describe('stripUnsafeCharacters: joiners', () => {
  it('keeps a joiner between two characters outside ASCII: emoji, variation selectors, Persian, Hindi', () => {
    for (const text of ['👨\u200d👩', '🏳\ufe0f\u200d🌈', 'می\u200cخواهم', 'क्\u200dष']) expect(strip(text)).toBe(text);
  });

  it('removes a joiner next to ASCII, at either end, and one of two in a row', () => {
    expect(strip('@\u200dada a\u200cé é\u200c \u200dé')).toBe('@ada aé é é');
    expect(strip('é\u200d\u200dé')).toBe('é\u200dé');
  });

  it('removes a joiner next to a character that is removed itself, so the output stays a fixed point', () => {
    const once = strip('é\u200d\u202eé');
    expect(once).toBe('éé');
    expect(strip(once)).toBe(once);
  });
});

describe('stripUnsafeCharacters: whitespace controls', () => {
  it('turns form feed and vertical tab into a space, NEL into a line break, and reports none of them', () => {
    const stripped = stripUnsafeCharacters('Form\ffeed vertical\u000btab next\u0085line');
    expect(stripped.text).toBe('Form feed vertical tab next\nline');
    expect(stripped.removed).toEqual([]);
  });
});
