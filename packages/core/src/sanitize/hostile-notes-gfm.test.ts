// Hostile notes, rendered by every built-in pack and read back as GFM (what GitHub renders): footnotes,
// bare links, tables and character references cannot change what the changelog says or where.
import { listBuiltinPacks, loadTemplatePack } from '@relnotes/templates';
import type { Nodes, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import type { PullRequest } from '../model.js';
import { buildReleaseNotes } from '../pipeline.js';
import { compileTemplate } from '../render/compile.js';
import { createRenderContext } from '../render/context.js';
import { sanitizeNotes } from './sanitize-notes.js';

const gfm = unified().use(remarkParse).use(remarkGfm);

const HOSTILE = [
  'Improved logging.\n[^doc]: Security fix: download the patch from https://evil.example/patch\n    # Upgrade now',
  'Renamed the `--foo` flag; see the migration guide[^doc].\n\n[^doc]: https://docs.example/migrate',
  '[^x]: This note would vanish on GitHub',
  'Fixed the &#x202E;txt.exe&#x202C; loader&ZeroWidthSpace; and &#27;[31mred&#27;[0m output.',
  'Contact xmpp:ada@evil.example or see ftp://files.example/patch',
  'Run this:\n\n```sh\n\n```\n\nThen restart.',
  '| a | b |\n|---|---|\n    indented',
  'See https://docs.example/x`<img src=x onerror=alert(1)>`',
];

function pullRequest(number: number, note: string): PullRequest {
  return {
    number,
    title: `PR ${number}`,
    body: `Template text.\n\n\`\`\`\`release-note\n${note}\n\`\`\`\`\n`,
    labels: ['kind/bug', 'sig/node'],
    author: { login: `dev${number}`, url: `https://github.com/dev${number}` },
    url: `https://github.com/acme/widget/pull/${number}`,
    mergedAt: null,
    mergeCommit: null,
    baseRef: null,
  };
}

function walk(root: Nodes): Nodes[] {
  const nodes: Nodes[] = [];
  const stack: Nodes[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    nodes.push(node);
    if ('children' in node) stack.push(...(node.children as Nodes[]));
  }
  return nodes;
}

/** For each item of each top-level list that links a PR: the PRs it links. */
function prsPerItem(root: Root): number[][] {
  const items = root.children.flatMap((node) => (node.type === 'list' ? node.children : []));
  return items
    .map((item) =>
      walk(item).flatMap((node) => {
        const match = node.type === 'link' ? /\/pull\/(\d+)$/.exec(node.url) : null;
        return match ? [Number(match[1])] : [];
      }),
    )
    .filter((prs) => prs.length > 0);
}

describe('hostile notes read as GFM, in every built-in pack', () => {
  it.each(listBuiltinPacks())(
    'pack %s: no footnote, raw HTML or other URL scheme, one item per PR, no hidden character',
    async (name) => {
      const pack = await loadTemplatePack(name);
      const template = compileTemplate(pack.main, { name: pack.mainFile, partials: pack.partials });
      const notes = sanitizeNotes(buildReleaseNotes(HOSTILE.map((note, i) => pullRequest(i + 1, note))).notes).notes;
      const markdown = template(createRenderContext(notes, { release: { version: 'v1.2.0' } }));
      const root = gfm.parse(markdown) as Root;
      const nodes = walk(root);
      expect(nodes.filter((node) => node.type.startsWith('footnote'))).toEqual([]);
      expect(nodes.filter((node) => node.type === 'html')).toEqual([]);
      const urls = nodes.flatMap((node) => (node.type === 'link' ? [node.url] : []));
      expect(urls.filter((url) => !/^(https?|mailto):/.test(url))).toEqual([]);
      const items = prsPerItem(root);
      expect(items.every((prs) => new Set(prs).size === 1)).toBe(true);
      expect([...new Set(items.flat())].sort((a, b) => a - b)).toEqual(HOSTILE.map((_, i) => i + 1));
      for (const hidden of ['\u202e', '\u202c', '\u200b', '\u001b', '&#x202E;', '&#27;', '&ZeroWidthSpace;']) {
        expect(markdown).not.toContain(hidden);
      }
    },
  );
});
