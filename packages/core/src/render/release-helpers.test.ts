import { describe, expect, it } from 'vitest';
import type { ReleaseNote } from '../model.js';
import { neutraliseMentions } from '../sanitize/mentions-by-line.js';
import { changelogCategoryOf } from './changelog-categories.js';
import { groupBy, sortBy } from './collection-helpers.js';
import { compileTemplate } from './compile.js';
import { firstSentence } from './first-sentence.js';
import { formatDate } from './format-date.js';
import type { RenderContext } from './types.js';

function render(source: string, context: unknown): string {
  return compileTemplate(source)(context as RenderContext);
}

type CategoryInput = Pick<ReleaseNote, 'kinds' | 'stageChange' | 'dataFields'>;
const categorise = (fields: Partial<CategoryInput>) =>
  changelogCategoryOf({ kinds: [], stageChange: null, dataFields: {}, ...fields });

describe('date', () => {
  it('formats ISO dates and timestamps in UTC, with no locale', () => {
    expect(formatDate('2026-11-25')).toBe('2026-11-25');
    expect(formatDate('2026-11-25T23:30:00-02:00')).toBe('2026-11-26');
    expect(formatDate('2026-03-01T00:10:00Z', 'long')).toBe('March 1, 2026');
  });

  it('rejects what is not an ISO date', () => {
    expect(() => formatDate('25/11/2026')).toThrow(/ISO date/);
    expect(() => formatDate('2026-13-45')).toThrow(/ISO date/);
  });

  it('is a helper that prints nothing for a missing date', () => {
    expect(render('{{date d}}|{{date d format="long"}}', { d: '2026-11-25T08:00:00Z' })).toBe(
      '2026-11-25|November 25, 2026',
    );
    expect(render('[{{date d}}]', { d: null })).toBe('[]');
    expect(() => render('{{date d format="short"}}', { d: '2026-11-25' })).toThrow(/helper "date" failed/);
  });
});

describe('group-by and sort-by', () => {
  const items = [
    { pr: 3, sigs: ['node', 'apps'], author: { login: 'bo' } },
    { pr: 1, sigs: ['node'], author: { login: 'Ada' } },
    { pr: 2, sigs: [], author: { login: 'ada' } },
  ];

  it('groups by a field in order of appearance, a list value in each group, missing last', () => {
    expect(groupBy(items, 'sigs').map((g) => [g.key, g.items.map((i) => (i as { pr: number }).pr)])).toEqual([
      ['node', [3, 1]],
      ['apps', [3]],
      [null, [2]],
    ]);
    expect(groupBy(items, 'author.login').map((g) => g.key)).toEqual(['bo', 'Ada', 'ada']);
  });

  it('sorts numbers by value and text case-insensitively, stably, with desc', () => {
    expect(sortBy(items, 'pr').map((i) => (i as { pr: number }).pr)).toEqual([1, 2, 3]);
    expect(sortBy(items, 'author.login').map((i) => (i as { pr: number }).pr)).toEqual([1, 2, 3]);
    expect(sortBy(items, 'pr', true).map((i) => (i as { pr: number }).pr)).toEqual([3, 2, 1]);
    expect(sortBy([{ a: 2 }, {}, { a: 1 }], 'a')).toEqual([{ a: 1 }, { a: 2 }, {}]);
  });

  it('never reads prototypes', () => {
    expect(() => groupBy(items, '__proto__')).toThrow(/field path/);
    expect(() => sortBy(items, 'author..login')).toThrow(/field path/);
  });

  it('work in templates', () => {
    const out = render(
      '{{#each (group-by (sort-by list "pr") "sigs")}}{{key}}:{{#each items}}{{pr}}{{/each}};{{/each}}',
      {
        list: items,
      },
    );
    expect(out).toBe('node:13;apps:3;:2;');
    expect(render('{{#each (sort-by list "pr" desc=true)}}{{pr}}{{/each}}', { list: items })).toBe('321');
  });
});

