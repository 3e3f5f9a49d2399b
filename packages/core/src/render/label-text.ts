import { stripUnsafeCharacters } from '../sanitize/strip-unsafe-characters.js';
import { escapeMarkdown } from './escape-markdown.js';

/** Characters that can never start Markdown syntax or end a line: most labels hold nothing else. */
function isInert(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === 0x20 ||
    code === 0x2d ||
    code === 0x2e ||
    code === 0x2f ||
    code === 0x3a
  );
}

/**
 * Text that comes from a label (a SIG name, a kind, an area) as Markdown that reads as that text wherever a
 * template puts it, a heading included: unsafe characters removed, line breaks and other runs of
 * whitespace as one space, Markdown punctuation escaped as `md-escape` does (so do not md-escape it again).
 */
export function markdownSafeLabel(text: string): string {
  let inert = true;
  for (let i = 0; i < text.length && inert; i++) inert = isInert(text.charCodeAt(i));
  if (inert && !text.includes('  ') && text.trim() === text) return text;
  const words = stripUnsafeCharacters(text).text.split(/\s+/).filter(Boolean);
  return escapeMarkdown(words.join(' '));
}

/** markdownSafeLabel for each label of a list, cached across calls; the same list when nothing changes. */
export function createLabelEscaper(): (labels: readonly string[]) => string[] {
  const cache = new Map<string, string>();
  const one = (label: string): string => {
    let safe = cache.get(label);
    if (safe === undefined) {
      safe = markdownSafeLabel(label);
      cache.set(label, safe);
    }
    return safe;
  };
  return (labels) => {
    let changed = false;
    const safe = labels.map((label) => {
      const escaped = one(label);
      if (escaped !== label) changed = true;
      return escaped;
    });
    return changed ? safe : (labels as string[]);
  };
}
