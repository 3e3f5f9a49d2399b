import { describe, expect, it } from 'vitest';
import { autolinkLiteralAt, openBracketCounter } from './autolink-literal.js';

/** The text of the link GitHub would make at the start of `text` (as cmark-gfm does), or null. */
const linked = (text: string, strict = false) => {
  const link = autolinkLiteralAt(text, 0, text.length, strict);
  return link ? text.slice(0, link.end) : null;
};

describe('autolinkLiteralAt follows what GitHub links', () => {
  it('links http, https and ftp URLs in any case, and www. domains', () => {
    expect(linked('https://a.example/@ada now')).toBe('https://a.example/@ada');
    expect(linked('HTTP://a.example')).toBe('HTTP://a.example');
    expect(linked('ftp://files.example/x')).toBe('ftp://files.example/x');
    expect(linked('www.example.com/#12')).toBe('www.example.com/#12');
    expect(linked('www.@ada')).toBe('www.@ada');
  });

  it('links nothing whose host starts with punctuation or a space', () => {
    for (const text of ['http://"@carol"', 'https://[@bob]', 'https://(#77)', 'https://@dee', 'https:// x']) {
      expect(linked(text)).toBeNull();
    }
  });

  it('links no domain with a _ in its last two labels', () => {
    expect(linked('http://a_b.example/@x')).toBeNull();
    expect(linked('www.x_y.z/@w')).toBeNull();
    expect(linked('http://a_b.c.example/@x')).toBe('http://a_b.c.example/@x');
  });

  it('ends at whitespace or <, less trailing punctuation, an unmatched ) and an entity-like &name;', () => {
    expect(linked('https://a.example/x<b>')).toBe('https://a.example/x');
    expect(linked('https://a.example/x.),')).toBe('https://a.example/x');
    expect(linked('https://a.example/(x)')).toBe('https://a.example/(x)');
    expect(linked('https://a.example/x&zwj;')).toBe('https://a.example/x');
    expect(linked('https://a.example/`x`')).toBe('https://a.example/`x`');
  });

  it('needs no letter right before a scheme, and a space, *, _, ~ or ( before www.', () => {
    const at = (text: string, i: number) => autolinkLiteralAt(text, i, text.length, false) !== null;
    expect(at('xhttps://a.example', 1)).toBe(false);
    expect(at('1https://a.example', 1)).toBe(true);
    expect(at('awww.a.example', 1)).toBe(false);
    expect(at('(www.a.example', 1)).toBe(true);
  });

  it('is sure of fewer links when strict: a scheme after a space, no symbol in the host, up to a bracket', () => {
    const sure = (text: string, i: number) => autolinkLiteralAt(text, i, text.length, true);
    expect(sure('1https://a.example', 1)).toBeNull();
    expect(sure('https://₠.example', 0)).toBeNull();
    expect(linked('https://₠.example')).toBe('https://₠.example');
    expect(linked('https://a.example/x[y]z', true)).toBe('https://a.example/x');
  });

  it('takes a www. domain longer than any real one as not linked (each www. of _www._www. would scan it)', () => {
    expect(linked(`www.${'a'.repeat(300)}.example`)).toBeNull();
  });
});

describe('openBracketCounter', () => {
  it('counts the [ not yet closed at each offset, escaped ones aside', () => {
    const open = openBracketCounter('[a \\[ [b] c] d', 0, 0);
    expect([open(1), open(7), open(9), open(12)]).toEqual([1, 2, 1, 0]);
  });
});