describe('stage-title', () => {
  it('names a stage, or the change to it', () => {
    expect(render('{{stage-title s}}/{{stage-title s change=true}}', { s: 'stable' })).toBe(
      'Stable/Graduated to Stable',
    );
    expect(render('{{stage-title s change=true}}', { s: 'alpha' })).toBe('New in Alpha');
    expect(render('[{{stage-title s}}]', { s: null })).toBe('[]');
    expect(() => render('{{stage-title s}}', { s: 'gamma' })).toThrow(/stage-title/);
  });
});

describe('first-sentence', () => {
  it('takes the first sentence of the first paragraph, on one line', () => {
    expect(firstSentence('The `v1.2` API is\nstable. Use it now.\n\nMore.')).toBe('The `v1.2` API is stable.');
    expect(firstSentence('No full stop here\n\nsecond paragraph.')).toBe('No full stop here');
    expect(firstSentence('Bumped to 1.25.3 (from 1.25.2).')).toBe('Bumped to 1.25.3 (from 1.25.2).');
    expect(firstSentence('Three new commands:\n\n- `a`\n- `b`')).toBe('Three new commands.');
  });

  it('never takes the content of a code block: the sentence comes from the first paragraph only', () => {
    const html = 'Fixes foo\n~~~\n<details open><summary>Click</summary><h1>Injected</h1>\n~~~';
    const links = 'Fixes foo\n~~~\n[click](javascript:alert(1)) <javascript:alert(2)>\n~~~';
    const nested = 'Fixes foo\n````\n```\n<b>x</b>\n```\n````';
    for (const note of [html, links, nested]) expect(firstSentence(note)).toBe('Fixes foo');
    expect(firstSentence('```\ncode. More.\n```\n\nThe real summary. Rest.')).toBe('The real summary.');
    expect(firstSentence('- Adds foo.\n- Adds bar.')).toBe('Adds foo.');
    expect(firstSentence('> Quoted first\n> line. Then more.')).toBe('Quoted first line.');
    expect(firstSentence('```\nonly code\n```')).toBe('');
  });

  it('returns safe Markdown for one line whatever it is given (sanitised again)', () => {
    expect(firstSentence('Run <script>alert(1)</script> now.')).toBe('Run &lt;script>alert(1)&lt;/script> now.');
    expect(firstSentence('See [x](javascript:alert(1)).')).toBe('See x.');
    expect(firstSentence('Half a [link](https://ok.example')).toBe('Half a [link]\\(https://ok.example');
    expect(firstSentence(`${'*'.repeat(14)}x and more`)).not.toContain('\n');
  });

  it('cuts a long sentence at a space outside code spans', () => {
    const long = `Word ${'x '.repeat(150)}\`a b c\` end.`;
    const cut = firstSentence(long, 40);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(41);
  });
});

describe('no-mention', () => {
  it('wraps mentions and issue references in code spans', () => {
    expect(neutraliseMentions('Thanks @ada-l and @org/team-x (see #123).')).toBe(
      'Thanks `@ada-l` and `@org/team-x` (see `#123`).',
    );
  });

  it('leaves addresses, URLs, anchors, code spans and fences alone', () => {
    const text = 'Mail a@b.io, see https://x.dev/a#123 or `@ada #1`\n```\n@bo #2\n```\nand @cy.';
    expect(neutraliseMentions(text)).toBe(
      'Mail a@b.io, see https://x.dev/a#123 or `@ada #1`\n```\n@bo #2\n```\nand `@cy`.',
    );
    expect(neutraliseMentions('#12abc, # 3, C#')).toBe('#12abc, # 3, C#');
  });

  it('stays fast on hostile input', () => {
    const hostile = `${'`'.repeat(1) + '@a '.repeat(20000)}${'``x'.repeat(5000)}`;
    const start = performance.now();
    neutraliseMentions(hostile);
    expect(performance.now() - start).toBeLessThan(500);
  });

  it('is a helper', () => {
    expect(render('{{no-mention t}}', { t: 'cc @ada' })).toBe('cc `@ada`');
  });
});

