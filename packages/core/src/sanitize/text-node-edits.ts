import type { Nodes, Root } from 'mdast';
import { ansiSequenceEnd } from './ansi-escape.js';
import { characterReferenceAt } from './character-references.js';
import {
  isJoiner,
  joinsText,
  type UnsafeCharacterKind,
  unsafeCharacterKind,
  whitespaceControlReplacement,
} from './strip-unsafe-characters.js';
import { isEscaped, type TextEdit } from './text-edits.js';

export interface TextNodeFindings {
  /** A `[^` was escaped. */
  footnote: () => void;
  /** A character reference to an unsafe character was removed. */
  removed: (kind: UnsafeCharacterKind, codePoint: number) => void;
}

/**
 * Edits in the text of a note (every text node, inside links and bare URLs too, where readers differ; image
 * alt text; never code):
 * - the `[` of every `[^` is escaped: GitHub reads `[^x]` as a footnote reference and `[^x]: …` as a
 *   footnote, which it moves to the end of the page, out of the note (and another note's `[^x]` links to it);
 * - a character reference is treated as the character it renders as: `&#x202E;`, `&ZeroWidthSpace;` or
 *   `&#27;[31m` are removed as the raw characters are, `&#12;` (form feed) becomes a space.
 */
export function textNodeEdits(text: string, root: Root, findings: Readonly<TextNodeFindings>): TextEdit[] {
  const edits: TextEdit[] = [];
  const stack: Nodes[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if ('children' in node) for (const child of node.children) stack.push(child as Nodes);
    // An image's alt text is shown where the image does not load: its references count too.
    const start = node.type === 'text' || node.type === 'image' ? node.position?.start.offset : undefined;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) continue;
    for (let i = start; i < end; i++) {
      const char = text.charAt(i);
      if (char === '[' && node.type === 'text' && !isEscaped(text, i, start) && isCaret(text, i + 1)) {
        findings.footnote();
        edits.push(...footnoteEscapes(text, i, end));
      } else if (char === '&' && !isEscaped(text, i, start)) {
        const edit = referenceEdit(text, i, end, findings);
        if (edit) {
          edits.push(edit);
          i = edit.end - 1;
        }
      }
    }
  }
  return edits;
}

/**
 * Escapes for the `[` of a footnote label at `open` and for the `]` that closes it (up to `end`), if one
 * does: the label reads as written, and a link whose text holds it keeps its brackets balanced.
 */
export function footnoteEscapes(text: string, open: number, end: number): TextEdit[] {
  const edits: TextEdit[] = [{ start: open, end: open, insert: '\\' }];
  for (let i = open + 1; i < end; i++) {
    const char = text.charAt(i);
    if ((char !== '[' && char !== ']') || isEscaped(text, i, open)) continue;
    if (char === ']') edits.push({ start: i, end: i, insert: '\\' });
    break;
  }
  return edits;
}

/** `^`, `\^` or a character reference to `^` at `i`. */
function isCaret(text: string, i: number): boolean {
  const char = text.charAt(i);
  if (char === '^') return true;
  if (char === '\\') return text.charAt(i + 1) === '^';
  return char === '&' && characterReferenceAt(text, i)?.codePoint === 0x5e;
}

function referenceEdit(
  text: string,
  at: number,
  nodeEnd: number,
  findings: Readonly<TextNodeFindings>,
): TextEdit | null {
  const reference = characterReferenceAt(text, at);
  if (!reference || reference.end > nodeEnd) return null;
  const { codePoint, end } = reference;
  // Not a line ending to GitHub either: a space keeps the words apart.
  if (codePoint === 0x0d || whitespaceControlReplacement(codePoint) !== null) return { start: at, end, insert: ' ' };
  const kind = unsafeCharacterKind(codePoint);
  if (!kind || (isJoiner(codePoint) && joinsText(text.charCodeAt(at - 1), text.charCodeAt(end)))) return null;
  const sequenceEnd = ansiSequenceEnd(text, codePoint, end);
  if (sequenceEnd >= end) {
    findings.removed('ansi-escape', codePoint);
    return { start: at, end: Math.min(sequenceEnd, nodeEnd), insert: '' };
  }
  findings.removed(kind, codePoint);
  return { start: at, end, insert: '' };
}
