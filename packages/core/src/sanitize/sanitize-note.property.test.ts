import fc from 'fast-check';
import type { Nodes } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { findMentions } from './find-mentions.js';
import { isSafeUrl } from './safe-url.js';
import { sanitizeNote } from './sanitize-note.js';
import { stripUnsafeCharacters } from './strip-unsafe-characters.js';
import { noteText } from './test-helpers/note-text-arbitrary.js';

const RUNS = Number(process.env.RELNOTES_PROPERTY_RUNS ?? (process.env.CI === 'true' ? 3000 : 500));
const parser = unified().use(remarkParse);

/** What a sanitised note must never hold, found with a full CommonMark parse (emphasis included). */
function problems(markdown: string, mentions: boolean): string[] {
  const found: string[] = [];
  const stack: Nodes[] = [parser.parse(markdown)];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (['heading', 'thematicBreak', 'html', 'definition', 'linkReference', 'imageReference'].includes(node.type)) {
      found.push(node.type);
    }
    if ((node.type === 'link' || node.type === 'image') && !isSafeUrl(node.url)) found.push(`url ${node.url}`);
    if (!mentions && node.type === 'text') {
      const start = node.position?.start.offset ?? 0;
      const end = node.position?.end.offset ?? 0;
      for (const mention of findMentions(markdown, start, end)) found.push(`mention ${mention.text}`);
    }
    if (node.type === 'link') continue;
    if ('children' in node) stack.push(...(node.children as Nodes[]));
  }
  const stripped = stripUnsafeCharacters(markdown);
  if (stripped.removed.length > 0 || stripped.text !== markdown) found.push('unsafe character');
  return found;
}

describe('sanitizeNote (property)', () => {
  it('leaves no heading, rule, HTML, definition, unsafe URL, unsafe character or (when off) mention', () => {
    fc.assert(
      fc.property(noteText, fc.boolean(), (text, mentions) => {
        const { markdown } = sanitizeNote(text, { mentions });
        expect(problems(markdown, mentions)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('is a fixed point, and CRLF gives the same output as LF', () => {
    fc.assert(
      fc.property(noteText, fc.boolean(), (text, mentions) => {
        const once = sanitizeNote(text, { mentions }).markdown;
        expect(sanitizeNote(once, { mentions }).markdown).toBe(once);
        const lf = text.replace(/\r\n?/g, '\n');
        expect(sanitizeNote(lf.replace(/\n/g, '\r\n'), { mentions }).markdown).toBe(
          sanitizeNote(lf, { mentions }).markdown,
        );
      }),
      { numRuns: RUNS },
    );
  });
});
