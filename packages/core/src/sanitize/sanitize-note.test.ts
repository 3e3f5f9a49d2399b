import type { Nodes, Root } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
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
    const note = 'Mail a@b.example, &#35;1, `@code`, [@ada](https://github.com/ada), C#12x, abc#12';
    expect(clean(note, false)).toBe(note);
  });

  it('escapes a stray backtick so the added code spans cannot pair with it', () => {
    const out = clean('a ` b @ada', false);
    expect(out).toBe('a \\` b `@ada`');
    const inline = parse(out);
    expect(JSON.stringify(inline)).toContain('"type":"inlineCode","value":"@ada"');
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
    ['a list item', '+ ```', '+ ```\n  ```'],
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
  ])('%s becomes text', (_, note, expected) => {
    expect(clean(note)).toBe(expected);
  });

  it('keeps lists that start at 1, and bullet lists', () => {
    expect(clean('1. a\n2. b')).toBe('1. a\n2. b');
    expect(clean('- a\n- b')).toBe('- a\n- b');
  });
});
