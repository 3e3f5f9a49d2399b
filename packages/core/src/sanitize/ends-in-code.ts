import type { Nodes } from 'mdast';
import { hasTooManyLines, parseNoteTree } from './parse-note-tree.js';
import { MAX_SANITIZED_NOTE_LENGTH } from './sanitize-note.js';

/**
 * Whether the last line of a note belongs to a code block (fenced or indented, at any depth): text written
 * after it on the same line would be code, not a link. Parses only notes that may hold code at all.
 */
export function endsInCode(markdown: string): boolean {
  const text = markdown.trimEnd();
  // Code needs a fence, or a last line indented by four columns past its markers.
  const lastLine = text.slice(text.lastIndexOf('\n') + 1);
  let prefix = 0;
  while (prefix < lastLine.length && ' \t>-*+.)0123456789'.includes(lastLine.charAt(prefix))) prefix++;
  const indented = lastLine.slice(0, prefix).includes('    ') || lastLine.slice(0, prefix).includes('\t');
  if (!indented && !text.includes('```') && !text.includes('~~~')) return false;
  // Too long to parse quickly (sanitizeNote shows such notes as one fenced block): go by the last line.
  if (text.length > 2 * MAX_SANITIZED_NOTE_LENGTH || hasTooManyLines(text)) {
    const content = lastLine.slice(prefix);
    return indented || content.startsWith('```') || content.startsWith('~~~');
  }
  let node: Nodes | undefined = parseNoteTree(text);
  while (node && 'children' in node) {
    const last: Nodes | undefined = node.children[node.children.length - 1];
    if (last?.type === 'code') return true;
    node = last;
  }
  return false;
}
