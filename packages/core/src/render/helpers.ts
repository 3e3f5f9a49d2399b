import type { ReleaseNote } from '../model.js';
import { endsInCode } from '../sanitize/ends-in-code.js';
import { safeLinkDestination } from '../sanitize/link-destination.js';
import { neutralizeMentions } from '../sanitize/sanitize-note.js';
import {
  CHANGELOG_CATEGORY_KINDS,
  CHANGELOG_CATEGORY_TITLES,
  type ChangelogCategoryTitle,
  changelogCategoryOf,
} from './changelog-categories.js';
import { groupBy, sortBy, where } from './collection-helpers.js';
import { STAGE_CHANGE_TITLES, STAGE_TITLES } from './context.js';
import { escapeMarkdown } from './escape-markdown.js';
import { firstSentence } from './first-sentence.js';
import { formatDate } from './format-date.js';
import { createLabelEscaper } from './label-text.js';
import { safeAuthor } from './safe-author.js';
import { joinSigNames } from './sig-list.js';
import type { HelperFn, HelperOptions } from './types.js';

export { escapeMarkdown, joinSigNames };

/** The helpers every compiled template has. Markdown is produced here, on purpose, not by escaping. */
export const markdownHelpers: Readonly<Record<string, HelperFn>> = {
  'note-text': (note, options) => formatNoteText(textOf(note), indentOf(options)),
  'pr-link': (note) => formatPrLink(note),
  'author-link': (note) => formatAuthorLink(note),
  'sig-list': (names) => joinSigNames(stringList(names, 'sig-list')),
  'md-escape': (value) => escapeMarkdown(stringOf(value, 'md-escape')),
  plural: (count, singular, plural) => {
    if (typeof count !== 'number') throw new TypeError(`expects a number first, got ${describe(count)}`);
    return count === 1 ? stringOf(singular, 'plural') : stringOf(plural, 'plural');
  },
  join: (list, separator) => {
    const sep = typeof separator === 'string' ? separator : ', ';
    return stringList(list, 'join').join(sep);
  },
  eq: (a, b) => a === b,
  'sort-notes': (list, options) => sortNotes(list, options),
  indent: (value, width) => indentContinuation(stringOf(value, 'indent'), isRecord(width) ? 2 : widthOf(width)),
  'pr-links': (notes) => listOf(notes, 'a list of notes').map(formatPrLink).join(', '),
  'first-sentence': (value) => firstSentence(textOf(value)),
  'no-mention': (value) => neutralizeMentions(stringOf(value, 'no-mention')),
  date: (value, options) => {
    if (value === null || value === undefined || value === '') return '';
    const style = hashOf(options).format ?? 'iso';
    if (style !== 'iso' && style !== 'long')
      throw new TypeError(`format must be "iso" or "long", got ${describe(style)}`);
    return formatDate(stringOf(value, 'date'), style);
  },
  'group-by': (list, path) => groupBy(listOf(list, 'a list'), stringOf(path, 'group-by')),
  'sort-by': (list, path, options) =>
    sortBy(listOf(list, 'a list'), stringOf(path, 'sort-by'), hashOf(options).desc === true),
  where: (list, path, value) => where(listOf(list, 'a list'), stringOf(path, 'where'), value),
  'note-gap': (note, options) => noteGap(textOf(note), indentOf(options)),
  'stage-title': (stage, options) => {
    if (stage === null) return '';
    if (typeof stage !== 'string' || !Object.hasOwn(STAGE_TITLES, stage))
      throw new TypeError(`expects a stage (alpha, beta, stable, deprecated, removed), got ${describe(stage)}`);
    const titles = hashOf(options).change === true ? STAGE_CHANGE_TITLES : STAGE_TITLES;
    return titles[stage as keyof typeof STAGE_TITLES];
  },
  'changelog-categories': (notes, options) => groupByCategory(listOf(notes, 'a list of notes'), hashOf(options)),
};

/**
 * Notes under Keep a Changelog's headings, non-empty ones only, in its order. A `key=value` argument named
 * after a heading replaces that heading's kinds: `Fixed="bug regression"`.
 */
function groupByCategory(notes: readonly unknown[], hash: Record<string, unknown>) {
  const kinds: Record<ChangelogCategoryTitle, readonly string[]> = { ...CHANGELOG_CATEGORY_KINDS };
  for (const [key, value] of Object.entries(hash)) {
    if (!(CHANGELOG_CATEGORY_TITLES as readonly string[]).includes(key))
      throw new TypeError(`unknown heading ${describe(key)}: use ${CHANGELOG_CATEGORY_TITLES.join(', ')}`);
    kinds[key as ChangelogCategoryTitle] = stringOf(value, 'changelog-categories').split(' ').filter(Boolean);
  }
  // A note's kinds in the context are Markdown-safe (see markdownSafeLabel): compare like with like.
  const safeLabels = createLabelEscaper();
  for (const title of CHANGELOG_CATEGORY_TITLES) kinds[title] = safeLabels(kinds[title]);
  const byTitle = new Map<ChangelogCategoryTitle, unknown[]>();
  for (const note of notes) {
    const record = recordOf(note, 'a list of notes');
    if (!Array.isArray(record.kinds) || !isRecord(record.dataFields))
      throw new TypeError(`expects a list of notes, got ${describe(note)}`);
    const title = changelogCategoryOf(record as unknown as ReleaseNote, kinds);
    const list = byTitle.get(title);
    if (list) list.push(note);
    else byTitle.set(title, [note]);
  }
  return CHANGELOG_CATEGORY_TITLES.flatMap((title) => {
    const list = byTitle.get(title);
    return list ? [{ title, notes: list }] : [];
  });
}

