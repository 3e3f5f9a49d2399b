import fc from 'fast-check';
import type { Nodes } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { isSafeUrl } from './safe-url.js';
import { sanitizeNote } from './sanitize-note.js';
import { stripUnsafeCharacters, unsafeCharacterKind } from './strip-unsafe-characters.js';
import { noteText } from './test-helpers/note-text-arbitrary.js';

const RUNS = Number(process.env.RELNOTES_PROPERTY_RUNS ?? (process.env.CI === 'true' ? 3000 : 500));
// GitHub renders GFM: footnotes, bare URLs as links, tables.
const parser = unified().use(remarkParse).use(remarkGfm);

const NUMERIC_REFERENCE = /&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));/g;

/**
 * Mentions and references GitHub would link in a text as rendered (decoded), by its own rule: `@` and a
 * letter or digit, `#` and digits, `GH-` and digits, after no letter, digit or `_`. Independent of findMentions.
 */
function renderedMentions(value: string): string[] {
  const found: string[] = [];
  const word = (char: string) => /^[A-Za-z0-9_]$/.test(char);
  for (let i = 0; i < value.length; i++) {
    if (i > 0 && word(value.charAt(i - 1))) continue;
    const rest = value.slice(i, i + 48);
    const mention = /^(?:@[A-Za-z0-9]|#[0-9]+(?![A-Za-z0-9])|[Gg][Hh]-[0-9]+(?![A-Za-z0-9]))/.exec(rest);
    if (mention) found.push(mention[0]);
  }
  return found;
}

/** Numeric references (not escaped) in the source that GitHub renders as unsafe characters (it keeps controls). */
function referencedUnsafeCharacters(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(NUMERIC_REFERENCE)) {
    let slashes = 0;
    while (source.charAt(match.index - slashes - 1) === '\\') slashes++;
    if (slashes % 2 === 1) continue;
    const codePoint = Number.parseInt(match[1] ?? match[2] ?? '', match[1] ? 16 : 10);
    if (codePoint === 0x200c || codePoint === 0x200d) continue;
    if (codePoint <= 0x10ffff && (unsafeCharacterKind(codePoint) !== null || codePoint === 0x0d)) found.push(match[0]);
  }
  return found;
}

/** What a sanitised note must never hold, found with a full GFM parse (emphasis included). */
function problems(markdown: string, mentions: boolean): string[] {
  const found: string[] = [];
  const stack: Nodes[] = [parser.parse(markdown)];
  const blocked = ['heading', 'thematicBreak', 'html', 'definition', 'linkReference', 'imageReference'];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if ([...blocked, 'footnoteDefinition', 'footnoteReference'].includes(node.type)) found.push(node.type);
    if ((node.type === 'link' || node.type === 'image') && !isSafeUrl(node.url)) found.push(`url ${node.url}`);
    if (node.type === 'text') {
      if (!mentions) for (const mention of renderedMentions(node.value)) found.push(`mention ${mention}`);
      if (stripUnsafeCharacters(node.value).text !== node.value) found.push(`unsafe character in ${node.value}`);
      // Text that GFM's autolink step splits off a text node has no position.
      const { start, end } = node.position ?? {};
      const source = start && end ? markdown.slice(start.offset, end.offset) : '';
      for (const reference of referencedUnsafeCharacters(source)) found.push(`reference ${reference}`);
    }
    if (node.type === 'link') continue;
    if ('children' in node) stack.push(...(node.children as Nodes[]));
  }
  const stripped = stripUnsafeCharacters(markdown);
  if (stripped.removed.length > 0 || stripped.text !== markdown) found.push('unsafe character');
  return found;
}

describe('sanitizeNote (property)', () => {
  it('leaves no heading, rule, HTML, definition, footnote, unsafe URL (bare ones too), unsafe character (referenced ones too) or (when off) mention', () => {
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
