// Label-derived text (SIG names, kinds, areas) reaches headings and note lines of every built-in pack.
import { listBuiltinPacks, loadTemplatePack } from '@relnotes/templates';
import type { Nodes, Root } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import type { PullRequest } from '../model.js';
import { buildReleaseNotes } from '../pipeline.js';
import { compileTemplate } from './compile.js';
import { createRenderContext } from './context.js';
import { markdownSafeLabel } from './label-text.js';

const HOSTILE_LABELS = [
  'kind/bug',
  'sig/<img src=x onerror=alert(1)>',
  'sig/[a](javascript:alert(1))',
  'area/<script>x</script>',
];

function pullRequest(labels: string[]): PullRequest {
  return {
    number: 1,
    title: 'PR 1',
    body: '```release-note\nFixed the gauge.\n```',
    labels,
    author: { login: 'dev1', url: 'https://github.com/dev1' },
    url: 'https://github.com/acme/widget/pull/1',
    mergedAt: null,
    mergeCommit: null,
    baseRef: null,
  };
}

async function render(pack: string, labels: string[]): Promise<string> {
  const loaded = await loadTemplatePack(pack);
  const template = compileTemplate(loaded.main, { name: loaded.mainFile, partials: loaded.partials });
  return template(createRenderContext(buildReleaseNotes([pullRequest(labels)]).notes));
}

function walk(markdown: string): Nodes[] {
  const nodes: Nodes[] = [];
  const stack: Nodes[] = [unified().use(remarkParse).parse(markdown) as Root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    nodes.push(node);
    if ('children' in node) stack.push(...(node.children as Nodes[]));
  }
  return nodes;
}

function textOf(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  return 'children' in node ? (node.children as Nodes[]).map(textOf).join('') : '';
}

describe('markdownSafeLabel', () => {
  it('escapes Markdown punctuation as md-escape does, and leaves plain labels as they are', () => {
    expect(markdownSafeLabel('[a](javascript:x)')).toBe('\\[a\\](javascript:x)');
    expect(markdownSafeLabel('API Machinery')).toBe('API Machinery');
    expect(markdownSafeLabel('k8s-infra/v1.2')).toBe('k8s-infra/v1.2');
  });

  it('puts the label on one line, without unsafe characters', () => {
    expect(markdownSafeLabel(' a\n# b\u202e\u200b ')).toBe('a \\# b');
  });
});

describe('label-derived text is Markdown-safe in every built-in pack', () => {
  it.each(listBuiltinPacks())('%s: a SIG named by a label holds no HTML and no link', async (pack) => {
    const nodes = walk(await render(pack, HOSTILE_LABELS));
    expect(nodes.filter((node) => node.type === 'html')).toEqual([]);
    const urls = nodes.flatMap((node) => (node.type === 'link' ? [node.url] : []));
    expect(urls.filter((url) => !url.startsWith('https://github.com/'))).toEqual([]);
  });

  it('sig-digest: the SIG headings read as the labels, not as markup', async () => {
    const headings = walk(await render('sig-digest', HOSTILE_LABELS)).filter(
      (node) => node.type === 'heading' && node.depth === 2,
    );
    expect(headings.map(textOf).sort()).toEqual(['SIG <img src=x onerror=alert(1)>', 'SIG [a](javascript:alert(1))']);
  });

  it('kubernetes: the [SIG …] after a note reads as the labels', async () => {
    const item = walk(await render('kubernetes', HOSTILE_LABELS)).find((node) => node.type === 'listItem');
    expect(item && textOf(item)).toMatch(/\[SIG <img src=x onerror=alert\(1\)> and \[a\]\(javascript:alert\(1\)\)\]$/);
  });
});

describe('sig-digest: a note without a SIG', () => {
  it('ends with its links, not with an empty " []"', async () => {
    const markdown = await render('sig-digest', ['kind/bug']);
    expect(markdown).toContain('## No SIG');
    expect(markdown).toContain(
      '- Fixed the gauge. ([#1](https://github.com/acme/widget/pull/1), [@dev1](https://github.com/dev1))\n',
    );
    expect(markdown).not.toContain(' []');
  });
});
