import { describe, expect, it } from 'vitest';
import { mapPullRequest, type PullRequestNode, parseCherryPickOf } from './map-pull-request.js';

const node: PullRequestNode = {
  number: 12,
  title: 'Add a flag',
  body: null,
  url: 'https://github.com/o/r/pull/12',
  state: 'MERGED',
  merged: true,
  mergedAt: '2024-01-02T03:04:05Z',
  updatedAt: '2024-01-03T00:00:00Z',
  baseRefName: 'main',
  mergeCommit: { oid: 'abc123' },
  author: { login: 'dependabot', url: 'https://github.com/apps/dependabot' },
  labels: { nodes: [{ name: 'kind/feature' }, null, { name: 'sig/cli' }] },
};

describe('mapPullRequest', () => {
  it('keeps the fields the pipeline needs and nothing else; app logins in their REST form', () => {
    expect(mapPullRequest(node)).toEqual({
      number: 12,
      title: 'Add a flag',
      body: '',
      labels: ['kind/feature', 'sig/cli'],
      author: { login: 'dependabot[bot]', url: 'https://github.com/apps/dependabot' },
      url: 'https://github.com/o/r/pull/12',
      mergedAt: '2024-01-02T03:04:05Z',
      mergeCommit: 'abc123',
      baseRef: 'main',
    });
  });

  it('credits a deleted account to ghost', () => {
    expect(mapPullRequest({ ...node, author: null, labels: null }).author).toEqual({
      login: 'ghost',
      url: 'https://github.com/ghost',
    });
  });
});

describe('parseCherryPickOf', () => {
  it.each([
    ['Automated cherry pick of #123: Fix a race', 123],
    ['automated cherry pick of #7', 7],
    ['Automated cherry pick of #100: one #200: two', 100],
    ['[release-1.29] Automated cherry pick of #55', 55],
    ['Cherry pick of #123', null],
    ['Automated cherry pick of #: nothing', null],
    ['Automated cherry pick of #0', null],
    ['Fix #123', null],
  ])('%s → %s', (title, expected) => {
    expect(parseCherryPickOf(title)).toBe(expected);
  });
});
