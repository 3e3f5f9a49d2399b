import { formatSigList } from '../classify/sig-names.js';
import type { ReleaseNote } from '../model.js';
import { type ClassificationRules, DEFAULT_RULES } from '../rules.js';

/**
 * A note as krel writes its `markdown` field: the text with continuation lines indented by two
 * spaces, the PR and author links, the SIG list, and the first letter capitalised:
 * `Fixed a thing ([#12](https://…/pull/12), [@ada](https://github.com/ada)) [SIG Node and Storage]`.
 */
export function formatNoteMarkdown(
  note: Readonly<Pick<ReleaseNote, 'text' | 'pr' | 'prUrl' | 'author' | 'sigs'>>,
  rules: Readonly<ClassificationRules> = DEFAULT_RULES,
): string {
  const indented = note.text.replace(/\r?\n/g, '\n  ');
  let markdown = `${indented} ([#${note.pr}](${note.prUrl}), [@${note.author.login}](${note.author.url}))`;
  const sigs = formatSigList(note.sigs, rules);
  if (sigs !== '') markdown += ` [${sigs}]`;
  return capitalize(markdown);
}

function capitalize(text: string): string {
  const first = text.codePointAt(0);
  if (first === undefined) return text;
  const head = String.fromCodePoint(first);
  return head.toUpperCase() + text.slice(head.length);
}
