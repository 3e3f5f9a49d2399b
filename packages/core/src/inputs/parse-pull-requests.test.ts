import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RelnotesError } from '../errors.js';
import { parsePullRequests } from './parse-pull-requests.js';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));
}

function inputError(run: () => unknown): RelnotesError {
  try {
    run();
  } catch (error) {
    if (error instanceof RelnotesError) return error;
    throw error;
  }
  throw new Error('expected a RelnotesError');
}

const minimal = { number: 9, title: 'T', url: 'https://github.com/o/r/pull/9', author: { login: 'zed' } };

describe('parsePullRequests', () => {
  it('reads `gh pr list --json` output', () => {
    const [feature, bot, pick] = parsePullRequests(fixture('gh-pr-list.json'));
    expect(feature).toEqual({
      number: 4101,
      title: 'Warm the widget cache',
      body: 'Speeds up the widget cache.\r\n\r\n```release-note\r\nThe widget cache now warms up in the background.\r\n```\r\n',
      labels: ['kind/feature', 'sig/widgets'],
      author: { login: 'ada', url: 'https://github.com/ada' },
      url: 'https://github.com/example/widgets/pull/4101',
      mergedAt: '2026-03-02T10:11:12Z',
      mergeCommit: null,
      baseRef: null,
    });
    expect(bot).toMatchObject({
      body: '',
      labels: [],
      author: { login: 'dependabot[bot]', url: 'https://github.com/apps/dependabot' },
    });
    expect(pick).toMatchObject({ mergedAt: null, cherryPickOf: { number: 3990, author: { login: 'grace' } } });
  });

  it('reads the GitHub REST pulls shape', () => {
    const [merged, open, closed] = parsePullRequests(fixture('rest-pulls.json'));
    expect(merged).toEqual({
      number: 5001,
      title: 'Drop the legacy sprocket API',
      body: '```release-note\nACTION REQUIRED: the v1alpha1 sprocket API is gone.\n```',
      labels: ['kind/deprecation', 'release-note-action-required', 'sig/api-machinery'],
      author: { login: 'linus', url: 'https://github.com/linus' },
      url: 'https://github.com/example/widgets/pull/5001',
      mergedAt: '2026-04-01T12:00:00Z',
      mergeCommit: '0123456789abcdef0123456789abcdef01234567',
      baseRef: 'main',
      state: 'merged',
    });
    // Unmerged PRs are kept; the test-merge sha of an open PR is no merge commit.
    expect(open).toMatchObject({ mergedAt: null, mergeCommit: null, baseRef: 'release-1.2', state: 'open' });
    // REST says "closed" for merged PRs too: only the missing merge date makes this one closed unmerged.
    expect(closed).toMatchObject({ number: 5003, mergedAt: null, mergeCommit: null, state: 'closed' });
    expect(open?.cherryPickOf).toEqual({
      number: 4990,
      author: { login: 'cherrypick-robot', url: 'https://github.com/cherrypick-robot' },
    });
  });

  it('reads raw JSON text', () => {
    const text = readFileSync(new URL('./__fixtures__/gh-pr-list.json', import.meta.url), 'utf8');
    expect(parsePullRequests(text)).toEqual(parsePullRequests(fixture('gh-pr-list.json')));
  });

  it('reads its own PullRequest JSON back unchanged', () => {
    const prs = parsePullRequests(fixture('gh-pr-list.json'));
    expect(parsePullRequests(JSON.parse(JSON.stringify(prs)))).toEqual(prs);
    const rest = parsePullRequests(fixture('rest-pulls.json'));
    expect(parsePullRequests(JSON.parse(JSON.stringify(rest)))).toEqual(rest);
  });

  it('accepts {pullRequests: [...]}, a single PR, string labels and gh mergeCommit/baseRefName', () => {
    expect(parsePullRequests({ pullRequests: [minimal] })).toHaveLength(1);
    const [single] = parsePullRequests({
      ...minimal,
      labels: ['kind/bug', { name: 'sig/node' }],
      mergeCommit: { oid: 'beef' },
      baseRefName: 'release-2.0',
      mergedAt: '0001-01-01T00:00:00Z',
    });
    expect(single).toMatchObject({
      labels: ['kind/bug', 'sig/node'],
      mergeCommit: 'beef',
      baseRef: 'release-2.0',
      mergedAt: null,
    });
  });

  it('treats a deleted user as ghost', () => {
    const [pr] = parsePullRequests([{ ...minimal, author: undefined, user: null }]);
    expect(pr?.author).toEqual({ login: 'ghost', url: 'https://github.com/ghost' });
  });

  it('refuses a PR or author URL that is not http(s), naming the field', () => {
    expect(() => parsePullRequests([{ ...minimal, url: 'javascript:alert(1)' }])).toThrow(
      /"url" must be the http\(s\) URL of the pull request, got "javascript:alert\(1\)"/,
    );
    expect(() => parsePullRequests([{ ...minimal, author: { login: 'bob', url: 'javascript:alert(2)' } }])).toThrow(
      /"author\.url" must be an http\(s\) URL/,
    );
  });

  it('names the item, the PR, the field and the bad value', () => {
    const error = inputError(() =>
      parsePullRequests(
        [minimal, { ...minimal, number: 10 }, { ...minimal, number: 11 }, { ...minimal, number: 12, labels: 'bug' }],
        {
          file: 'prs.json',
        },
      ),
    );
    expect(error.code).toBe('E_INPUT');
    expect(error.message).toBe('item 3 (PR #12): "labels" must be an array of {name} objects or strings, got "bug"');
    expect(error.file).toBe('prs.json');
    expect(error.hint).toContain('gh pr list');
  });

  it('reports missing and mistyped fields', () => {
    expect(inputError(() => parsePullRequests([{ ...minimal, number: '9' }])).message).toBe(
      'item 0: "number" must be a positive whole number, got "9"',
    );
    expect(inputError(() => parsePullRequests([{ ...minimal, title: undefined }])).message).toBe(
      'item 0 (PR #9): "title" must be a string, got nothing',
    );
    expect(inputError(() => parsePullRequests([{ ...minimal, author: { name: 'x' } }])).message).toContain(
      '"author" must be an object with a "login"',
    );
    expect(inputError(() => parsePullRequests([{ ...minimal, labels: [{ id: 1 }] }])).message).toContain('"labels[0]"');
    expect(inputError(() => parsePullRequests([{ ...minimal, url: undefined }])).message).toContain(
      '"url" must be the http(s) URL',
    );
  });

  it('cuts long bad values', () => {
    const error = inputError(() => parsePullRequests([{ ...minimal, body: { text: 'x'.repeat(500) } }]));
    expect(error.message.length).toBeLessThan(160);
    expect(error.message).toContain('…');
  });

  it('rejects a PR listed twice and a top level that is no list', () => {
    expect(inputError(() => parsePullRequests([minimal, minimal])).message).toBe(
      'item 1 (PR #9): PR #9 is listed twice (also item 0)',
    );
    expect(inputError(() => parsePullRequests(42)).message).toMatch(/^expected an array of pull requests/);
    expect(inputError(() => parsePullRequests('{"number": 1,\n]', { file: 'p.json' }))).toMatchObject({
      file: 'p.json',
      line: 2,
      column: 1,
    });
    expect(inputError(() => parsePullRequests([42])).message).toBe('item 0: must be a pull request object, got 42');
  });
});
