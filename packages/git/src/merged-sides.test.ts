// What merges bring in from their other side: syncs done through a PR, and PR branches' own commits.
import { afterAll, describe, expect, it } from 'vitest';
import { listMergedPullRequests } from './list-merged-pull-requests.js';
import { createGitFixture, type GitFixture, removeDir } from './test-helpers/git-fixture.js';

const fixtures: GitFixture[] = [];
afterAll(() => {
  for (const fixture of fixtures) removeDir(fixture.path);
});

function newRepo(): GitFixture {
  const repo = createGitFixture();
  fixtures.push(repo);
  return repo;
}

const numbersOf = (result: Awaited<ReturnType<typeof listMergedPullRequests>>) =>
  result.pullRequests.map((pr) => pr.number);

describe('a release branch synced from main through a PR', () => {
  /*
   * main:        init [v1.0.0] ─ #1 (squash) ─ #2 (merge of bob/b)
   * release-1.1: init ─────────────────────────────────────────── Merge pull request #3 from u/sync [v1.1.0]
   */
  it("lists main's squash and merge PRs behind the sync PR, each with the commit main made", async () => {
    const repo = newRepo();
    repo.commit('Initial commit');
    repo.git('tag', 'v1.0.0');
    repo.git('branch', 'release-1.1');
    const squash = repo.commit('Add feature A (#1)');
    const merge = repo.mergePullRequest(2, 'bob/b', 'Add feature B');
    repo.git('branch', 'u/sync');
    repo.git('checkout', '--quiet', 'release-1.1');
    const sync = repo.mergeAsPullRequest(3, 'u/sync', 'Sync main into release-1.1');
    repo.git('tag', 'v1.1.0');

    const result = await listMergedPullRequests({ repoPath: repo.path, from: 'v1.0.0', to: 'v1.1.0' });
    expect(result.pullRequests).toEqual([
      { number: 3, commit: sync, kind: 'merge', subject: 'Sync main into release-1.1' },
      { number: 2, commit: merge, kind: 'merge', subject: 'Add feature B', broughtInBy: 3 },
      { number: 1, commit: squash, kind: 'squash', subject: 'Add feature A', broughtInBy: 3 },
    ]);
    // Bob's own branch commit is #2's work: neither a PR nor a direct push.
    expect(result.diagnostics).toEqual([]);
  });

  it('lists only what the latest sync PR added when main was synced before', async () => {
    const repo = newRepo();
    repo.commit('Initial commit');
    repo.git('branch', 'release-1.1');
    repo.commit('Add feature A (#1)');
    repo.git('branch', 'u/sync-1');
    repo.git('checkout', '--quiet', 'release-1.1');
    repo.mergeAsPullRequest(3, 'u/sync-1', 'Sync main');
    repo.git('tag', 'v1.1.0');
    repo.git('checkout', '--quiet', 'main');
    repo.commit('Add feature C (#4)');
    repo.git('branch', 'u/sync-2');
    repo.git('checkout', '--quiet', 'release-1.1');
    repo.mergeAsPullRequest(5, 'u/sync-2', 'Sync main again');
    repo.git('tag', 'v1.1.1');

    const result = await listMergedPullRequests({ repoPath: repo.path, from: 'v1.1.0', to: 'v1.1.1' });
    expect(numbersOf(result)).toEqual([5, 4]);
  });
});

describe('a sync PR whose side holds cherry-picks', () => {
  /*
   * init ─ Old fix (#9) [v1.0.0] ─ Fix C (#4) ─ Tune D (#6)                 (main)
   *   └ release-1.0: pick -x of #9 ─ #5 (automated cherry-pick of #4) ─ pick -x of #6
   * release-1.1 from v1.0.0: Merge pull request #7 from u/forward-1.0 [v1.1.0]
   */
  it('lists the cherry-pick PR and a picked unreleased PR, but not a picked PR that `from` shipped', async () => {
    const repo = newRepo();
    repo.commit('Initial commit');
    repo.git('branch', 'release-1.0');
    const oldFix = repo.commit('Old fix (#9)');
    repo.git('tag', 'v1.0.0');
    repo.git('branch', 'release-1.1');
    repo.commit('Fix C (#4)');
    const tune = repo.commit('Tune D (#6)');
    repo.git('checkout', '--quiet', 'release-1.0');
    repo.cherryPick(oldFix);
    const pick5 = repo.mergePullRequest(
      5,
      'robot/automated-cherry-pick-of-#4-upstream-release-1.0',
      'Automated cherry pick of #4: Fix C',
    );
    const pickedTune = repo.cherryPick(tune);
    repo.git('branch', 'u/forward-1.0');
    repo.git('checkout', '--quiet', 'release-1.1');
    repo.mergeAsPullRequest(7, 'u/forward-1.0', 'Forward release-1.0 fixes');
    repo.git('tag', 'v1.1.0');

    const result = await listMergedPullRequests({ repoPath: repo.path, from: 'v1.0.0', to: 'v1.1.0' });
    expect(numbersOf(result)).toEqual([7, 6, 5]);
    expect(result.pullRequests[1]).toEqual({
      number: 6,
      commit: pickedTune,
      kind: 'squash',
      subject: 'Tune D',
      broughtInBy: 7,
    });
    expect(result.pullRequests[2]).toEqual({
      number: 5,
      commit: pick5,
      kind: 'cherry-pick',
      subject: 'Automated cherry pick of #4: Fix C',
      cherryPickOf: 4,
      broughtInBy: 7,
    });
    expect(result.diagnostics).toEqual([]);
  });
});

