import { describe, expect, it } from 'vitest';
import { classifyDocLink, parseDocsBlock } from './docs-links.js';

describe('classifyDocLink', () => {
  it.each([
    ['https://github.com/kubernetes/enhancements/issues/3017', 'KEP'],
    ['https://github.com/kubernetes/enhancements/tree/master/keps/sig-node/3017-gizmo', 'KEP'],
    ['https://github.com/kubernetes/enhancements/blob/abc123/keps/sig-apps/42-widget/README.md', 'KEP'],
    ['https://kep.k8s.io/3017', 'KEP'],
    ['https://kubernetes.io/docs/concepts/widgets/', 'official'],
    ['https://www.kubernetes.io/zh-cn/docs/tasks/', 'official'],
    ['https://k8s.io/docs/reference/', 'official'],
    ['https://kubernetes.io/blog/2026/01/01/gizmos/', 'external'],
    ['https://github.com/kubernetes/kubernetes/pull/1', 'external'],
    ['https://example.com/docs/', 'external'],
    ['not a url', 'external'],
    ['ftp://kep.k8s.io/1', 'external'],
  ] as const)('%s → %s', (url, type) => {
    expect(classifyDocLink(url)).toBe(type);
  });
});

describe('parseDocsBlock', () => {
  it('reads reference-style, Markdown-link, described and bare lines; skips placeholders', () => {
    const value = [
      '- [KEP]: https://github.com/kubernetes/enhancements/issues/3017',
      '* [Usage](https://kubernetes.io/docs/tasks/gizmo/)',
      'Design doc - https://example.com/gizmo-design',
      'https://kep.k8s.io/12',
      '- [Other doc]: <link>',
      '- [Blog]: <https://example.org/post>',
    ].join('\n');
    expect(parseDocsBlock(value)).toEqual([
      { url: 'https://github.com/kubernetes/enhancements/issues/3017', description: 'KEP', type: 'KEP' },
      { url: 'https://kubernetes.io/docs/tasks/gizmo/', description: 'Usage', type: 'official' },
      { url: 'https://example.com/gizmo-design', description: 'Design doc', type: 'external' },
      { url: 'https://kep.k8s.io/12', description: '', type: 'KEP' },
      { url: 'https://example.org/post', description: 'Blog', type: 'external' },
    ]);
  });

  it('differs from krel: text after the URL is not glued into it', () => {
    expect(parseDocsBlock('[KEP]: https://kep.k8s.io/5 (beta)')[0]?.url).toBe('https://kep.k8s.io/5');
  });
});
