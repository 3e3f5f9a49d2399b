// Test support: arbitrary note texts built from the pieces that break Markdown documents.
import fc from 'fast-check';

/** Pieces GFM (GitHub) reads differently from CommonMark, or that hide a character or a mention. */
export const GITHUB_FRAGMENTS = [
  '[^1]',
  '[^1]: ',
  '[^doc]: https://docs.example/x',
  '[^x]: footnote\n    # in it',
  '^',
  '&#94;',
  '&#64;',
  '&commat;',
  '&#35;',
  '&num;',
  '&#x202E;',
  '&ZeroWidthSpace;',
  '&zwj;',
  '&shy;',
  '&#xE0041;',
  '&#27;[31m',
  '&#12;',
  '&colon;',
  'https://',
  'http://"',
  'https://a.example/',
  'www.',
  'a_b.example',
  'ftp://files.example',
  'xmpp:',
  'xmpp:ada@evil.example',
  'mailto:x@y.example',
  '\u200d',
  '\u200c',
  '\u{1F468}\u200d\u{1F469}',
  '\u0645\u06cc\u200c\u062e',
  '\f',
  '\u000b',
  '\u0085',
  '```sh\n\n```',
  '| a | b |\n|---|---|',
  '~~',
];

export const FRAGMENTS = [
  '```',
  '~~~',
  '````',
  '```release-note',
  '```go',
  '    indented',
  '# ',
  '## Heading',
  '### ',
  '###### x',
  'Title\n===',
  'Title\n---',
  '---',
  '***',
  '___',
  '- ',
  '* ',
  '+ ',
  '1. ',
  '2) ',
  '  - ',
  '> ',
  '>> ',
  '<details>',
  '</details>',
  '<summary>s</summary>',
  '<script>alert(1)</script>',
  '<!--',
  '-->',
  '</ul>',
  '</li>',
  '<li>',
  '<h2>x</h2>',
  '<div>',
  '<img src=x onerror=alert(1)>',
  '[a](javascript:alert(1))',
  '[x]: https://evil.example',
  '[x]',
  '[x][y]',
  '<https://ok.example>',
  '<javascript:alert(1)>',
  '![i](data:x)',
  '[ok](https://ok.example)',
  '@ada',
  '@acme/team',
  '#12',
  '|',
  '\\',
  '`',
  '``',
  '*',
  '_',
  '&lt;',
  '&#96;',
  '\u0000',
  '\u001b[31m',
  '\u202e',
  '\u200b',
  '\r\n',
  '\r',
  '\t',
  '\n',
  '\n\n',
  '    ',
  'word',
  'ACTION REQUIRED: ',
  'NONE',
  // What GitHub reads beyond CommonMark: footnotes, bare links, character references, joiners.
  ...GITHUB_FRAGMENTS,
];

const fragment = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
);
export const noteText = fc.array(fragment, { minLength: 1, maxLength: 14 }).map((parts) => parts.join(''));

/** What a code block may hold that would be live outside it: raw HTML, script links, a fence of the other kind. */
const CODE_CONTENT = [
  '<details open><summary>Click</summary><h1>Injected</h1>',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[click](javascript:alert(1))',
  '<javascript:alert(2)>',
  '![i](data:text/html,x)',
  '[x]: javascript:alert(3)',
  '```',
  '~~~',
  '# Heading',
  '- item',
  '@ada #12',
  '<!-- keep this comment -->',
  '[^1]: in code',
  '&#x202E; in code',
];

/**
 * A note with a code block after its first line (fenced with ``` or ~~~, or indented), holding what would be
 * live Markdown or HTML outside code: a summary built from the note must not take it out of the block.
 */
export const noteWithCodeBlock = fc
  .record({
    lead: fc.constantFrom('Fixes foo', 'Fixes foo.', 'Adds `x`:', '- Fixes foo', '> Fixes foo', ''),
    fence: fc.constantFrom('```', '~~~', '````', '~~~~', '```go', '    '),
    content: fc.array(fc.constantFrom(...CODE_CONTENT), { minLength: 1, maxLength: 3 }),
    closed: fc.boolean(),
    tail: fc.constantFrom('', '\n\nMore words.', '\nlazy line'),
  })
  .map(({ lead, fence, content, closed, tail }) => {
    if (fence === '    ') return `${lead}\n\n${content.map((line) => `    ${line}`).join('\n')}${tail}`;
    const close = closed ? `\n${fence.replace('go', '')}` : '';
    return `${lead}\n${fence}\n${content.join('\n')}${close}${tail}`;
  });

/** Arbitrary note texts, with notes holding a hostile code block among them. */
export const hostileNoteText = fc.oneof(
  { weight: 3, arbitrary: noteText },
  { weight: 1, arbitrary: noteWithCodeBlock },
);