function hashOf(options: unknown): Record<string, unknown> {
  const hash = isRecord(options) ? (options as Partial<HelperOptions>).hash : undefined;
  return isRecord(hash) ? hash : {};
}

function listOf(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new TypeError(`expects ${what}, got ${describe(value)}`);
  return value;
}

/** Note text for a list item: trimmed, first letter capitalised, continuation lines indented. */
export function formatNoteText(text: string, indent = 2): string {
  const trimmed = text.replace(/\r\n?/g, '\n').trim();
  const capitalised = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  const formatted = indentContinuation(capitalised, indent);
  // A note that opens with a block (fence, list, quote) keeps it only on a line of its own: a template may
  // write text before the note (`**Action required:** `), and the block's next lines would then change meaning.
  if (capitalised.includes('\n') && startsWithBlock(capitalised)) {
    const lead = `\n${' '.repeat(indent)}`;
    return endsInCode(trimmed) ? `${lead}${formatted}\n\n${' '.repeat(indent)}` : `${lead}${formatted}`;
  }
  // Text after a code block's last line would be code (or break its closing fence): start a new paragraph.
  return endsInCode(trimmed) ? `${formatted}\n\n${' '.repeat(indent)}` : formatted;
}

function startsWithBlock(text: string): boolean {
  if (text.startsWith('```') || text.startsWith('~~~') || text.startsWith('>')) return true;
  let digits = 0;
  while (digits < 10 && text.charAt(digits) >= '0' && text.charAt(digits) <= '9') digits++;
  const marker = digits > 0 ? '.)'.includes(text.charAt(digits)) : '-+*'.includes(text.charAt(0));
  const after = text.charAt(digits + 1);
  return marker && text.length > digits && (after === ' ' || after === '\t' || after === '\n' || after === '');
}

/**
 * A sorted copy of a list of notes: by the text as rendered (first letter capitalised), in
 * code-unit order as krel sorts its Markdown, or with `by="pr"` by PR number.
 */
function sortNotes(list: unknown, options: unknown): unknown[] {
  if (!Array.isArray(list)) throw new TypeError(`expects a list of notes, got ${describe(list)}`);
  const by = isRecord(options) ? (options as Partial<HelperOptions>).hash?.by : undefined;
  if (by !== undefined && by !== 'text' && by !== 'pr')
    throw new TypeError(`by must be "text" or "pr", got ${describe(by)}`);
  const keyed = list.map((note: unknown) => {
    const record = recordOf(note, 'a list of notes');
    return { note, key: by === 'pr' ? Number(record.pr) : formatNoteText(textOf(note)).trimStart() };
  });
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((entry) => entry.note);
}

/**
 * What goes between a note's text and the links after it: a space, or a blank line and an indent when the
 * text ends with a code fence (a closing fence cannot carry text) or a list (the links are the whole note's).
 */
export function noteGap(text: string, indent = 2): string {
  const trimmed = text.trimEnd();
  const last = trimmed.slice(trimmed.lastIndexOf('\n') + 1).trimStart();
  // After code, note-text has already started the next line.
  if (endsInCode(trimmed)) return '';
  const block = /^([-*+]|\d{1,9}[.)])\s/.test(last);
  return block && trimmed.includes('\n') ? `\n\n${' '.repeat(indent)}` : ' ';
}

/** Indents every line but the first; blank lines stay empty (no trailing spaces). */
export function indentContinuation(text: string, width: number): string {
  const pad = ' '.repeat(width);
  return text
    .split('\n')
    .map((line, index) => (index === 0 || line.trim() === '' ? line.trimEnd() : pad + line.trimEnd()))
    .join('\n');
}

function formatPrLink(note: unknown): string {
  const record = recordOf(note, 'a note');
  const pr = record.pr;
  const url = record.prUrl;
  if (typeof pr !== 'number') throw new TypeError(`expects a note with a PR number, got ${describe(note)}`);
  // Contexts from createRenderContext hold safe URLs already; a hand-built one may not.
  const destination = typeof url === 'string' ? safeLinkDestination(url) : '';
  return destination === '' ? `#${pr}` : `[#${pr}](${destination})`;
}

function formatAuthorLink(value: unknown): string {
  const record = recordOf(value, 'a note or an author');
  const author = 'author' in record ? recordOf(record.author, 'an author') : record;
  const { login, url } = author;
  if (typeof login !== 'string')
    throw new TypeError(`expects a note or an author with a login, got ${describe(value)}`);
  const safe = safeAuthor({ login, url: typeof url === 'string' ? url : '' });
  return safe.url === '' ? `@${safe.login}` : `[@${safe.login}](${safe.url})`;
}

function textOf(note: unknown): string {
  if (typeof note === 'string') return note;
  const text = recordOf(note, 'a note or a string').text;
  if (typeof text !== 'string') throw new TypeError(`expects a note with a text, got ${describe(note)}`);
  return text;
}

function indentOf(options: unknown): number {
  const hash = isRecord(options) ? (options as Partial<HelperOptions>).hash : undefined;
  return widthOf(hash?.indent ?? 2);
}

function widthOf(value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 16) return value;
  throw new TypeError(`expects an indent width from 0 to 16, got ${describe(value)}`);
}

function stringOf(value: unknown, helper: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw new TypeError(`${helper} expects a string, got ${describe(value)}`);
}

function stringList(value: unknown, helper: string): string[] {
  if (!Array.isArray(value)) throw new TypeError(`${helper} expects a list, got ${describe(value)}`);
  return value.map((item) => stringOf(item, helper));
}

function recordOf(value: unknown, what: string): Record<string, unknown> {
  if (!isRecord(value)) throw new TypeError(`expects ${what}, got ${describe(value)}`);
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 30 ? `${value.slice(0, 29)}…` : value);
  return String(value);
}
