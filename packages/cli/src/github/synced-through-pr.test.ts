// End to end: a release branch synced from main through a PR, against the emulator and a real git repository.
import type { FixturePullRequest, GitHubEmulator } from '@relnotes/github-emulator';
import { startGitHubEmulator } from '@relnotes/github-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createGitFixture,
  type GitFixture,
  makeTempDir,
  removeDir,
} from '../../../git/src/test-helpers/git-fixture.js';
import { runCli } from '../test-helpers/run-cli.js';

const TOKEN = 'ghp_syncTestToken_0123456789';
let git: GitFixture;
let emulator: GitHubEmulator;
let cacheHome: string;

const NOTES: Record<number, string> = {
  1: 'Added the countdown clock.',
  2: 'Fixed the fuel pump stalling at low pressure.',
  3: 'Synced main into release-1.1.',
  13: 'Fixed a flaky ignition test.',
  14: 'Added a second launch pad.',
};

function pullRequest(number: number, title: string, sha: string | null, base: string): FixturePullRequest {
  const at = '2025-03-01T10:00:00Z';
  return {
    number,
    title,
    body: `\`\`\`release-note\n${NOTES[number]}\n\`\`\`\n`,
    labels: ['kind/bug'],
    author: { login: `author-${number}` },
    state: sha === null ? 'open' : 'closed',
    merged: sha !== null,
    mergedAt: sha === null ? null : at,
    updatedAt: at,
    baseRefName: base,
    mergeCommitOid: sha,
  };
}

/*
 * main:        init [v1.0.0] ─ Add the countdown (#1) ─ #2 (merge) ─ #13 (merge of a branch whose commits
 *              end in "(#11)", an issue, and "(#14)", an open PR)
 * release-1.1: init ─ Merge pull request #3 from u/sync [v1.1.0]
 */
beforeAll(async () => {
  git = createGitFixture();
  cacheHome = makeTempDir('relnotes-sync-cache-');
  git.commit('Initial commit');
  git.git('tag', 'v1.0.0');
  git.git('branch', 'release-1.1');
  const pr1 = git.commit('Add the countdown (#1)');
  const pr2 = git.mergePullRequest(2, 'bob/fuel-pump', 'Fix the fuel pump');
  git.git('checkout', '--quiet', '-b', 'dev/flake');
  git.commit('Fix the flake reported in (#11)');
  git.commit('Prepare for the second pad (#14)');
  git.git('checkout', '--quiet', 'main');
  const pr13 = git.mergeAsPullRequest(13, 'dev/flake', 'Fix a flaky test');
  git.git('branch', 'u/sync');
  git.git('checkout', '--quiet', 'release-1.1');
  const pr3 = git.mergeAsPullRequest(3, 'u/sync', 'Sync main into release-1.1');
  git.git('tag', 'v1.1.0');
  emulator = await startGitHubEmulator({
    token: TOKEN,
    repos: [
      {
        owner: 'acme',
        name: 'rockets',
        defaultBranch: 'main',
        tags: [],
        pullRequests: [
          pullRequest(1, 'Add the countdown', pr1, 'main'),
          pullRequest(2, 'Fix the fuel pump', pr2, 'main'),
          pullRequest(3, 'Sync main into release-1.1', pr3, 'release-1.1'),
          pullRequest(13, 'Fix a flaky test', pr13, 'main'),
          pullRequest(14, 'Add a second launch pad', null, 'main'),
        ],
      },
    ],
  });
});

afterAll(async () => {
  await emulator.close();
  removeDir(git.path);
  removeDir(cacheHome);
});

describe('relnotes generate on a release branch synced through a PR', () => {
  it("credits main's PRs to the release, and leaves out numbers GitHub has no merged PR for, saying so", async () => {
    const result = await runCli(
      ['generate', '--github', 'acme/rockets', '--repo-path', git.path, '--from', 'v1.0.0', '--to', 'v1.1.0'],
      { env: { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: emulator.url, XDG_CACHE_HOME: cacheHome, CI: 'true' } },
    );
    expect(result.stderr).not.toContain('error');
    expect(result.code).toBe(0);
    for (const number of [1, 2, 3, 13]) expect(result.stdout, `#${number}`).toContain(NOTES[number]);
    expect(result.stdout).not.toContain(NOTES[14]);
    expect(result.stderr).toMatch(
      /branch of #13 names #11, but GitHub has no pull request #11: not listed +\[git-side-commit-not-a-pull-request\]/,
    );
    expect(result.stderr).toMatch(
      /branch of #13 names #14, but #14 is not merged: not listed +\[git-side-commit-not-a-pull-request\]/,
    );
    expect(result.stderr).toContain('gathered 4 PRs');
  });
});
