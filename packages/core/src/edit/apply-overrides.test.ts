import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createReleaseNote } from '../create-release-note.js';
import { RelnotesError } from '../errors.js';
import type { ReleaseNote } from '../model.js';
import { applyOverrides, findDuplicateOverrides, toOverrideError } from './apply-overrides.js';
import { parseOverrideFile } from './parse-override-file.js';

function note(pr: number, fields: Partial<ReleaseNote> = {}): ReleaseNote {
  return createReleaseNote({
    pr,
    prUrl: `https://github.com/acme/widgets/pull/${pr}`,
    title: `PR ${pr}`,
    text: `Original note of ${pr}.`,
    author: { login: 'someone', url: 'https://github.com/someone' },
    commit: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    kinds: ['bug'],
    sigs: ['widgets', 'cli'],
    provenance: { text: [{ source: 'input', detail: 'krel JSON', confidence: 1 }] },
    ...fields,
  });
}

const parse = (source: string, file = 'maps/o.yaml') => {
  const { overrides, diagnostics } = parseOverrideFile(source, file);
  expect(diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
  return overrides;
};

describe('applyOverrides', () => {
  it('replaces the whole value of each field present, and records where it came from', () => {
    const notes = [note(1), note(2)];
    const overrides = parse('pr: 1\nreleasenote:\n  text: Rewritten.\n  kinds: [feature, cleanup]\n  sigs: [cli]\n');
    const { notes: result, diagnostics } = applyOverrides(notes, overrides);
    expect(diagnostics).toEqual([]);
    expect(result[0]).toMatchObject({ text: 'Rewritten.', kinds: ['feature', 'cleanup'], sigs: ['cli'], areas: [] });
    expect(result[0]?.provenance).toEqual({
      text: [{ source: 'override', detail: 'maps/o.yaml:3', confidence: 1 }],
      kinds: [{ source: 'override', detail: 'maps/o.yaml:4', confidence: 1 }],
      sigs: [{ source: 'override', detail: 'maps/o.yaml:5', confidence: 1 }],
    });
    expect(result[1]).toBe(notes[1]);
    expect(notes[0]?.text).toBe('Original note of 1.');
  });

  it('revives a dropped note with do_not_publish: false', () => {
    const overrides = parse('pr: 4\nreleasenote:\n  do_not_publish: false\n  text: Now worth a note.\n');
    const { notes } = applyOverrides([note(4, { doNotPublish: true, text: 'NONE' })], overrides);
    expect(notes[0]).toMatchObject({ doNotPublish: false, text: 'Now worth a note.' });
    expect(notes[0]?.provenance.doNotPublish).toEqual([{ source: 'override', detail: 'maps/o.yaml:3', confidence: 1 }]);
  });

  it('drops a note whose override text is NONE, as Kubernetes maps do', () => {
    const { notes } = applyOverrides([note(5)], parse('pr: 5\nreleasenote:\n  text: NONE\n'));
    expect(notes[0]).toMatchObject({ doNotPublish: true, text: 'NONE' });
    expect(notes[0]?.provenance.doNotPublish?.[0]?.detail).toBe('maps/o.yaml:3');
  });

  it('keeps an ACTION REQUIRED marker in the text as written, like krel', () => {
    const { notes } = applyOverrides(
      [note(6)],
      parse('pr: 6\nreleasenote:\n  text: "ACTION REQUIRED: Renamed the flag."\n'),
    );
    expect(notes[0]).toMatchObject({ text: 'ACTION REQUIRED: Renamed the flag.', actionRequired: false });
  });

  it('sets stages, highlight and merges data fields', () => {
    const source = readFileSync(new URL('./__fixtures__/several.yaml', import.meta.url), 'utf8');
    const base = note(102, { stage: 'alpha', dataFields: { kept: 1 }, commit: '0a1b2c3d4e5f00000000' });
    const { notes, diagnostics } = applyOverrides([note(101), base], parse(source, 'several.yaml'));
    expect(diagnostics).toEqual([]);
    expect(notes[1]).toMatchObject({
      stage: 'beta',
      stageChange: 'beta',
      highlight: true,
      dataFields: { kept: 1, cve: { id: 'CVE-2099-0001', score: 5.5 } },
    });
    expect(notes[1]?.provenance.stage).toEqual([{ source: 'override', detail: 'several.yaml:14', confidence: 1 }]);
  });

  it('turns krel’s feature flag into the feature kind', () => {
    const overrides = parse('pr: 1\nreleasenote:\n  feature: true\n---\npr: 2\nreleasenote:\n  feature: false\n');
    const { notes } = applyOverrides([note(1), note(2, { kinds: ['feature', 'api-change'] })], overrides);
    expect(notes.map((item) => item.kinds)).toEqual([['bug', 'feature'], ['api-change']]);
  });

  it('adds a PR the range walk missed, deriving its URLs from the repository', () => {
    const source = readFileSync(new URL('./__fixtures__/add.json', import.meta.url), 'utf8');
    const { notes, diagnostics } = applyOverrides([note(1)], parse(source, 'add.json'), { repository: 'acme/widgets' });
    expect(diagnostics).toEqual([]);
    expect(notes).toHaveLength(2);
    expect(notes[1]).toMatchObject({
      pr: 900,
      prUrl: 'https://github.com/acme/widgets/pull/900',
      author: { login: 'octo-dev', url: 'https://github.com/octo-dev' },
      text: 'Added the `--dry-run` flag to `frobctl sweep`.',
      kinds: ['feature'],
      sigs: ['cli'],
      doNotPublish: false,
    });
  });

  it('needs a repository or pr_url to add a PR', () => {
    const source = readFileSync(new URL('./__fixtures__/add.json', import.meta.url), 'utf8');
    const { notes, diagnostics } = applyOverrides([], parse(source, 'add.json'));
    expect(notes).toEqual([]);
    expect(diagnostics).toMatchObject([
      { severity: 'error', ruleId: 'override-add-incomplete', file: 'add.json', position: { line: 1, column: 1 } },
    ]);
    const withUrl = parse(
      'pr: 77\nadd: true\nreleasenote:\n  text: T.\n  author: a\n  areas: [x]\n  pr_url: https://example.com/pull/77\n',
    );
    expect(applyOverrides([], withUrl).notes[0]?.prUrl).toBe('https://example.com/pull/77');
  });

  it('warns about an override for a PR that is not in the release; strict makes it an error', () => {
    const overrides = parse('\npr: 404\nreleasenote:\n  text: Lost.\n', 'maps/pr-404-map.yaml');
    const expected = {
      ruleId: 'override-unknown-pr',
      pr: 404,
      file: 'maps/pr-404-map.yaml',
      position: { line: 2, column: 1 },
    };
    const loose = applyOverrides([note(1)], overrides);
    expect(loose.notes).toHaveLength(1);
    expect(loose.diagnostics).toMatchObject([{ severity: 'warning', ...expected }]);
    expect(toOverrideError(loose.diagnostics)).toBeNull();
    const strict = applyOverrides([note(1)], overrides, { strict: true });
    expect(strict.diagnostics).toMatchObject([{ severity: 'error', ...expected }]);
  });

  it('reports a second override of one PR, naming both places; the first wins', () => {
    const first = parse('pr: 1\nreleasenote:\n  text: First.\n', 'maps/a.yaml');
    const second = parse('# again\npr: 1\nreleasenote:\n  text: Second.\n', 'maps/b.yaml');
    const { notes, diagnostics } = applyOverrides([note(1)], [...first, ...second]);
    expect(notes[0]?.text).toBe('First.');
    expect(diagnostics).toEqual([
      {
        severity: 'error',
        ruleId: 'override-duplicate-pr',
        message: 'a second override for PR #1; the first is at maps/a.yaml:1:1. Merge them into one',
        pr: 1,
        file: 'maps/b.yaml',
        position: { line: 2, column: 1 },
      },
    ]);
    expect(findDuplicateOverrides([...first, ...second])).toEqual(diagnostics);
    const error = toOverrideError(diagnostics);
    expect(error).toBeInstanceOf(RelnotesError);
    expect(error).toMatchObject({ code: 'E_OVERRIDE', file: 'maps/b.yaml', line: 2, column: 1 });
    expect(error?.message).toBe(
      'maps/b.yaml:2:1: a second override for PR #1; the first is at maps/a.yaml:1:1. Merge them into one',
    );
  });

  it('edits a PR that is in the release even with add: true, with a warning', () => {
    const overrides = parse('pr: 1\nadd: true\nreleasenote:\n  text: Both.\n  author: ann\n  kinds: [bug]\n');
    const { notes, diagnostics } = applyOverrides([note(1)], overrides);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ text: 'Both.', author: { login: 'ann', url: 'https://github.com/ann' } });
    expect(diagnostics).toMatchObject([{ severity: 'warning', ruleId: 'override-add-existing', pr: 1 }]);
  });

  it('warns when the override names another commit than the PR’s', () => {
    const overrides = parse('pr: 1\ncommit: "bbbbbbbb"\nreleasenote:\n  text: X.\n');
    const { diagnostics } = applyOverrides([note(1)], overrides);
    expect(diagnostics).toMatchObject([{ severity: 'warning', ruleId: 'override-commit-mismatch', pr: 1 }]);
  });
});

describe('toOverrideError', () => {
  it('counts the errors after the first', () => {
    const { diagnostics } = parseOverrideFile('pr: x\n---\nfoo: 1\n', 'm.yaml');
    const error = toOverrideError(diagnostics);
    expect(error?.message).toBe('m.yaml:1:5: "pr" must be a pull-request number, got "x" (and 2 more problems)');
    expect(error?.hint).toContain('relnotes maps check');
  });
});
