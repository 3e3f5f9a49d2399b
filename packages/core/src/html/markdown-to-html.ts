import type { Nodes, Root } from 'mdast';
import { lazily } from '../sanitize/load-markdown.js';

/** Images become links to them: a page that loads nothing from outside cannot be used to track its readers. */
function imagesToLinks() {
  return (tree: Root): undefined => {
    const stack: Nodes[] = [tree];
    for (let node = stack.pop(); node; node = stack.pop()) {
      if (!('children' in node)) continue;
      node.children.forEach((child, index) => {
        if (child.type === 'image') {
          const link: Nodes = {
            type: 'link',
            url: child.url,
            children: [{ type: 'text', value: child.alt || child.url }],
          };
          (node.children as Nodes[])[index] = link;
        } else stack.push(child);
      });
    }
    return undefined;
  };
}

// Raw HTML is dropped by remark-rehype (no allowDangerousHtml); rehype-sanitize's default schema (GitHub's)
// then removes whatever else could run or load: only http(s)/mailto-style links survive, ids are prefixed.
// Built on first use: Markdown output never loads rehype.
const processor = lazily((load) => {
  const { unified } = load('unified') as typeof import('unified');
  return unified()
    .use((load('remark-parse') as typeof import('remark-parse')).default)
    .use(imagesToLinks)
    .use((load('remark-rehype') as typeof import('remark-rehype')).default)
    .use((load('rehype-sanitize') as typeof import('rehype-sanitize')).default)
    .use((load('rehype-stringify') as typeof import('rehype-stringify')).default);
});

/** Markdown → sanitised HTML. Give it sanitised Markdown (see sanitizeNote): parsing is quadratic on hostile emphasis. */
export function markdownToHtml(markdown: string): string {
  return String(processor().processSync(markdown));
}

/** Escapes text for an HTML text node or a quoted attribute. */
export function escapeHtml(text: string): string {
  let out = '';
  for (const char of text) {
    if (char === '&') out += '&amp;';
    else if (char === '<') out += '&lt;';
    else if (char === '>') out += '&gt;';
    else if (char === '"') out += '&quot;';
    else if (char === "'") out += '&#39;';
    else out += char;
  }
  return out;
}