describe('changelog-categories', () => {
  it('maps kinds to Keep a Changelog headings', () => {
    expect(categorise({ kinds: ['feature'] })).toBe('Added');
    expect(categorise({ kinds: ['api-change'] })).toBe('Changed');
    expect(categorise({ kinds: ['documentation'] })).toBe('Changed');
    expect(categorise({ kinds: ['deprecation'] })).toBe('Deprecated');
    expect(categorise({ kinds: ['removal'] })).toBe('Removed');
    expect(categorise({ kinds: ['flake'] })).toBe('Fixed');
    expect(categorise({ kinds: ['security'] })).toBe('Security');
    expect(categorise({ kinds: [] })).toBe('Changed');
  });

  it('lets a CVE, a removed or deprecated stage, and a feature win over other kinds', () => {
    expect(categorise({ kinds: ['bug'], dataFields: { cve: { id: 'CVE-2026-0001' } } })).toBe('Security');
    expect(categorise({ kinds: ['feature'], stageChange: 'removed' })).toBe('Removed');
    expect(categorise({ kinds: ['cleanup'], stageChange: 'deprecated' })).toBe('Deprecated');
    expect(categorise({ kinds: ['api-change', 'feature'] })).toBe('Added');
    expect(categorise({ kinds: ['cleanup', 'bug'] })).toBe('Fixed');
    expect(categorise({ kinds: ['bug'], dataFields: { cve: null } })).toBe('Fixed');
  });

  it('groups notes in the headings order, and takes other kinds per heading', () => {
    const notes = [
      { pr: 1, kinds: ['bug'], stageChange: null, dataFields: {} },
      { pr: 2, kinds: ['feature'], stageChange: null, dataFields: {} },
      { pr: 3, kinds: ['chore'], stageChange: null, dataFields: {} },
    ];
    const source = '{{#each (changelog-categories notes)}}{{title}}:{{#each notes}}{{pr}}{{/each}};{{/each}}';
    expect(render(source, { notes })).toBe('Added:2;Changed:3;Fixed:1;');
    const custom =
      '{{#each (changelog-categories notes Fixed="chore bug")}}{{title}}:{{#each notes}}{{pr}}{{/each}};{{/each}}';
    expect(render(custom, { notes })).toBe('Added:2;Fixed:13;');
    expect(() => render('{{changelog-categories notes Bugs="bug"}}', { notes })).toThrow(/unknown heading/);
  });
});

describe('pr-links', () => {
  it('links each note', () => {
    const notes = [
      { pr: 1, prUrl: 'https://x.dev/pull/1' },
      { pr: 2, prUrl: '' },
    ];
    expect(render('{{pr-links notes}}', { notes })).toBe('[#1](https://x.dev/pull/1), #2');
  });
});

describe('where and note-gap', () => {
  it('where keeps the items whose field has the value, null matching a missing one', () => {
    const list = [{ pr: 1, stageChange: 'beta' }, { pr: 2, stageChange: null }, { pr: 3 }];
    expect(render('{{#each (where list "stageChange" null)}}{{pr}}{{/each}}', { list })).toBe('23');
    expect(render('{{#each (where list "stageChange" "beta")}}{{pr}}{{/each}}', { list })).toBe('1');
  });

  it('note-gap puts the links on their own paragraph after a fence or a list', () => {
    const source = '- {{note-text this}}{{note-gap this}}(#1)';
    expect(render(source, { text: 'plain note' })).toBe('- Plain note (#1)');
    expect(render(source, { text: 'see:\n```yaml\na: 1\n```' })).toBe('- See:\n  ```yaml\n  a: 1\n  ```\n\n  (#1)');
    expect(render(source, { text: 'three:\n\n- a\n- b' })).toBe('- Three:\n\n  - a\n  - b\n\n  (#1)');
    expect(render(source, { text: '- a single list line' })).toBe('- - a single list line (#1)');
  });
});
