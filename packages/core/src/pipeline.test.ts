import { describe, expect, it } from 'vitest';
import type { PullRequest } from './model.js';
import { buildReleaseNotes } from './pipeline.js';

const pr = (number: number, state?: PullRequest['state']): PullRequest => ({
  number,
  title: `PR ${number}`,
  body: '```release-note\nGears turn faster.\n```',
  labels: ['kind/feature'],
  author: { login: 'ada', url: 'https://github.com/ada' },
  url: `https://github.com/acme/gears/pull/${number}`,
  mergedAt: state === 'merged' || state === undefined ? '2026-05-01T00:00:00Z' : null,
  mergeCommit: null,
  baseRef: 'main',
  ...(state === undefined ? {} : { state }),
});

describe('buildReleaseNotes', () => {
  it('leaves out a PR closed without being merged, and says so naming the PR', () => {
    const { notes, diagnostics } = buildReleaseNotes([pr(1, 'merged'), pr(2, 'closed'), pr(3)]);
    expect(notes.map((note) => note.pr)).toEqual([1, 3]);
    expect(diagnostics).toEqual([
      {
        severity: 'warning',
        ruleId: 'not-merged',
        message: 'PR #2 was closed without being merged; it is left out of the notes.',
        pr: 2,
      },
    ]);
  });

  it('keeps a PR that is still open (a preview), with a warning', () => {
    const { notes, diagnostics } = buildReleaseNotes([pr(4, 'open')]);
    expect(notes.map((note) => note.pr)).toEqual([4]);
    expect(diagnostics).toMatchObject([{ ruleId: 'not-merged', pr: 4 }]);
  });
});
