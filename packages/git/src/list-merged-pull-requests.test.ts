import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { RelnotesError } from '@relnotes/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMergedPullRequests } from './list-merged-pull-requests.js';
import { previousTag } from './previous-tag.js';
import {
  createGitFixture,
  type GitFixture,
  makeTempDir,
  removeDir,
  runFixtureGit,
} from './test-helpers/git-fixture.js';

let repo: GitFixture;
const commits: Record<string, string> = {};
const cleanup: string[] = [];

/*
 * main:        v1.0.0 ─ #1 (merge) ─ #2 (squash) ─ #3 (revert) ─ direct revert ─ direct commit ─ v1.1.0 ─ #4 ─ #7 (merge) ─ #8
 * release-1.1:                                                                                    └ #5 (cherry-pick of #4) ─ #6 (cherry-pick of #2) ─ v1.1.1
 *                                                                                                   ─ #8 (picked by hand) ─ Merge branch 'main' ─ #9 ─ v1.1.2
 */
beforeAll(() => {
  repo = createGitFixture();
  cleanup.push(repo.path);
  commits.root = repo.commit('Initial commit');
  repo.git('tag', 'v1.0.0');
  commits.pr1 = repo.mergePullRequest(1, 'alice/feature-a', 'Add feature A');
  commits.pr2 = repo.commit('Add feature B (#2)');
  commits.pr3 = repo.commit('Revert "Add feature B (#2)" (#3)');
  commits.directRevert = repo.commit('Revert "Tune logging (#10)"');
  commits.direct = repo.commit('Fix a typo in the README');
  repo.git('tag', '-a', 'v1.1.0', '-m', 'Release v1.1.0');
  commits.pr4 = repo.commit('Improve C (#4)');

  repo.git('checkout', '--quiet', '-b', 'release-1.1', 'v1.1.0');
  commits.pr5 = repo.mergePullRequest(
    5,
    'bob/automated-cherry-pick-of-#4-upstream-release-1.1',
    'Automated cherry pick of #4: Improve C',
  );
  commits.pr6 = repo.commit('Automated cherry pick of #2: Add feature B (#6)');
  repo.git('tag', 'v1.1.1');

  repo.git('checkout', '--quiet', 'main');
  commits.pr7 = repo.mergePullRequest(7, 'carol/feature-d', 'Add feature D');
  commits.pr8 = repo.commit('Speed up E (#8)');

  repo.git('checkout', '--quiet', 'release-1.1');
  commits.pr8picked = repo.commit('Speed up E (#8)');
  commits.sync = repo.mergeBranch('main');
  commits.pr9 = repo.mergePullRequest(9, 'dave/fix-f', 'Fix F');
  repo.git('tag', 'v1.1.2');
});

afterAll(() => {
  for (const path of cleanup) removeDir(path);
});

async function rejection(promise: Promise<unknown>): Promise<RelnotesError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(RelnotesError);
  return error as RelnotesError;
}

