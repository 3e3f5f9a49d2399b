import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RelnotesError } from '../errors.js';
import { notesFromKrelJson } from './notes-from-krel-json.js';

const fixtureText = readFileSync(new URL('./__fixtures__/krel-notes.json', import.meta.url), 'utf8');

function inputError(run: () => unknown): RelnotesError {
  try {
    run();
  } catch (error) {
    if (error instanceof RelnotesError) return error;
    throw error;
  }
  throw new Error('expected a RelnotesError');
}

const valid = {
  commit: 'c0ffee',
  text: 'Fixed it.',
  markdown: 'Fixed it. (…)',
  author: 'fy',
  author_url: 'https://github.com/fy',
  pr_url: 'https://github.com/o/r/pull/7',
  pr_number: 7,
};

describe('notesFromKrelJson', () => {
  it('keeps the order written in the text; parsed objects come in ascending PR order', () => {
    expect(notesFromKrelJson(fixtureText).notes.map((note) => note.pr)).toEqual([1200, 300, 45, 5000]);
    expect(notesFromKrelJson(JSON.parse(fixtureText)).notes.map((note) => note.pr)).toEqual([45, 300, 1200, 5000]);
  });

  it('maps krel fields onto notes and keeps the text exactly', () => {
    const [sheep] = notesFromKrelJson(fixtureText, { file: 'notes.json' }).notes;
    expect(sheep).toEqual({
      pr: 1200,
      prUrl: 'https://github.com/example/farm/pull/1200',
      title: '',
      text: 'Added a `--sheep` flag to `farmctl`.\n\n  It counts sheep.  ',
      author: { login: 'bo', url: 'https://github.com/bo' },
      commit: '1111111111111111111111111111111111111111',
      mergedAt: null,
      kinds: ['feature', 'api-change'],
      sigs: ['node', 'cli'],
      areas: ['farmctl'],
      stage: null,
      stageChange: null,
      features: [],
      actionRequired: false,
      docs: [
        {
          description: '[KEP]',
          url: 'https://github.com/kubernetes/enhancements/tree/master/keps/sig-cli/9999-sheep',
          type: 'KEP',
        },
        { description: '', url: 'https://example.org/sheep', type: 'external' },
      ],
      highlight: false,
      doNotPublish: false,
      dataFields: {},
      provenance: {
        text: [{ source: 'input', detail: 'krel JSON notes.json', confidence: 1 }],
        kinds: [{ source: 'input', detail: 'krel JSON notes.json', confidence: 1 }],
        sigs: [{ source: 'input', detail: 'krel JSON notes.json', confidence: 1 }],
        areas: [{ source: 'input', detail: 'krel JSON notes.json', confidence: 1 }],
      },
    });
  });

  it('reads action_required and do_not_publish', () => {
    const byPr = new Map(notesFromKrelJson(fixtureText).notes.map((note) => [note.pr, note]));
    expect(byPr.get(300)).toMatchObject({ actionRequired: true, doNotPublish: false });
    expect(byPr.get(300)?.provenance.actionRequired?.[0]?.source).toBe('input');
    expect(byPr.get(45)).toMatchObject({ actionRequired: false, doNotPublish: true, text: 'NONE' });
  });

  it('warns about notes whose kinds no section takes, and empty texts', () => {
    const { diagnostics } = notesFromKrelJson(fixtureText, { file: 'notes.json' });
    expect(diagnostics).toEqual([
      {
        severity: 'warning',
        ruleId: 'krel-unknown-kind',
        message: 'PR #5000: no section takes kind "support"; the note goes to Uncategorized',
        pr: 5000,
        file: 'notes.json',
      },
    ]);
    const twice = notesFromKrelJson(`{"7": ${JSON.stringify(valid)}, "7": ${JSON.stringify({ ...valid, text: 'B' })}}`);
    expect(twice.notes.map((note) => note.text)).toEqual(['B']);
    expect(twice.diagnostics).toMatchObject([{ ruleId: 'krel-duplicate-key', pr: 7 }]);
    const empty = notesFromKrelJson({ 7: { ...valid, text: '  ' } });
    expect(empty.diagnostics.map((diagnostic) => diagnostic.ruleId)).toEqual(['krel-empty-text']);
  });

  it('fills in what hand-written krel-like JSON leaves out', () => {
    const [note] = notesFromKrelJson({ 7: { text: 'x', author: 'fy', pr_url: 'https://github.com/o/r/pull/7' } }).notes;
    expect(note).toMatchObject({
      pr: 7,
      commit: null,
      author: { login: 'fy', url: 'https://github.com/fy' },
      kinds: [],
    });
  });

  it('names the PR key and the field of a bad shape', () => {
    const bad = (note: Record<string, unknown>) =>
      inputError(() => notesFromKrelJson({ 7: { ...valid, ...note } }, { file: 'n.json' }));
    expect(bad({ kinds: 'bug' }).message).toBe('PR 7: "kinds" must be an array of strings, got "bug"');
    expect(bad({ text: 3 }).message).toBe('PR 7: "text" must be a string, got 3');
    expect(bad({ pr_number: 8 }).message).toBe('PR 7: "pr_number" must be the key 7, got 8');
    expect(bad({ action_required: 'yes' }).message).toBe('PR 7: "action_required" must be true or false, got "yes"');
    expect(bad({ documentation: [{ url: 'u', type: 'blog' }] }).message).toBe(
      'PR 7: "documentation[0].type" must be KEP, official or external, got "blog"',
    );
    expect(bad({ stage: 'gamma' }).message).toContain('"stage" must be one of alpha, beta');
    const error = bad({ author: undefined });
    expect(error).toMatchObject({ code: 'E_INPUT', file: 'n.json' });
    expect(error.message).toBe('PR 7: "author" must be a string, got nothing');
  });

  it('rejects a top level that is not an object keyed by PR number', () => {
    expect(inputError(() => notesFromKrelJson([valid])).message).toMatch(
      /^krel JSON must be an object keyed by PR number/,
    );
    expect(inputError(() => notesFromKrelJson({ abc: valid })).message).toBe('key "abc": keys must be PR numbers');
    expect(inputError(() => notesFromKrelJson({ 7: 'x' })).message).toBe('PR 7: "(note)" must be an object, got "x"');
    expect(inputError(() => notesFromKrelJson('{"7": ', { file: 'n.json' }))).toMatchObject({
      code: 'E_INPUT',
      file: 'n.json',
      line: 1,
    });
  });
});
