import type { Nodes } from 'mdast';
import { hasManyLinkBrackets, parseNoteTree } from '../sanitize/parse-note-tree.js';
import { canNormalizeStructure } from './normalize-note.js';

/** Every `<!-- … -->` removed; an unclosed one takes the rest of the text with it. */
export function stripHtmlComments(text: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const open = text.indexOf('<!--', from);
    if (open < 0) return out + text.slice(from);
    out += text.slice(from, open);
    const close = text.indexOf('-->', open + 4);
    if (close < 0) return out;
    from = close + 3;
  }
}

/** Whether the text may hold a code block or a code span at all. */
function mayHoldCode(text: string): boolean {
  return text.includes('`') || text.includes('~~~') || text.includes('    ') || text.includes('\t');
}

/**
 * A note block's content without the HTML comments a PR template leaves in it (`<!-- Describe… -->`), but
 * with those the note shows in its own code (a fenced block, an indented one, a code span) kept: the
 * comments removed are the raw HTML that Markdown would hide. A note too long or too nested to parse
 * quickly loses every comment, as text.
 */
export function stripTemplateComments(content: string): string {
  if (!content.includes('<!--')) return content;
  if (!mayHoldCode(content) || !canNormalizeStructure(content)) return stripHtmlComments(content);
  const root = parseNoteTree(content, { links: !hasManyLinkBrackets(content) });
  let out = '';
  let at = 0;
  const stack: Nodes[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (node.type === 'html' && start !== undefined && end !== undefined && start >= at) {
      out += content.slice(at, start) + stripHtmlComments(content.slice(start, end));
      at = end;
    }
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
  return out + content.slice(at);
}
