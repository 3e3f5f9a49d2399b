import { describe, expect, it } from 'vitest';
import { parseCommitMessage, revertedPullRequest } from './parse-commit-message.js';

describe('parseCommitMessage', () => {
  it('reads a GitHub merge commit, with the PR title from the body', () => {
    expect(
      parseCommitMessage('Merge pull request #123 from alice/fix-probe', '\nFix the probe timeout\n\nmore'),
    ).toEqual({
      number: 123,
      kind: 'merge',
      title: 'Fix the probe timeout',
    });
    expect(parseCommitMessage('Merge pull request #7 from alice/x', '')).toEqual({
      number: 7,
      kind: 'merge',
      title: 'Merge pull request #7 from alice/x',
    });
  });

  it('reads a squash merge subject `Title (#N)`', () => {
    expect(parseCommitMessage('Add a flag (--dry-run) to apply (#4567)', '* commit one\n* commit two')).toEqual({
      number: 4567,
      kind: 'squash',
      title: 'Add a flag (--dry-run) to apply',
    });
    expect(parseCommitMessage('Fix #12 for good (#13)  ', '')).toMatchObject({ number: 13, kind: 'squash' });
  });

  it("reads a revert PR by the revert's own number", () => {
    expect(parseCommitMessage('Revert "Add a flag (#4567)" (#4570)', '')).toEqual({
      number: 4570,
      kind: 'revert',
      title: 'Revert "Add a flag (#4567)"',
    });
    expect(parseCommitMessage('Merge pull request #88 from bob/revert-80-x', 'Revert "Add x"')).toEqual({
      number: 88,
      kind: 'revert',
      title: 'Revert "Add x"',
    });
  });

  it('reads automated cherry-picks from the branch name or the title', () => {
    expect(
      parseCommitMessage(
        'Merge pull request #120 from bob/automated-cherry-pick-of-#101-upstream-release-1.29',
        'Automated cherry pick of #101: Fix the probe timeout',
      ),
    ).toEqual({
      number: 120,
      kind: 'cherry-pick',
      title: 'Automated cherry pick of #101: Fix the probe timeout',
      cherryPickOf: 101,
    });
    expect(
      parseCommitMessage(
        'Merge pull request #121 from bob/automated-cherry-pick-of-#102-#103-upstream-release-1.29',
        'Two fixes',
      ),
    ).toEqual({ number: 121, kind: 'cherry-pick', title: 'Two fixes', cherryPickOf: 102 });
    expect(parseCommitMessage('Automated cherry pick of #55: Tidy up (#60)', '')).toEqual({
      number: 60,
      kind: 'cherry-pick',
      title: 'Automated cherry pick of #55: Tidy up',
      cherryPickOf: 55,
    });
  });

  it('names no PR for direct commits, branch syncs and local reverts', () => {
    expect(parseCommitMessage('Fix a typo', '')).toBeNull();
    expect(parseCommitMessage("Merge branch 'main' into release-1.0", '')).toBeNull();
    expect(parseCommitMessage('Revert "Add a flag (#4567)"', 'This reverts commit abc.')).toBeNull();
    expect(parseCommitMessage('Merge pull request #abc from x/y', '')).toBeNull();
    expect(parseCommitMessage('Merge pull request #12345678901 from x/y', '')).toBeNull();
    expect(parseCommitMessage('Bump to (#0)', '')).toBeNull();
    expect(parseCommitMessage('Bump (#12 )', '')).toBeNull();
    expect(parseCommitMessage('See issue (#12) later', '')).toBeNull();
  });

  it('stays fast on hostile subjects', () => {
    const started = performance.now();
    const long = 200_000;
    expect(parseCommitMessage(`Merge pull request #${'1'.repeat(long)}`, '')).toBeNull();
    expect(parseCommitMessage(`${'(#'.repeat(long)})`, '')).toBeNull();
    expect(parseCommitMessage(`${'(#1'.repeat(long)})`, '')).toMatchObject({ number: 1 });
    expect(parseCommitMessage('Merge pull request #1 from x/y', '\n'.repeat(long))).toMatchObject({ number: 1 });
    expect(revertedPullRequest(`Revert "${'"'.repeat(long)}`)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('revertedPullRequest', () => {
  it('finds the PR a direct revert undoes', () => {
    expect(revertedPullRequest('Revert "Add a flag (#4567)"')).toBe(4567);
    expect(revertedPullRequest('Revert "Add a flag"')).toBeUndefined();
    expect(revertedPullRequest('Add a flag (#4567)')).toBeUndefined();
  });
});
