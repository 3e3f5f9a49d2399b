import type { Nodes, Root } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { MAX_LINK_BRACKETS, MAX_PARSED_LINES } from './parse-note-tree.js';
import { MAX_SANITIZED_NOTE_LENGTH, neutralizeMentions, sanitizeNote } from './sanitize-note.js';

const parse = (text: string): Root => unified().use(remarkParse).parse(text);

function nodeTypes(text: string): string[] {
  const types: string[] = [];
  const stack: Nodes[] = [parse(text)];
  for (let node = stack.pop(); node; node = stack.pop()) {
    types.push(node.type);
    if ('children' in node) stack.push(...(node.children as Nodes[]));
  }
  return types;
}

function links(text: string): string[] {
  const urls: string[] = [];
  const stack: Nodes[] = [parse(text)];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'link' || node.type === 'image') urls.push(node.url);
    if ('children' in node) stack.push(...(node.children as Nodes[]));
  }
  return urls;
}

const clean = (text: string, mentions?: boolean) =>
  sanitizeNote(text, { pr: 42, ...(mentions === undefined ? {} : { mentions }) }).markdown;

describe('sanitizeNote keeps safe notes as written', () => {
  it('does not re-escape or re-flow a note that is already safe', () => {
    const notes = [
      'Fixed foo_bar [beta] so 2 * 3 works and *emph* stays; `a_b` too.',
      'Renamed `sprocket`:\n\n- read `cog`\n- write `cog`',
      'See [the KEP](https://example.com/keps/1234) and <https://example.com/a_b>.',
      'Example:\n\n```yaml\nkind: Gizmo\n# a comment, not a heading\n```\n\nDone.',
      'x &lt;y&gt; & 100% (#12 stays) \\[escaped]',
    ];
    for (const note of notes) expect(clean(note)).toBe(note);
  });

  it('is a fixed point: sanitising its own output changes nothing', () => {
    const hostile = '# H\n<b>x</b>\n[a](javascript:x)\n---\n```\nopen @user #1';
    const once = clean(hostile, false);
    expect(clean(once, false)).toBe(once);
    expect(sanitizeNote(once, { mentions: false }).diagnostics).toEqual([]);
  });
});

describe('sanitizeNote: a note cannot open a section', () => {
  it('turns an ATX heading into paragraph text', () => {
    const out = clean('# Breaking\n\nDetails.');
    expect(out).toBe('\\# Breaking\n\nDetails.');
    expect(nodeTypes(out)).not.toContain('heading');
  });

  it('turns setext underlines (=== and ---) into paragraph text', () => {
    expect(nodeTypes(clean('Title\n====='))).not.toContain('heading');
    expect(nodeTypes(clean('Title\n---\nmore'))).not.toContain('heading');
  });

  it('turns thematic breaks into text', () => {
    for (const rule of ['---', '***', '___', ' - - -']) {
      const out = clean(`before\n\n${rule}\n\nafter`);
      expect(nodeTypes(out)).not.toContain('thematicBreak');
      expect(nodeTypes(out)).not.toContain('heading');
    }
  });

  it('neutralises headings inside block quotes and lists too', () => {
    expect(nodeTypes(clean('> ## quoted\n\n- ### listed'))).not.toContain('heading');
  });

  it('reports a heading as a diagnostic naming the PR', () => {
    const { diagnostics } = sanitizeNote('# H', { pr: 42 });
    expect(diagnostics).toEqual([expect.objectContaining({ ruleId: 'note-heading', pr: 42 })]);
    expect(diagnostics[0]?.message).toContain('#42');
  });
});