describe("a feature branch's own commits", () => {
  it('are not PRs, even when they quote their own number, and are not reported as direct pushes', async () => {
    const repo = newRepo();
    repo.commit('Initial commit');
    repo.git('tag', 'v1.0.0');
    repo.git('checkout', '--quiet', '-b', 'dev/parser');
    repo.commit('WIP: start the parser');
    repo.commit('Address review comments (#12)');
    repo.commit('Fix a typo');
    repo.git('checkout', '--quiet', 'main');
    const merge = repo.mergeAsPullRequest(12, 'dev/parser', 'Add a parser');
    repo.git('tag', 'v1.1.0');

    const result = await listMergedPullRequests({ repoPath: repo.path, from: 'v1.0.0', to: 'v1.1.0' });
    expect(result.pullRequests).toEqual([{ number: 12, commit: merge, kind: 'merge', subject: 'Add a parser' }]);
    expect(result.diagnostics).toEqual([]);
  });

  it('that end in another number are listed as brought in by the PR, for GitHub to confirm', async () => {
    // Git cannot tell a squash merge made on another branch from a commit quoting an issue: the reference
    // says where it was found (`broughtInBy`), and the CLI drops it when GitHub has no such merged PR.
    const repo = newRepo();
    repo.commit('Initial commit');
    repo.git('tag', 'v1.0.0');
    repo.git('checkout', '--quiet', '-b', 'dev/flake');
    const quoting = repo.commit('Fix the flake reported in (#11)');
    repo.git('checkout', '--quiet', 'main');
    repo.mergeAsPullRequest(13, 'dev/flake', 'Fix a flaky test');

    const result = await listMergedPullRequests({ repoPath: repo.path, from: 'v1.0.0', to: 'main' });
    expect(result.pullRequests.map(({ number, broughtInBy }) => ({ number, broughtInBy }))).toEqual([
      { number: 13, broughtInBy: undefined },
      { number: 11, broughtInBy: 13 },
    ]);
    expect(result.pullRequests[1]?.commit).toBe(quoting);
  });

  it("do not re-list main's released PRs when the branch merged main before", async () => {
    /*
     * main: init ─ #20 [v1.0.0] ─ #21 ──────────────────────── Merge pull request #22 [v1.1.0]
     *         └ feature: WIP ─ Merge branch 'main' (has #20, #21) ─ WIP ┘
     */
    const repo = newRepo();
    repo.commit('Initial commit');
    repo.git('branch', 'feature');
    repo.commit('Add A (#20)');
    repo.git('tag', 'v1.0.0');
    const pr21 = repo.commit('Add B (#21)');
    repo.git('checkout', '--quiet', 'feature');
    repo.commit('WIP: first step');
    repo.mergeBranch('main');
    repo.commit('WIP: second step');
    repo.git('checkout', '--quiet', 'main');
    repo.mergeAsPullRequest(22, 'feature', 'Add C');
    repo.git('tag', 'v1.1.0');

    const result = await listMergedPullRequests({ repoPath: repo.path, from: 'v1.0.0', to: 'v1.1.0' });
    expect(result.pullRequests.map(({ number, commit, broughtInBy }) => ({ number, commit, broughtInBy }))).toEqual([
      { number: 22, commit: expect.any(String), broughtInBy: undefined },
      { number: 21, commit: pr21, broughtInBy: undefined },
    ]);
    expect(result.diagnostics).toEqual([]);
  });
});

describe('PRs met more than once', () => {
  it('are listed once, and a line commit of the PR clears the mark of the sync that brought it first', async () => {
    /*
     * main:        init [v1.0.0] ─ Speed up E (#8) ─ #2 (merge)
     * release-1.1: init ─ Speed up E (#8) picked by hand ─ Merge pull request #3 from u/sync [v1.1.0]
     */
    const repo = newRepo();
    repo.commit('Initial commit');
    repo.git('tag', 'v1.0.0');
    repo.git('branch', 'release-1.1');
    const onMain = repo.commit('Speed up E (#8)');
    repo.mergePullRequest(2, 'bob/b', 'Add feature B');
    repo.git('branch', 'u/sync');
    repo.git('checkout', '--quiet', 'release-1.1');
    repo.commit('Speed up E (#8)');
    repo.mergeAsPullRequest(3, 'u/sync', 'Sync main');
    repo.git('tag', 'v1.1.0');

    const result = await listMergedPullRequests({ repoPath: repo.path, from: 'v1.0.0', to: 'v1.1.0' });
    const numbers = numbersOf(result);
    expect(numbers).toEqual([3, 2, 8]);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(result.pullRequests.find((pr) => pr.number === 2)?.broughtInBy).toBe(3);
    // First met on the sync's side (main's commit), but the branch's own line has it too: confirmed.
    expect(result.pullRequests.find((pr) => pr.number === 8)).toEqual({
      number: 8,
      commit: onMain,
      kind: 'squash',
      subject: 'Speed up E',
    });
  });
});
