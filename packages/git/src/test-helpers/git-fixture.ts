import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A real git repository in a temp folder, built with fixed identities and dates so tests are hermetic. */
export interface GitFixture {
  path: string;
  /** Runs git in the repository and returns its trimmed stdout. */
  git(...args: string[]): string;
  /** A commit that changes one file; returns its hash. */
  commit(message: string): string;
  /** A PR branch with one commit, merged with `--no-ff` the way GitHub's merge button does. */
  mergePullRequest(number: number, branch: string, title: string): string;
  /** A non-PR merge (`Merge branch 'x' into y`) of `branch` into the current branch. */
  mergeBranch(branch: string): string;
  /** Merges an existing branch (kept) with GitHub's merge-button message for PR `number`. */
  mergeAsPullRequest(number: number, branch: string, title: string): string;
  /** `git cherry-pick -x` of `commit` onto the current branch; returns the new commit. */
  cherryPick(commit: string): string;
}

let clock = 0;

function hermeticEnv(): NodeJS.ProcessEnv {
  // Each call advances the clock, so commits have distinct, ordered dates.
  clock += 60;
  const date = `${1_700_000_000 + clock} +0000`;
  return {
    PATH: process.env.PATH,
    HOME: tmpdir(),
    LC_ALL: 'C',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Ada Tester',
    GIT_AUTHOR_EMAIL: 'ada@example.com',
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_NAME: 'Ada Tester',
    GIT_COMMITTER_EMAIL: 'ada@example.com',
    GIT_COMMITTER_DATE: date,
  };
}

/** Runs git in `cwd` with the hermetic environment (and `input` on stdin). */
export function runFixtureGit(cwd: string, args: readonly string[], input?: string): string {
  return execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgSign=false', ...args], {
    cwd,
    env: hermeticEnv(),
    encoding: 'utf8',
    input: input ?? '',
    stdio: ['pipe', 'pipe', 'pipe'],
  }).trim();
}

export function makeTempDir(prefix = 'relnotes-git-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(path: string): void {
  rmSync(path, { recursive: true, force: true });
}

/** `git init` in a new temp folder, with one file to change in each commit. */
export function createGitFixture(): GitFixture {
  const path = makeTempDir();
  let edits = 0;
  const git = (...args: string[]): string => runFixtureGit(path, args);
  const commit = (message: string): string => {
    edits++;
    writeFileSync(join(path, `file-${edits}.txt`), `${message}\n${edits}\n`);
    git('add', '--all');
    git('commit', '--quiet', '-m', message);
    return git('rev-parse', 'HEAD');
  };
  git('init', '--quiet');
  return {
    path,
    git,
    commit,
    mergePullRequest(number, branch, title) {
      const base = git('rev-parse', '--abbrev-ref', 'HEAD');
      git('checkout', '--quiet', '-b', branch);
      commit(title);
      git('checkout', '--quiet', base);
      git('merge', '--quiet', '--no-ff', '-m', `Merge pull request #${number} from ${branch}`, '-m', title, branch);
      git('branch', '--quiet', '-D', branch);
      return git('rev-parse', 'HEAD');
    },
    mergeBranch(branch) {
      const base = git('rev-parse', '--abbrev-ref', 'HEAD');
      git('merge', '--quiet', '--no-ff', '-m', `Merge branch '${branch}' into ${base}`, branch);
      return git('rev-parse', 'HEAD');
    },
    mergeAsPullRequest(number, branch, title) {
      git('merge', '--quiet', '--no-ff', '-m', `Merge pull request #${number} from ${branch}`, '-m', title, branch);
      return git('rev-parse', 'HEAD');
    },
    cherryPick(commit) {
      git('cherry-pick', '-x', commit);
      return git('rev-parse', 'HEAD');
    },
  };
}
