// Hostile PR bodies and note texts, shared by packages/cli/src/safety/pathological.test.ts and
// scripts/bench-pathological.mjs. Each must be processed in well under a second.

const MB = 1024 * 1024;
const block = (note) => `Description.\n\n\`\`\`release-note\n${note}\n\`\`\`\n`;
const fill = (unit, length) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

/** PR bodies: a release-note block with a pathological note, or a pathological body around a good block. */
export function pathologicalBodies() {
  return [
    { name: 'body over 65,536 characters', body: block('Gizmos resize.') + fill('filler text. ', 70_000) },
    { name: '1 MB body', body: block('Gizmos resize.') + fill('lorem ipsum ', MB) },
    { name: '1 MB body before the block', body: fill('lorem ipsum ', MB) + block('Gizmos resize.') },
    { name: 'thousands of backticks in the note', body: block(fill('`', 5_000)) },
    { name: 'thousands of backtick pairs in the note', body: block(fill('` ', 9_000)) },
    { name: '1 MB of backticks', body: fill('`', MB) },
    { name: 'nested brackets', body: block(`${fill('[', 4_000)}${fill(']', 4_000)}`) },
    { name: 'unclosed link openers', body: block(fill('[a](', 9_000)) },
    { name: 'image openers', body: block(fill('![[', 9_000)) },
    { name: 'long run of spaces', body: block(`${fill(' ', 60_000)}x`) },
    { name: 'long run of *', body: block(fill('*', 60_000)) },
    { name: 'alternating *a', body: block(fill('*a', 9_000)) },
    { name: 'alternating *_', body: block(fill('*_', 9_000)) },
    { name: 'runs of <', body: block(fill('<', 9_000)) },
    { name: 'unclosed comments', body: block(fill('<!--', 9_000)) },
    { name: 'nested block quotes', body: block(`${fill('> ', 9_000)}x`) },
    { name: 'nested lists', body: block(fill(`${'- '.repeat(20)}x\n`, 9_000)) },
    { name: 'many headings and rules', body: block(fill('# h\n---\n', 9_000)) },
    { name: 'many mentions', body: block(fill('@ada #1 ', 9_000)) },
    { name: 'control characters', body: block(`a${fill('\u0000\u001b[31m\u202e\u200b', 9_000)}b`) },
    // Shapes on which micromark is quadratic: each setext heading copies every event parsed so far, each
    // lazy continuation line scans back over its paragraph, each `]` over the brackets before it.
    { name: 'setext headings a/-', body: block(fill('a\n-\n', 9_990)) },
    { name: 'setext headings a/=', body: block(fill('a\n=\n', 9_990)) },
    { name: 'setext headings a/===', body: block(fill('a\n===\n', 9_990)) },
    { name: 'lazy lines in a block quote', body: block(`> a\n${fill('b\n', 9_990)}`) },
    { name: 'lazy lines in a list item', body: block(`- a\n${fill('b\n', 9_990)}`) },
    { name: 'empty list items', body: block(fill('-\n', 9_990)) },
    { name: 'reference-like runs [a]', body: block(fill('[a]', 9_990)) },
    { name: 'reference-like runs [a][', body: block(fill('[a][', 9_990)) },
    // What GitHub reads beyond CommonMark, and template comments next to code in the note.
    { name: 'character references', body: block(fill('&#64;ada &commat;b &#x202E;&zwj;&#27;[1m ', 9_990)) },
    { name: 'footnotes', body: block(fill('[^a]: b [^a]\n', 9_990)) },
    { name: 'bare URLs against code spans', body: block(fill('https://a.example/`x`', 9_990)) },
    { name: 'www. chained by _', body: block(fill('_www.', 9_990)) },
    { name: 'ftp and xmpp links', body: block(fill('ftp://a.example xmpp:a@b.example ', 9_990)) },
    { name: 'comments and code spans', body: block(fill('`x` <!-- c --> ', 9_990)) },
    { name: 'table rows', body: block(`| a | b |\n|---|---|\n${fill('| c | d |\n', 9_900)}`) },
  ];
}

/** Note texts as an override file or krel JSON could hold them (no PR body limit applies). */
export function pathologicalNotes() {
  return [
    { name: '1 MB note', text: fill('word ', MB) },
    { name: '1 MB of *_', text: fill('*_', MB) },
    { name: '1 MB of nested brackets', text: `${fill('[', MB / 2)}${fill(']', MB / 2)}` },
    { name: '65,536 characters of > nesting', text: `${fill('> ', 65_536)}x` },
    { name: 'note just under the parse limit, of *_', text: fill('*_', 9_990) },
    { name: 'note just under the parse limit, of [a](', text: fill('[a](', 9_990) },
    { name: 'setext headings a/- (a 9,990-character note)', text: fill('a\n-\n', 9_990) },
    { name: 'setext headings a/= just under the line limit', text: fill('a\n=\n', 596) },
    { name: 'lazy lines in a block quote just under the line limit', text: `> a\n${fill('bbbbbbbbb\n', 2_980)}` },
    {
      name: 'lazy lines in a list item just under the line limit, with mentions',
      text: `- a\n${fill('b @ada\n', 2_086)}`,
    },
    { name: 'empty list items just under the line limit', text: fill('-\n', 596) },
    { name: 'nested quotes and items just under the line limit', text: fill('> - > a\n', 2_390) },
    { name: 'reference-like runs [a][ just under the bracket limit', text: fill('[a][', 1_990) },
    { name: 'reference-like runs [a] over the bracket limit', text: fill('[a]', 9_000) },
    { name: 'character references just under the parse limit', text: fill('&#64;a&#x200B;', 9_990) },
    { name: 'www. chained by _ just under the parse limit', text: fill('_www.', 9_990) },
    { name: 'bare URLs against code spans just under the parse limit', text: fill('www.a.b/`x`', 9_990) },
    { name: 'pipes just under the line limit', text: fill('|-|\n', 1_190) },
  ];
}
