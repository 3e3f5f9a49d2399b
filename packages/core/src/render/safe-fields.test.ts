import type { Nodes } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { createReleaseNote } from '../create-release-note.js';
import type { ReleaseNote } from '../model.js';
import { DEFAULT_RULES } from '../rules.js';
import { safeLinkDestination } from '../sanitize/link-destination.js';
import { compileTemplate } from './compile.js';
import { createRenderContext } from './context.js';
import { safeAuthor } from './safe-author.js';

function note(fields: Partial<ReleaseNote>): ReleaseNote {
  return createReleaseNote({
    pr: 101,
    prUrl: 'https://github.com/acme/gears/pull/101',
    text: 'Gears turn faster.',
    author: { login: 'ada', url: 'https://github.com/ada' },
    kinds: ['feature'],
    ...fields,
  });
}

describe('safeLinkDestination', () => {
  it('keeps an ordinary GitHub URL as written', () => {
    expect(safeLinkDestination('https://github.com/acme/gears/pull/101')).toBe(
      'https://github.com/acme/gears/pull/101',
    );
  });

  it('drops every scheme but http and https, and text that is no URL', () => {
    for (const url of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,x',
      'mailto:a@b.c',
      '/pull/1',
      'x',
    ])
      expect(safeLinkDestination(url)).toBe('');
  });

  it('encodes what could end the link or start new Markdown: spaces, parentheses, angle brackets, breaks', () => {
    const url = safeLinkDestination('https://github.com/o/r/pull/1)\n\n# Injected <script>alert(1)</script>');
    expect(url).not.toMatch(/[\s()<>]/);
    expect(url.startsWith('https://github.com/o/r/pull/1%29')).toBe(true);
  });
});

describe('safeAuthor', () => {
  it('keeps a login as GitHub spells it, bots included, and returns the same object', () => {
    const bot = { login: 'dependabot[bot]', url: 'https://github.com/apps/dependabot' };
    expect(safeAuthor(bot)).toBe(bot);
  });

  it('links a plain login to its GitHub page when its URL is not http(s)', () => {
    expect(safeAuthor({ login: 'bob', url: 'javascript:alert(2)' })).toEqual({
      login: 'bob',
      url: 'https://github.com/bob',
    });
  });

  it('escapes a login no GitHub account can have, and drops its bad URL', () => {
    expect(safeAuthor({ login: 'x](javascript:alert(3)) <img src=x onerror=alert(4)>', url: 'javascript:x' })).toEqual({
      login: 'x\\](javascript:alert(3)) \\<img src=x onerror=alert(4)\\>',
      url: '',
    });
  });
});

describe('createRenderContext: fields other than the note text are made safe too', () => {
  const hostile = note({
    prUrl: 'https://github.com/o/r/pull/101)\n\n# Injected via input url\n\n<script>alert(1)</script>',
    author: { login: 'bob', url: 'javascript:alert(2)' },
  });
  const context = createRenderContext([hostile], {
    release: {
      version: 'v1.0\n# Injected version <script>alert(7)</script>',
      previous: 'v0.9',
      repository: 'acme/gears',
      date: null,
    },
    rules: {
      ...DEFAULT_RULES,
      sections: [{ title: 'Feature\n\n# Injected section <b>x</b>', kinds: ['feature'] }],
    },
  });

  it('gives templates a PR URL that cannot break out of its link, and an author URL that is http(s)', () => {
    const [only] = context.notes;
    expect(only?.prUrl).not.toMatch(/[\s()<>]/);
    expect(only?.author).toEqual({ login: 'bob', url: 'https://github.com/bob' });
  });

  it('puts release fields and section titles on one escaped line', () => {
    expect(context.release.version).toBe('v1.0 \\# Injected version \\<script\\>alert(7)\\</script\\>');
    expect(context.sections.map((section) => section.title)).toEqual(['Feature \\# Injected section \\<b\\>x\\</b\\>']);
    expect(context.notes[0]?.section).toBe(context.sections[0]?.title);
  });

  it('renders no heading or HTML from them in a template that prints them as they are', () => {
    const template = compileTemplate(
      '# {{release.version}}\n{{#each sections}}\n### {{title}}\n{{#each notes}}\n- {{text}} ({{pr-link this}}, {{author-link this}})\n{{/each}}\n{{/each}}',
    );
    const tree = unified().use(remarkParse).parse(template(context));
    const types: string[] = [];
    const urls: string[] = [];
    visit(tree, (node) => {
      types.push(node.type);
      if (node.type === 'link') urls.push(node.url);
    });
    expect(types.filter((type) => type === 'heading')).toHaveLength(2);
    expect(types).not.toContain('html');
    expect(urls.map((url) => new URL(url).protocol)).toEqual(['https:', 'https:']);
  });
});

function visit(node: Nodes, each: (node: Nodes) => void): void {
  each(node);
  if ('children' in node) for (const child of node.children) visit(child, each);
}