describe('listMergedPullRequests', () => {
  it('finds merge commits, squash merges and reverts, newest first', async () => {
    const result = await listMergedPullRequests({ repoPath: repo.path, from: 'v1.0.0', to: 'v1.1.0' });
    expect(result.from).toBe('v1.0.0');
    expect(result.to).toBe('v1.1.0');
    expect(result.pullRequests).toEqual([
      { number: 3, commit: commits.pr3, kind: 'revert', subject: 'Revert "Add feature B (#2)"' },
      { number: 2, commit: commits.pr2, kind: 'squash', subject: 'Add feature B' },
      { number: 1, commit: commits.pr1, kind: 'merge', subject: 'Add feature A' },
    ]);
  });

  it('reports commits without a pull request, and direct reverts, as diagnostics', async () => {
    const result = await listMergedPullRequests({ repoPath: repo.path, from: 'v1.0.0', to: 'v1.1.0' });
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ severity: 'info', ruleId: 'git-no-pull-request' }),
      expect.objectContaining({ severity: 'warning', ruleId: 'git-direct-revert', pr: 10 }),
    ]);
    expect(result.diagnostics[0]?.message).toContain('Fix a typo in the README');
    expect(result.diagnostics[0]?.message).toContain(commits.direct?.slice(0, 12));
  });

  it('recognises automated cherry-picks, merged or squashed', async () => {
    const result = await listMergedPullRequests({ repoPath: repo.path, from: 'v1.1.0', to: 'v1.1.1' });
    expect(result.pullRequests).toEqual([
      {
        number: 6,
        commit: commits.pr6,
        kind: 'cherry-pick',
        subject: 'Automated cherry pick of #2: Add feature B',
        cherryPickOf: 2,
      },
      {
        number: 5,
        commit: commits.pr5,
        kind: 'cherry-pick',
        subject: 'Automated cherry pick of #4: Improve C',
        cherryPickOf: 4,
      },
    ]);
    expect(result.diagnostics).toEqual([]);
  });

  it('lists the PRs a plain merge of main brought into a release branch, once each', async () => {
    const result = await listMergedPullRequests({ repoPath: repo.path, from: 'v1.1.1', to: 'v1.1.2' });
    expect(result.pullRequests.map((pr) => pr.number)).toEqual([9, 8, 7, 4]);
    expect(result.pullRequests.find((pr) => pr.number === 8)?.commit).toBe(commits.pr8);
    expect(result.pullRequests.find((pr) => pr.number === 7)).toEqual({
      number: 7,
      commit: commits.pr7,
      kind: 'merge',
      subject: 'Add feature D',
    });
    // Neither the sync merge nor the PR branches' own commits are reported.
    expect(result.diagnostics).toEqual([]);
  });

  it('never lists a PR twice', async () => {
    const result = await listMergedPullRequests({ repoPath: repo.path, from: 'v1.0.0', to: 'release-1.1' });
    const numbers = result.pullRequests.map((pr) => pr.number);
    expect(numbers).toEqual([9, 8, 7, 4, 6, 5, 3, 2, 1]);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('lists what `to` has since the merge base when `from` is not its ancestor', async () => {
    const result = await listMergedPullRequests({ repoPath: repo.path, from: 'v1.1.1', to: 'main' });
    expect(result.pullRequests.map((pr) => pr.number)).toEqual([8, 7, 4]);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ severity: 'info', ruleId: 'git-from-not-ancestor' }),
    ]);
  });

  it('accepts commit hashes and revision syntax', async () => {
    const result = await listMergedPullRequests({
      repoPath: repo.path,
      from: `${commits.pr9}~1`,
      to: commits.pr9 ?? '',
    });
    expect(result.pullRequests.map((pr) => pr.number)).toEqual([9]);
  });

  it('starts from the previous tag when `from` is omitted', async () => {
    const result = await listMergedPullRequests({ repoPath: repo.path, to: 'v1.1.1' });
    expect(result.from).toBe('v1.1.0');
    expect(result.pullRequests.map((pr) => pr.number)).toEqual([6, 5]);
    // A tag on `to` itself is not the start of its own range.
    expect((await listMergedPullRequests({ repoPath: repo.path, to: 'release-1.1' })).from).toBe('v1.1.1');
  });

  it('asks for `from` when `to` has no tag before it', async () => {
    const error = await rejection(listMergedPullRequests({ repoPath: repo.path, to: 'v1.0.0' }));
    expect(error.code).toBe('E_INPUT');
    expect(error.message).toContain('v1.0.0');
    expect(error.hint).toMatch(/start of the range/);
  });

  it('names an unknown ref', async () => {
    const error = await rejection(listMergedPullRequests({ repoPath: repo.path, from: 'v9.9.9', to: 'main' }));
    expect(error.code).toBe('E_INPUT');
    expect(error.message).toContain('"v9.9.9"');
    expect(error.message).toContain(repo.path);
    const unknownTo = await rejection(
      listMergedPullRequests({ repoPath: repo.path, from: 'v1.0.0', to: 'no-such-branch' }),
    );
    expect(unknownTo.message).toContain('"no-such-branch"');
  });

  it('rejects refs that git could read as options or ranges, before running git', async () => {
    const output = join(repo.path, 'pwned');
    for (const options of [
      { repoPath: repo.path, from: 'v1.0.0', to: `--output=${output}` },
      { repoPath: repo.path, from: '-n1', to: 'main' },
      { repoPath: repo.path, from: 'v1.0.0..main', to: 'main' },
      { repoPath: repo.path, from: 'v1.0.0', to: 'main\n--all' },
    ]) {
      const error = await rejection(listMergedPullRequests(options));
      expect(error.code).toBe('E_USAGE');
    }
    const dash = await rejection(listMergedPullRequests({ repoPath: repo.path, to: '--all' }));
    expect(dash.message).toContain('"--all"');
    expect(dash.message).toContain('starts with "-"');
    expect(existsSync(output)).toBe(false);
  });

  it('names a path that is not a git repository', async () => {
    const empty = makeTempDir();
    cleanup.push(empty);
    const error = await rejection(listMergedPullRequests({ repoPath: empty, from: 'v1.0.0', to: 'main' }));
    expect(error.code).toBe('E_INPUT');
    expect(error.message).toContain(`${empty} is not a git repository`);
    const missing = await rejection(listMergedPullRequests({ repoPath: join(empty, 'nope'), to: 'main' }));
    expect(missing.message).toContain(join(empty, 'nope'));
  });
});

