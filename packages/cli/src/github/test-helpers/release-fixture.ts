// A real git repository and the matching GitHub fixture: the PRs its commits name, served by the emulator.
import type { FixtureCommit, FixturePullRequest, FixtureRepo } from '@relnotes/github-emulator';
import { createGitFixture, type GitFixture } from '../../../../git/src/test-helpers/git-fixture.js';

export interface ReleaseFixture {
  git: GitFixture;
  repo: FixtureRepo;
  /** PR number → its invented note text (null: the PR says NONE). */
  notes: ReadonlyMap<number, string | null>;
}

interface PrSpec {
  number: number;
  title: string;
  note: string | null;
  labels: string[];
  author: string;
  base: string;
}

const SPECS: readonly PrSpec[] = [
  {
    number: 90,
    title: 'Add launch pad',
    note: 'Added a launch pad for small rockets.',
    labels: ['kind/feature', 'sig/ground'],
    author: 'ada',
    base: 'main',
  },
  {
    number: 100,
    title: 'Speed up ignition',
    note: 'Ignition now takes half as long.',
    labels: ['kind/feature', 'sig/engines'],
    author: 'grace',
    base: 'main',
  },
  {
    number: 101,
    title: 'Add rocket boosters',
    note: 'Added optional boosters to the `launch` command.',
    labels: ['kind/feature', 'sig/cli'],
    author: 'linus',
    base: 'main',
  },
  {
    number: 102,
    title: 'Fix fuel gauge rounding',
    note: 'Fixed the fuel gauge rounding small levels down to zero.',
    labels: ['kind/bug', 'sig/engines'],
    author: 'ada',
    base: 'main',
  },
  {
    number: 103,
    title: 'Revert "Add launch pad (#90)"',
    note: 'Removed the launch pad again: it tipped over in strong wind.',
    labels: ['kind/bug', 'sig/ground'],
    author: 'grace',
    base: 'main',
  },
  {
    number: 104,
    title: 'Automated cherry pick of #100: Speed up ignition',
    note: 'Ignition on release-1.1 now takes half as long.',
    labels: ['kind/feature', 'sig/engines'],
    author: 'release-robot',
    base: 'release-1.1',
  },
  {
    number: 105,
    title: 'Document the countdown',
    note: null,
    labels: ['kind/documentation'],
    author: 'linus',
    base: 'main',
  },
];

function body(spec: PrSpec): string {
  const note = spec.note ?? 'NONE';
  return `#### What this PR does\n\n${spec.title}.\n\n#### Release note\n\n\`\`\`release-note\n${note}\n\`\`\`\n`;
}

/**
 * main:        init · #90 (squash) · [v1.0.0] · #100 · #101 (merge) · #102 · #103 (revert of #90) · #105
 * release-1.1: from v1.0.0 · #104 (cherry-pick of #100) · merge of main (sync) · [v1.1.0] · #199 · [v1.1.1]
 * #199 is in the history but not on GitHub.
 */
export function createReleaseFixture(): ReleaseFixture {
  const git = createGitFixture();
  const commits = new Map<number, string>();
  git.commit('Initial commit');
  commits.set(90, git.commit('Add launch pad (#90)'));
  git.git('tag', 'v1.0.0');
  git.git('branch', 'release-1.1');
  commits.set(100, git.commit('Speed up ignition (#100)'));
  commits.set(101, git.mergePullRequest(101, 'linus/boosters', 'Add rocket boosters'));
  commits.set(102, git.commit('Fix fuel gauge rounding (#102)'));
  commits.set(103, git.commit('Revert "Add launch pad (#90)" (#103)'));
  commits.set(105, git.commit('Document the countdown (#105)'));
  git.git('checkout', '--quiet', 'release-1.1');
  commits.set(
    104,
    git.mergePullRequest(
      104,
      'release-robot/automated-cherry-pick-of-#100-upstream-release-1.1',
      'Automated cherry pick of #100: Speed up ignition',
    ),
  );
  git.mergeBranch('main');
  git.git('tag', 'v1.1.0');
  git.commit('Tweak thrusters (#199)');
  git.git('tag', 'v1.1.1');
  git.git('checkout', '--quiet', 'main');

  const dateOf = (sha: string) => new Date(Number(git.git('show', '-s', '--format=%ct', sha)) * 1000).toISOString();
  const pullRequests: FixturePullRequest[] = SPECS.map((spec) => {
    const sha = commits.get(spec.number) ?? '';
    return {
      number: spec.number,
      title: spec.title,
      body: body(spec),
      labels: spec.labels,
      author: { login: spec.author },
      state: 'closed',
      merged: true,
      mergedAt: dateOf(sha),
      updatedAt: dateOf(sha),
      baseRefName: spec.base,
      mergeCommitOid: sha,
    };
  });
  // The emulator's one line of history: main's first-parent commits, oldest first.
  const mainLine = git.git('log', '--first-parent', '--reverse', '--format=%H %ct %s', 'main').split('\n');
  const fixtureCommits: FixtureCommit[] = mainLine.map((line) => {
    const [sha = '', time = '0', ...subject] = line.split(' ');
    return { sha, message: subject.join(' '), date: new Date(Number(time) * 1000).toISOString(), author: null };
  });
  const repo: FixtureRepo = {
    owner: 'acme',
    name: 'rockets',
    defaultBranch: 'main',
    pullRequests,
    tags: [{ name: 'v1.0.0', sha: git.git('rev-parse', 'v1.0.0') }],
    commits: fixtureCommits,
  };
  return { git, repo, notes: new Map(SPECS.map((spec) => [spec.number, spec.note])) };
}
