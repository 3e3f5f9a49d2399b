// What GitHub reads in a note beyond CommonMark (GFM footnotes and autolinks, character references,
// joiners): the sanitiser must see it too.
import type { Nodes, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { endsInCode } from './ends-in-code.js';
import { sanitizeNote } from './sanitize-note.js';

const gfm = unified().use(remarkParse).use(remarkGfm);

function nodes(text: string): Nodes[] {
  const found: Nodes[] = [];
  const stack: Nodes[] = [gfm.parse(text) as Root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    found.push(node);
    if ('children' in node) stack.push(...(node.children as Nodes[]));
  }
  return found;
}

const types = (text: string): string[] => nodes(text).map((node) => node.type);
const urls = (text: string): string[] =>
  nodes(text).flatMap((node) => (node.type === 'link' || node.type === 'image' ? [node.url] : []));
const clean = (text: string, mentions = true) => sanitizeNote(text, { pr: 5, mentions }).markdown;
const ruleIds = (text: string, mentions = true) =>
  sanitizeNote(text, { pr: 5, mentions }).diagnostics.map((diagnostic) => diagnostic.ruleId);

/** The note as a template's list item, after another note that defines or references the same footnote. */
const changelog = (...notes: string[]) =>
  notes.map((note) => `- ${note.split('\n').join('\n  ')} ([#1](u))`).join('\n');

describe('sanitizeNote: footnotes are text (GitHub moves a footnote to the end of the page)', () => {
  it('shows a definition and its reference as text, so no footnote can take a heading out of the list', () => {
    const note = 'See the docs[^1] now.\n\n[^1]: Footnote text\n    # Injected heading';
    const out = clean(note);
    expect(out).toBe('See the docs\\[^1\\] now.\n\n\\[^1\\]: Footnote text\n    # Injected heading');
    expect(types(changelog(out))).not.toContain('footnoteDefinition');
    expect(types(changelog(out))).not.toContain('heading');
    expect(ruleIds(note)).toEqual(['note-footnote']);
  });

  it('keeps a note that is only a definition visible, as its text (not an empty list item)', () => {
    const out = clean('[^x]: This PR changes the scheduler');
    expect(out).toBe('\\[^x\\]: This PR changes the scheduler');
    expect(types(changelog(out))).toContain('text');
    expect(types(changelog(out))).not.toContain('footnoteDefinition');
  });

  it('shows [^doc]: https://… as text, not as a link definition to remove (no "guide^doc" left)', () => {
    const out = clean('Renamed the flag; see the guide[^doc].\n\n[^doc]: https://docs.example/migrate');
    expect(out).toBe('Renamed the flag; see the guide\\[^doc\\].\n\n\\[^doc\\]: https://docs.example/migrate');
    expect(urls(out)).toEqual(['https://docs.example/migrate']);
  });

  it("cannot hijack another note's footnote, or have its reference hijacked", () => {
    const doc = changelog(
      clean('Improved logging.\n[^doc]: Download the patch from https://evil.example'),
      clean('See [^doc].'),
    );
    expect(types(doc).filter((type) => type.startsWith('footnote'))).toEqual([]);
  });

  it('escapes [^ written with \\^ or &#94;, and inside link text (with its ], so the link stays one); not in code', () => {
    expect(clean('a[\\^x] b[&#94;y] [see [^z]](https://ok.example)')).toBe(
      'a\\[\\^x\\] b\\[&#94;y\\] [see \\[^z\\]](https://ok.example)',
    );
    const code = 'Run `a[^x]` or:\n\n```\n[^x]: not a footnote\n```';
    expect(clean(code)).toBe(code);
  });
});

describe('sanitizeNote: a character reference is the character it renders as', () => {
  it('removes bidi, zero-width and invisible characters written as references, with the diagnostics of raw ones', () => {
    const note =
      'Fixed the &#x202E;txt.exe&#x202C; loader, &ZeroWidthSpace;x, so&shy;ft, tag&#xE0041;, &#x2066;iso&#x2069;.';
    const { markdown, diagnostics } = sanitizeNote(note, { pr: 5 });
    expect(markdown).toBe('Fixed the txt.exe loader, x, soft, tag, iso.');
    expect(diagnostics.map((diagnostic) => [diagnostic.ruleId, diagnostic.message])).toEqual([
      ['bidi-control', 'Removed 4 bidirectional text control characters (first: U+202E) from the note of #5.'],
      ['zero-width-character', 'Removed 1 zero-width character (first: U+200B) from the note of #5.'],
      ['invisible-character', 'Removed 2 invisible format characters (first: U+00AD) from the note of #5.'],
    ]);
  });

  it('counts raw and referenced characters of a kind in one diagnostic', () => {
    expect(sanitizeNote('a\u202eb &#x202E;c', { pr: 5 }).diagnostics).toEqual([
      expect.objectContaining({ ruleId: 'bidi-control', message: expect.stringContaining('Removed 2 bidi') }),
    ]);
  });

  it('removes an ESC written as &#27; with the rest of its ANSI sequence', () => {
    expect(clean('&#27;[31mred&#27;[0m text')).toBe('red text');
    expect(ruleIds('&#27;[31mred')).toEqual(['ansi-escape']);
  });

  it('turns a referenced form feed, vertical tab or carriage return into a space', () => {
    expect(clean('Form&#12;feed, v&#11;tab, c&#13;r')).toBe('Form feed, v tab, c r');
  });

  it("removes them from an image's alt text too, which shows where the image does not load", () => {
    expect(clean('![&#x202E;gnp.exe](https://ok.example/i.png)')).toBe('![gnp.exe](https://ok.example/i.png)');
  });

  it('leaves references in code as written, and those to ordinary characters anywhere', () => {
    const note = 'Use `&#x202E;` and `&zwj;`; &amp; &lt;b&gt; &#233;t&#233;';
    expect(clean(note)).toBe(note);
  });

  it('neutralises mentions written with references: &#64;ada, &commat;bob, &#35;123, &num;1', () => {
    expect(clean('Ping &#64;ada, &commat;bob and @&#97;da for &#35;123 and &num;1.', false)).toBe(
      'Ping `@ada`, `@bob` and `@ada` for `#123` and `#1`.',
    );
  });

  it('removes a zero-width space written as a reference inside a mention, then neutralises the mention', () => {
    expect(clean('Ping @&#8203;ada', false)).toBe('Ping `@ada`');
  });
});

describe('sanitizeNote: mentions next to what only looks like a URL', () => {
  it('neutralises mentions after a scheme GitHub does not link: http://"@carol", https://[@bob], https://(#77)', () => {
    expect(clean('Thanks http://"@carol" and https://[@bob] for https://(#77).', false)).toBe(
      'Thanks http://"`@carol`" and https://[`@bob`] for https://(`#77`).',
    );
  });

  it('leaves mentions inside URLs GitHub links alone', () => {
    const note = 'See https://medium.com/@ada, www.example.com/@bo and www.@cy';
    expect(clean(note, false)).toBe(note);
  });
});

describe('sanitizeNote: bare links GitHub would make to other schemes than http, https and mailto', () => {
  it('shows xmpp: and ftp:// links as code, and keeps mailto: and e-mail addresses', () => {
    const note = 'Contact xmpp:ada@evil.example, ftp://files.example/x. or mailto:x@y.example and foo@bar.example';
    const out = clean(note);
    expect(out).toBe(
      'Contact `xmpp:ada@evil.example`, `ftp://files.example/x`. or mailto:x@y.example and foo@bar.example',
    );
    expect(urls(out).every((url) => url.startsWith('mailto:'))).toBe(true);
    expect(ruleIds(note)).toEqual(['note-unsafe-url']);
  });

  it('finds an xmpp: address written with references, as GitHub reads it', () => {
    expect(clean('(xmpp&colon;ada&#64;evil.example)')).toBe('(`xmpp:ada@evil.example`)');
  });
});

describe('sanitizeNote: joiners in text outside ASCII, and whitespace controls', () => {
  it('keeps zero-width joiners and non-joiners inside emoji and words of scripts that need them', () => {
    const note = 'Family 👨‍👩‍👧‍👦, flag 🏳️‍🌈, Persian می‌خواهم, Hindi क्‍ष.';
    expect(clean(note)).toBe(note);
    expect(sanitizeNote(note).diagnostics).toEqual([]);
  });

  it('removes a joiner next to ASCII, so that @\u200Dada is caught as a mention', () => {
    expect(clean('Thanks @\u200dada and a\u200cb', false)).toBe('Thanks `@ada` and ab');
    expect(ruleIds('Thanks @\u200dada')).toEqual(['zero-width-character']);
  });

  it('turns form feed and vertical tab into a space and NEL into a line break, keeping words apart', () => {
    expect(clean('Form\ffeed, vertical\u000btab, next\u0085line')).toBe('Form feed, vertical tab, next\nline');
    expect(sanitizeNote('Form\ffeed').diagnostics).toEqual([]);
  });
});

describe('sanitizeNote: a closed code block of blank lines', () => {
  it('stays closed, and the text after it stays text', () => {
    const note = 'Run this:\n\n```sh\n\n```\n\nThen restart.';
    expect(clean(note)).toBe(note);
    expect(ruleIds(note)).toEqual([]);
    expect(clean('```\n```')).toBe('```\n```');
  });

  it('is still closed when a container holds it, and an unclosed one of one blank line still gets closed', () => {
    expect(clean('> ```\n>\n> ```\n\nafter')).toBe('> ```\n>\n> ```\n\nafter');
    const unclosed = clean('> ```\n>');
    expect(unclosed).toBe('> ```\n> ```\n>');
    expect(clean(unclosed)).toBe(unclosed);
  });
});

describe('sanitizeNote: a bare URL cannot swallow what follows it', () => {
  it('puts a space between a bare URL and a code span, which GitHub would take into the link (the code left live)', () => {
    const note = 'See https://docs.example/x`<img src=x onerror=alert(1)>` and www.example.com/`<b>x</b>`';
    const out = clean(note);
    expect(out).toBe('See https://docs.example/x `<img src=x onerror=alert(1)>` and www.example.com/ `<b>x</b>`');
    expect(types(out)).not.toContain('html');
    expect(types(out).filter((type) => type === 'inlineCode')).toHaveLength(2);
    expect(ruleIds(note)).toEqual(['note-bare-url']);
  });

  it('puts a space before an escaped < right after a bare URL, which GitHub would unescape', () => {
    const out = clean('See https://docs.example/x\\<img src=x onerror=alert(1)>');
    expect(out).toBe('See https://docs.example/x \\<img src=x onerror=alert(1)>');
    expect(types(out)).not.toContain('html');
  });

  it('leaves a code span after a space, or after text that is no URL, as written', () => {
    const note = 'See https://docs.example/x `code` and x`y` and http://"`z`';
    expect(clean(note)).toBe(note);
  });
});

describe('sanitizeNote: tables, read as GitHub reads them', () => {
  it('keeps a table, and sees that an indented line after it is code (a paragraph would continue in CommonMark)', () => {
    const note = '| a | b |\n|---|---|\n    indented```';
    expect(clean(note)).toBe(note);
    expect(types(note)).toEqual(expect.arrayContaining(['table', 'code']));
    // So a template writes the PR link on a line of its own, not into the code block.
    expect(endsInCode(clean(note))).toBe(true);
  });
});