describe('shallow clones', () => {
  let shallow: string;
  let deeper: string;

  beforeAll(() => {
    const parent = makeTempDir();
    cleanup.push(parent);
    shallow = join(parent, 'shallow');
    deeper = join(parent, 'deeper');
    runFixtureGit(parent, ['clone', '--quiet', '--depth', '1', `file://${repo.path}`, shallow]);
    runFixtureGit(parent, ['clone', '--quiet', '--depth', '3', '--branch', 'main', `file://${repo.path}`, deeper]);
  });

  it('explains how to deepen a depth-1 clone, naming the clone and the ref', async () => {
    const error = await rejection(listMergedPullRequests({ repoPath: shallow, from: 'v1.1.0', to: 'HEAD' }));
    expect(error.code).toBe('E_INPUT');
    expect(error.message).toContain(`${shallow} is a shallow clone`);
    expect(error.message).toContain('"v1.1.0"');
    expect(error.hint).toContain(`Run \`git fetch --unshallow\` (or \`git fetch --deepen=N\`) in ${shallow}`);
  });

  it('does not pretend a shallow clone has no previous tag', async () => {
    const error = await rejection(listMergedPullRequests({ repoPath: shallow, to: 'HEAD' }));
    expect(error.message).toContain('shallow clone');
    expect(error.hint).toContain('--unshallow');
    await expect(previousTag(shallow, 'HEAD')).rejects.toThrow(/shallow clone/);
  });

  it('works in a shallow clone deep enough for the range', async () => {
    const result = await listMergedPullRequests({ repoPath: deeper, from: 'HEAD~2', to: 'HEAD' });
    expect(result.pullRequests.map((pr) => pr.number)).toEqual([8, 7]);
  });

  it('refuses a range that runs past the fetched history', async () => {
    runFixtureGit(deeper, ['fetch', '--quiet', '--depth', '1', 'origin', 'tag', 'v1.0.0']);
    const error = await rejection(listMergedPullRequests({ repoPath: deeper, from: 'v1.0.0', to: 'main' }));
    expect(error.message).toContain(`${deeper} is a shallow clone`);
    expect(error.hint).toContain('--deepen');
  });

  it('refuses a walk that reaches the edge of the fetched history', async () => {
    // main: a ─ b ─ c ─ Merge branch 'topic'; topic: a ─ x. A depth-2 clone has the merge, c and x only.
    const source = createGitFixture();
    cleanup.push(source.path);
    source.commit('a');
    source.git('checkout', '--quiet', '-b', 'topic');
    source.commit('x (#2)');
    source.git('checkout', '--quiet', 'main');
    source.commit('b (#1)');
    source.commit('c (#3)');
    source.mergeBranch('topic');
    const clone = join(makeTempDir(), 'clone');
    cleanup.push(join(clone, '..'));
    runFixtureGit(source.path, ['clone', '--quiet', '--depth', '2', `file://${source.path}`, clone]);
    const error = await rejection(listMergedPullRequests({ repoPath: clone, from: 'HEAD^2', to: 'HEAD' }));
    expect(error.message).toContain(`${clone} is a shallow clone: the history between "HEAD^2" and "HEAD" is cut`);
    // The full clone answers the same question.
    const full = await listMergedPullRequests({ repoPath: source.path, from: 'HEAD^2', to: 'HEAD' });
    expect(full.pullRequests.map((pr) => pr.number)).toEqual([3, 1]);
  });
});

describe('previousTag', () => {
  it('finds the previous tag along the first-parent line, not a tag on the ref itself', async () => {
    expect(await previousTag(repo.path, 'v1.1.0')).toBe('v1.0.0');
    expect(await previousTag(repo.path, 'v1.1.2')).toBe('v1.1.1');
    expect(await previousTag(repo.path, 'main')).toBe('v1.1.0');
    expect(await previousTag(repo.path, commits.pr1 ?? '')).toBe('v1.0.0');
  });

  it('returns null when there is no earlier tag', async () => {
    expect(await previousTag(repo.path, 'v1.0.0')).toBeNull();
    expect(await previousTag(repo.path, `${commits.pr2}~2`)).toBeNull();
  });

  it('rejects a ref starting with "-"', async () => {
    await expect(previousTag(repo.path, '--all')).rejects.toMatchObject({ code: 'E_USAGE' });
  });
});
