import { describe, expect, it } from 'vitest';
import type { ReleaseNote } from '../model.js';
import { compileTemplate } from './compile.js';
import { escapeMarkdown, formatNoteText, indentContinuation, joinSigNames, markdownHelpers } from './helpers.js';
import type { RenderContext } from './types.js';

const note: Pick<ReleaseNote, 'pr' | 'prUrl' | 'text' | 'author'> = {
  pr: 42,
  prUrl: 'https://example.com/pull/42',
  text: 'added a flag',
  author: { login: 'ada', url: 'https://example.com/ada' },
};

/** Renders a one-line template against an arbitrary value (helpers do not care about the context type). */
function render(source: string, context: unknown): string {
  return compileTemplate(source)(context as RenderContext);
}

describe('formatNoteText', () => {
  it('capitalises the first letter and trims the ends', () => {
    expect(formatNoteText('  fixed a leak.  \n')).toBe('Fixed a leak.');
  });

  it('indents continuation lines by two spaces, leaving blank lines empty', () => {
    expect(formatNoteText('first line\r\nsecond line   \n\n- item')).toBe('First line\n  second line\n\n  - item');
  });

  it('leaves text that starts with a code span alone', () => {
    expect(formatNoteText('`kubectl`: new flag')).toBe('`kubectl`: new flag');
  });
});

describe('helpers in templates', () => {
  it('note-text formats a note, with an optional indent', () => {
    expect(render('{{note-text this}}', { ...note, text: 'one\ntwo' })).toBe('One\n  two');
    expect(render('{{note-text this indent=4}}', { ...note, text: 'one\ntwo' })).toBe('One\n    two');
  });

  it('pr-link and author-link build Markdown links', () => {
    expect(render('{{pr-link this}}, {{author-link this}}', note)).toBe(
      '[#42](https://example.com/pull/42), [@ada](https://example.com/ada)',
    );
    expect(render('{{author-link author}}', note)).toBe('[@ada](https://example.com/ada)');
  });

  it('pr-link and author-link fall back to plain text without a URL', () => {
    expect(
      render('{{pr-link this}} {{author-link author}}', { ...note, prUrl: '', author: { login: 'bo', url: '' } }),
    ).toBe('#42 @bo');
  });

  it('sig-list joins display names the way Kubernetes does', () => {
    expect(render('{{sig-list names}}', { names: ['Apps', 'Node', 'Storage'] })).toBe('SIG Apps, Node and Storage');
    expect(render('{{sig-list names}}', { names: ['Apps', 'Node'] })).toBe('SIG Apps and Node');
    expect(render('{{sig-list names}}', { names: ['Apps'] })).toBe('SIG Apps');
    expect(render('[{{sig-list names}}]', { names: [] })).toBe('[]');
  });

  it('md-escape backslash-escapes Markdown syntax', () => {
    expect(render('{{md-escape s}}', { s: 'a *b* [c](d) `e` #1 <x>' })).toBe(
      'a \\*b\\* \\[c\\](d) \\`e\\` \\#1 \\<x\\>',
    );
  });

  it('plural picks the singular form for exactly one', () => {
    expect(render('{{n}} {{plural n "note" "notes"}}', { n: 1 })).toBe('1 note');
    expect(render('{{n}} {{plural n "note" "notes"}}', { n: 0 })).toBe('0 notes');
    expect(render('{{n}} {{plural n "note" "notes"}}', { n: 3 })).toBe('3 notes');
  });

  it('join joins strings with a separator, ", " by default', () => {
    expect(render('{{join xs " / "}}', { xs: ['a', 'b'] })).toBe('a / b');
    expect(render('{{join xs}}', { xs: ['a', 'b', 'c'] })).toBe('a, b, c');
  });

  it('eq compares with ===, for use in #if', () => {
    expect(render('{{#if (eq stage "beta")}}yes{{else}}no{{/if}}', { stage: 'beta' })).toBe('yes');
    expect(render('{{#if (eq stage "beta")}}yes{{else}}no{{/if}}', { stage: 'alpha' })).toBe('no');
  });

  it('sort-notes sorts a copy by rendered text (code-unit order), or by PR', () => {
    const notes = [
      { pr: 3, text: 'zeta' },
      { pr: 1, text: '`code` first' },
      { pr: 2, text: 'Alpha' },
      { pr: 4, text: 'beta' },
    ];
    const template = '{{#each (sort-notes this)}}{{pr}}{{/each}}';
    expect(render(template, notes)).toBe('2431');
    expect(render('{{#each (sort-notes this by="pr")}}{{pr}}{{/each}}', notes)).toBe('1234');
    expect(notes.map((n) => n.pr)).toEqual([3, 1, 2, 4]);
    expect(() => render('{{sort-notes this by="date"}}', notes)).toThrow(/helper "sort-notes" failed: by must be/);
  });

  it('indent indents continuation lines of any string', () => {
    expect(render('{{indent s 3}}', { s: 'a\nb' })).toBe('a\n   b');
    expect(render('{{indent s}}', { s: 'a\nb' })).toBe('a\n  b');
  });

  it('does not HTML-escape output', () => {
    expect(render('{{s}}', { s: '<b> & "q"' })).toBe('<b> & "q"');
  });
});

describe('helper functions', () => {
  it('joinSigNames, escapeMarkdown and indentContinuation are usable directly', () => {
    expect(joinSigNames([])).toBe('');
    expect(escapeMarkdown('a_b')).toBe('a\\_b');
    expect(indentContinuation('a\n\nb', 1)).toBe('a\n\n b');
  });

  it('exports exactly the documented helper set', () => {
    expect(Object.keys(markdownHelpers).sort()).toEqual([
      'author-link',
      'changelog-categories',
      'date',
      'eq',
      'first-sentence',
      'group-by',
      'indent',
      'join',
      'md-escape',
      'no-mention',
      'note-gap',
      'note-text',
      'plural',
      'pr-link',
      'pr-links',
      'sig-list',
      'sort-by',
      'sort-notes',
      'stage-title',
      'where',
    ]);
  });
});
