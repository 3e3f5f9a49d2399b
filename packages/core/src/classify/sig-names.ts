import { type ClassificationRules, DEFAULT_RULES } from '../rules.js';

/**
 * The display name of a SIG: `rules.sigNames[slug]`, else krel's prettySIG: the slug split on `-`,
 * each word spelled as `rules.sigWords` says or title-cased (`api-machinery` → `API Machinery`).
 */
export function sigDisplayName(slug: string, rules: Readonly<ClassificationRules> = DEFAULT_RULES): string {
  if (Object.hasOwn(rules.sigNames, slug)) return rules.sigNames[slug] ?? slug;
  const words = rules.sigWords ?? {};
  return slug
    .split('-')
    .map((word) => (Object.hasOwn(words, word) ? (words[word] ?? word) : titleCase(word)))
    .join(' ');
}

/**
 * A list of SIGs as krel prints it after a note: sorted by slug, `SIG A`, `SIG A and B`,
 * `SIG A, B and C`; empty for no SIGs.
 */
export function formatSigList(slugs: readonly string[], rules: Readonly<ClassificationRules> = DEFAULT_RULES): string {
  const names = [...new Set(slugs)].sort(compareCodeUnits).map((slug) => sigDisplayName(slug, rules));
  const last = names.pop();
  if (last === undefined) return '';
  return names.length === 0 ? `SIG ${last}` : `SIG ${names.join(', ')} and ${last}`;
}

// krel sorts with Go's sort.Strings (byte order), not by locale.
function compareCodeUnits(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function titleCase(word: string): string {
  const first = word.codePointAt(0);
  if (first === undefined) return word;
  const head = String.fromCodePoint(first);
  return head.toUpperCase() + word.slice(head.length).toLowerCase();
}