describe('sanitizeNote: one summary of the changes', () => {
  it('sums up every change in one warning naming the PR, and is null when nothing changed', () => {
    const { summary } = sanitizeNote('# Big\u200b news\n\n[click](javascript:alert(1)) <b>x</b>', { pr: 12 });
    expect(summary).toEqual({ severity: 'warning', ruleId: 'note-sanitized', pr: 12, message: expect.any(String) });
    expect(summary?.message).toMatch(/^The note of #12 was changed to be safe to publish: /);
    for (const part of ['removed 1 zero-width character (first: U+200B)', 'heading', 'javascript:', 'raw HTML']) {
      expect(summary?.message).toContain(part);
    }
    expect(sanitizeNote('Fixed a crash.', { pr: 12 }).summary).toBeNull();
    expect(sanitizeNote('Thanks @ada', { pr: 12, mentions: false }).summary).toBeNull();
  });
});

describe('sanitizeNote: fences', () => {
  it('closes an unclosed fence inside the note', () => {
    const out = clean('Run:\n```sh\nrm -rf /tmp/x');
    expect(out).toBe('Run:\n```sh\nrm -rf /tmp/x\n```');
    expect(sanitizeNote('```\nx', { pr: 1 }).diagnostics[0]?.ruleId).toBe('note-unclosed-fence');
  });

  it('closes a bare opening fence and a tilde fence with the same fence', () => {
    expect(clean('```')).toBe('```\n```');
    expect(clean('~~~~\ncode')).toBe('~~~~\ncode\n~~~~');
  });

  it('closes a fence whose last line only looks like a closing fence (four spaces in: code, not a fence)', () => {
    expect(clean('~~~\n    ~~~')).toBe('~~~\n    ~~~\n~~~');
    expect(clean('~~~\n   ~~~')).toBe('~~~\n   ~~~');
  });

  it('closes a fence of a list item that ends in blank lines before the next item, inside the item', () => {
    const out = clean('- ```\n  a\n\n- b');
    expect(out).toBe('- ```\n  a\n  ```\n\n- b');
    expect(clean(out)).toBe(out);
  });

  it('keeps a note that ends inside a fence from swallowing what follows', () => {
    const note = clean('Intro\n\n````\n```\nstill code');
    const doc = parse(`- ${note.split('\n').join('\n  ')}\n- next note\n\n## Next section\n`);
    const headings = doc.children.filter((node) => node.type === 'heading');
    expect(headings).toHaveLength(1);
    const list = doc.children[0];
    expect(list?.type === 'list' && list.children.length).toBe(2);
  });
});

describe('sanitizeNote: raw HTML becomes inert text', () => {
  it.each([
    ['<details>', '<details><summary>x</summary>\nhidden\n</details>'],
    ['<script>', 'a <script>alert(1)</script> b'],
    ['an unclosed <!--', 'text <!-- rest of the changelog'],
    ['a closing </ul>', '</ul>\n\n## Injected'],
    ['an <img onerror>', '<img src=x onerror=alert(1)>'],
  ])('%s', (_, note) => {
    const out = clean(note);
    expect(nodeTypes(out)).not.toContain('html');
    expect(nodeTypes(out)).not.toContain('heading');
  });
});

describe('sanitizeNote: text after the note cannot complete one of its constructs', () => {
  it('escapes the ( of a link that did not parse, so the links a template writes after it stay links', () => {
    for (const note of ['[x](*', '[x](https://ok.example', '![i](<']) {
      const out = clean(note);
      const line = `- ${out} ([#1](https://github.com/acme/widget/pull/1))`;
      expect(links(line)).toEqual(['https://github.com/acme/widget/pull/1']);
    }
    expect(clean('[x](*')).toBe('[x]\\(*');
  });
});

describe('sanitizeNote: links', () => {
  it('removes link reference definitions, keeping the reference text', () => {
    const out = clean('[docs]: https://evil.example\n\nSee [docs] and [the docs][docs].');
    expect(nodeTypes(out)).not.toContain('definition');
    expect(out).toBe('See docs and the docs.');
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    '&#106;avascript:alert(1)',
    '&#x6A;avascript&colon;alert(1)',
    'data:text/html;base64,PHNjcmlwdD4=',
    'vbscript:msgbox(1)',
    '%20javascript:alert(1)',
    '<java\nscript:alert(1)>',
    '/relative/path',
    '//evil.example/x',
    'file:///etc/passwd',
  ])('drops a link to %s and keeps its text', (url) => {
    const out = clean(`Click [here](${url}) now`);
    expect(links(out)).toEqual([]);
    expect(out).toContain('here');
  });

  it('drops dangerous autolinks and images, keeping their text', () => {
    expect(links(clean('<javascript:alert(1)>'))).toEqual([]);
    const image = clean('![logo](data:image/svg+xml,<svg onload=alert(1)>)');
    expect(links(image)).toEqual([]);
    expect(image).toContain('logo');
  });

  it('keeps http, https and mailto links, in any case', () => {
    const note = 'A [b](https://x.example/a) [c](HTTP://x.example) [d](mailto:a@x.example) <https://x.example>';
    expect(clean(note)).toBe(note);
  });

  it('keeps the words of a removed link whose text holds markup', () => {
    const out = clean('[**bold** `code` <b>x</b>](javascript:y)');
    expect(links(out)).toEqual([]);
    expect(nodeTypes(out)).toContain('inlineCode');
    expect(nodeTypes(out)).not.toContain('html');
  });
});

describe('sanitizeNote: characters', () => {
  it('removes control characters, NUL, ANSI escapes, bidi overrides and zero-width characters', () => {
    const { markdown, diagnostics } = sanitizeNote(
      'a\u0000b\u0007c \u001b[31mred\u001b[0m \u202eevil\u202c \u2066x\u2069 zero\u200bwidth\ufeff',
      { pr: 7 },
    );
    expect(markdown).toBe('abc red evil x zerowidth');
    expect(diagnostics.map((d) => d.ruleId).sort()).toEqual([
      'ansi-escape',
      'bidi-control',
      'control-character',
      'zero-width-character',
    ]);
    for (const diagnostic of diagnostics) {
      expect(diagnostic.pr).toBe(7);
      expect(diagnostic.message).toContain('#7');
    }
  });

  it('removes Unicode tag characters and other invisible format characters, like zero-width ones', () => {
    const tags = [...'hidden'].map((char) => String.fromCodePoint(0xe0000 + char.charCodeAt(0))).join('');
    const { markdown, diagnostics } = sanitizeNote(`safe${tags}\u{E0001} so\u00adft x\u2062y \u{1D173}z`, { pr: 8 });
    expect(markdown).toBe('safe soft xy z');
    expect(diagnostics).toEqual([
      expect.objectContaining({
        ruleId: 'invisible-character',
        pr: 8,
        message: expect.stringContaining('10 invisible'),
      }),
    ]);
  });

  it('removes whole ANSI sequences (CSI, OSC, the one-byte CSI), leaving no [31m behind', () => {
    const note = 'a\u001b[31mred\u001b[0m \u001b]8;;https://x.example\u0007link\u001b]8;;\u001b\\ \u009b1mbold';
    expect(clean(note)).toBe('ared link bold');
  });

  it('gives byte-identical output for CRLF and LF input', () => {
    const lf = '# Title\nline one\n\n```\ncode\n\n- a\n- b';
    const crlf = lf.replace(/\n/g, '\r\n');
    expect(clean(crlf)).toBe(clean(lf));
    expect(sanitizeNote(crlf).diagnostics).toEqual(sanitizeNote(lf).diagnostics);
    expect(clean('a\rb')).toBe('a\nb');
  });
});

describe('sanitizeNote: mentions', () => {
  it('keeps mentions as written by default', () => {
    expect(clean('Thanks @ada, fixes #12')).toBe('Thanks @ada, fixes #12');
  });

  it('neutralises @user, @org/team, #123, owner/repo#123 and GH-123 as code spans when mentions are off', () => {
    expect(clean('Thanks @ada and @acme/release-team; fixes #12, acme/widget#3 and GH-9.', false)).toBe(
      'Thanks `@ada` and `@acme/release-team`; fixes `#12`, `acme/widget#3` and `GH-9`.',
    );
  });

  it('leaves e-mail addresses, entities, code, links and words with # alone', () => {
    const note = 'Mail a@b.example, &#35;, &amp;, `@code`, [@ada](https://github.com/ada), C#12x, abc#12';
    expect(clean(note, false)).toBe(note);
  });

  it('escapes a stray backtick so the added code spans cannot pair with it', () => {
    const out = clean('a ` b @ada', false);
    expect(out).toBe('a \\` b `@ada`');
    const inline = parse(out);
    expect(JSON.stringify(inline)).toContain('"type":"inlineCode","value":"@ada"');
  });

  it('neutralises what GitHub links inside emphasis or after punctuation: _@ada_, _#123_, (@bo), -#4', () => {
    expect(clean('_@ada_ and _#123_, (@bo) and x -#4', false)).toBe('_`@ada`_ and _`#123`_, (`@bo`) and x -`#4`');
  });

  it('keeps a mention next to a code span apart from its backticks, so neither span breaks', () => {
    const out = clean('`<img src=x onerror=alert(1)>`@acme/team', false);
    expect(out).toBe('`<img src=x onerror=alert(1)>` `@acme/team`');
    expect(nodeTypes(out).filter((type) => type === 'inlineCode')).toHaveLength(2);
    expect(neutralizeMentions('````<b>x</b>````@ada')).toBe('````<b>x</b>```` `@ada`');
  });

  it('neutralises an escaped reference too', () => {
    expect(clean('see \\#12', false)).toBe('see `#12`');
  });
});

describe('sanitizeNote: size', () => {
  it('shows a note too long to parse quickly as one code block, which it keeps on a second pass', () => {
    const long = `# not a heading <script>\n${'word '.repeat(MAX_SANITIZED_NOTE_LENGTH)}`;
    const { markdown, diagnostics } = sanitizeNote(long, { pr: 3 });
    expect(markdown.startsWith('```\n# not a heading')).toBe(true);
    expect(markdown.length).toBeLessThanOrEqual(MAX_SANITIZED_NOTE_LENGTH);
    expect(nodeTypes(markdown).filter((type) => type !== 'root')).toEqual(['code']);
    expect(diagnostics.map((d) => d.ruleId)).toEqual(['note-too-complex']);
    expect(sanitizeNote(markdown).markdown).toBe(markdown);
  });

  it('shows deeply nested blocks as a code block that no inner fence can close', () => {
    const { markdown } = sanitizeNote(`${'> '.repeat(40)}x\n\`\`\`\`\`\nafter`);
    expect(nodeTypes(markdown).filter((type) => type !== 'root')).toEqual(['code']);
  });

  it('escapes setext underlines before parsing past 50 of them (micromark is quadratic in them)', () => {
    const note = 'a\n-\n'.repeat(60).trim();
    const started = performance.now();
    const { markdown, diagnostics } = sanitizeNote(note, { pr: 4 });
    expect(performance.now() - started).toBeLessThan(500);
    expect(markdown).toBe('a\n\\-\n'.repeat(60).trim());
    expect(nodeTypes(markdown)).not.toContain('heading');
    expect(diagnostics.map((d) => d.ruleId)).toEqual(['note-heading']);
    expect(clean(markdown)).toBe(markdown);
  });

  it('escapes a few setext underlines after the parse, as written otherwise', () => {
    expect(clean('Title\n---\nmore\n\nTwo\n===')).toBe('Title\n\\---\nmore\n\nTwo\n\\===');
  });

  it(`shows a note of more than ${MAX_PARSED_LINES} lines as a code block (micromark is quadratic in lazy lines)`, () => {
    const note = `> a\n${'b\n'.repeat(MAX_PARSED_LINES)}`;
    const { markdown, diagnostics } = sanitizeNote(note);
    expect(nodeTypes(markdown).filter((type) => type !== 'root')).toEqual(['code']);
    expect(diagnostics.map((d) => d.ruleId)).toEqual(['note-too-complex']);
    expect(clean(markdown)).toBe(markdown);
  });

  it(`escapes [ and ] past ${MAX_LINK_BRACKETS} [ (micromark is quadratic in brackets), links included`, () => {
    const note = `${'[a] '.repeat(MAX_LINK_BRACKETS)}[ok](https://ok.example) \`[code]\``;
    const { markdown, diagnostics } = sanitizeNote(note);
    expect(markdown).toBe(`${'\\[a\\] '.repeat(MAX_LINK_BRACKETS)}\\[ok\\]\\(https://ok.example) \`[code]\``);
    expect(links(markdown)).toEqual([]);
    expect(diagnostics.map((d) => d.ruleId)).toEqual(['note-brackets']);
    expect(clean(markdown)).toBe(markdown);
  });

  it('escapes * and _ past a thousand of them (emphasis parsing is quadratic)', () => {
    const { markdown, diagnostics } = sanitizeNote('*_'.repeat(800));
    expect(markdown).toBe('\\*\\_'.repeat(800));
    expect(diagnostics.map((d) => d.ruleId)).toEqual(['note-thematic-break', 'note-emphasis']);
  });
});

describe('neutralizeMentions (for already safe, formatted Markdown)', () => {
  it('wraps mentions, leaves everything else and the surrounding whitespace as written', () => {
    expect(
      neutralizeMentions('Thanks @ada:\n  - see #12 and [@bo](https://github.com/bo)\n  ```\n  @cy\n  ```\n  '),
    ).toBe('Thanks `@ada`:\n  - see `#12` and [@bo](https://github.com/bo)\n  ```\n  @cy\n  ```\n  ');
  });

  it('leaves URLs and addresses alone', () => {
    const text = 'See https://x.dev/@ada and https://x.dev/a#123, mail a@b.io';
    expect(neutralizeMentions(text)).toBe(text);
  });

  it('cannot be undone by a stray backtick', () => {
    expect(neutralizeMentions('a ` b @ada')).toBe('a \\` b `@ada`');
  });
});

describe('sanitizeNote: fences inside containers', () => {
  it.each([
    ['a list item', '+ ```\n  x', '+ ```\n  x\n  ```'],
    ['an ordered item', '1) ```go\n   x := 1', '1) ```go\n   x := 1\n   ```'],
    ['a block quote', '> ```\n> code', '> ```\n> code\n> ```'],
  ])('closes an unclosed fence in %s with the container prefix', (_, note, expected) => {
    expect(sanitizeNote(note).markdown).toBe(expected);
  });
});

describe('sanitizeNote: a first line of marks', () => {
  it.each(['- -', '--', '**', '* * *', '_'])(
    'escapes %s, which after a template\'s "- " would be a thematic break',
    (note) => {
      const out = clean(note);
      expect(out.startsWith('\\')).toBe(true);
      expect(nodeTypes(`- ${out}`)).not.toContain('thematicBreak');
    },
  );
});

describe('sanitizeNote: a first list that text before the note would absorb', () => {
  it.each([
    ['an ordered list starting at 2', '2) ```go\n   x := 1', '2\\) ```go\n   x := 1'],
    ['an empty item', '-\n  ```', '\\-\n  ```\n  ```'],
    // After text on the same line, what the marker held as indented code is inline text (raw HTML here).
    ['a one-line list item holding indented code', '-     <details>', '\\-     &lt;details>'],
    ['a one-line ordered item holding indented code', '1.     <i>', '1\\.     &lt;i>'],
    ['a one-line block quote holding indented code', '>     <b>x</b>', '\\>     &lt;b>x&lt;/b>'],
  ])('%s becomes text', (_, note, expected) => {
    expect(clean(note)).toBe(expected);
  });

  it('keeps lists that start at 1, and bullet lists', () => {
    expect(clean('1. a\n2. b')).toBe('1. a\n2. b');
    expect(clean('- a\n- b')).toBe('- a\n- b');
  });
});
