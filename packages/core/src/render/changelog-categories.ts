import type { ReleaseNote } from '../model.js';

/** Keep a Changelog's headings, in the order it prints them. */
export const CHANGELOG_CATEGORY_TITLES = ['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security'] as const;
export type ChangelogCategoryTitle = (typeof CHANGELOG_CATEGORY_TITLES)[number];

/** The kinds each heading takes by default. A note with no listed kind is `Changed`. */
export const CHANGELOG_CATEGORY_KINDS: Readonly<Record<ChangelogCategoryTitle, readonly string[]>> = {
  Added: ['feature'],
  Changed: ['api-change', 'cleanup', 'design', 'documentation'],
  Deprecated: ['deprecation'],
  Removed: ['removal'],
  Fixed: ['bug', 'regression', 'failing-test', 'flake'],
  Security: ['security'],
};

/**
 * Which heading wins when a note qualifies for several: a security fix is a security fix first, a removal or
 * deprecation must not hide among features, and a new feature is "Added" even if it also changes an API.
 */
const PRECEDENCE: readonly ChangelogCategoryTitle[] = [
  'Security',
  'Removed',
  'Deprecated',
  'Added',
  'Fixed',
  'Changed',
];

/**
 * The Keep a Changelog heading of a note: `Security` for a `cve` data field, `Removed`/`Deprecated` for a
 * feature that reached that stage, else by its kinds (`kinds` overrides the defaults per heading).
 */
export function changelogCategoryOf(
  note: Readonly<Pick<ReleaseNote, 'kinds' | 'stageChange' | 'dataFields'>>,
  kinds: Readonly<Record<ChangelogCategoryTitle, readonly string[]>> = CHANGELOG_CATEGORY_KINDS,
): ChangelogCategoryTitle {
  for (const title of PRECEDENCE) {
    if (title === 'Security' && hasValue(note.dataFields, 'cve')) return title;
    if (title === 'Removed' && note.stageChange === 'removed') return title;
    if (title === 'Deprecated' && note.stageChange === 'deprecated') return title;
    if (note.kinds.some((kind) => kinds[title].includes(kind))) return title;
  }
  return 'Changed';
}

function hasValue(fields: Readonly<Record<string, unknown>>, key: string): boolean {
  return Object.hasOwn(fields, key) && fields[key] !== null && fields[key] !== undefined && fields[key] !== '';
}
