import { type Diagnostic, excerpt, RelnotesError } from '@relnotes/core';
import { type ParsedCommitMessage, type PrKind, revertedPullRequest } from './parse-commit-message.js';
import { findPreviousTag } from './previous-tag.js';
import { type RangeCommit, readRange } from './read-range.js';
import { openRepository, type Repository, resolveCommit, shallowCloneError, validateRef } from './repository.js';
import { firstLine, runGit } from './run-git.js';
import { checkShallowEdge } from './shallow-edge.js';
import { walkHistory } from './walk-history.js';

/** A pull request found in the history, and the commit that brought it in. */
export interface PrReference {
  number: number;
  commit: string;
  kind: PrKind;
  /** The PR's title as the commit records it (a merge commit's body line, a squash subject without `(#N)`). */
  subject: string;
  /** For a cherry-pick: the PR it picks. */
  cherryPickOf?: number;
  /**
   * Found on the branch of this PR (the innermost one), not on `to`'s line or a plain merge's side: a sync
   * done through a PR. Such a commit's `(#N)` is most likely another PR's squash merge, but it may be a
   * feature branch's commit quoting a number, so a caller that can ask GitHub should confirm it.
   */
  broughtInBy?: number;
}

export interface RangeOptions {
  /** A local clone. */
  repoPath: string;
  /** Where the range starts (excluded); the previous tag of `to` when omitted. */
  from?: string;
  /** Where the range ends (included). */
  to: string;
}

export interface MergedPullRequests {
  /** The `from` ref used (the previous tag when none was given). */
  from: string;
  to: string;
  /** Newest first along `to`'s first-parent line; what a merge brought in comes right after the merge. */
  pullRequests: PrReference[];
  diagnostics: Diagnostic[];
}

const short = (hash: string): string => hash.slice(0, 12);

/** Where `from` and `to` meet; a diagnostic when `from` is not an ancestor of `to`. */
async function checkRange(
  repo: Repository,
  range: { from: string; to: string },
  fromHash: string,
  toHash: string,
): Promise<Diagnostic[]> {
  const result = await runGit(repo.path, ['merge-base', fromHash, toHash]);
  if (result.exitCode === 1) {
    const what = `"${range.from}" and "${range.to}" share no history`;
    if (repo.shallowCommits !== null) throw shallowCloneError(repo, `${what} in the fetched commits`);
    throw new RelnotesError('E_INPUT', `${what} in ${repo.path}`, {
      hint: `Check the refs: \`git merge-base ${range.from} ${range.to}\` must find a common commit.`,
    });
  }
  if (result.exitCode !== 0)
    throw new RelnotesError('E_IO', `git merge-base failed in ${repo.path}: ${firstLine(result.stderr)}`);
  if (result.stdout.trim() === fromHash) return [];
  return [
    {
      severity: 'info',
      ruleId: 'git-from-not-ancestor',
      message: `"${range.from}" is not an ancestor of "${range.to}": listing what "${range.to}" has since their merge base ${short(result.stdout.trim())}`,
    },
  ];
}

function describeDirectCommit(commit: RangeCommit): Diagnostic {
  const reverted = revertedPullRequest(commit.subject);
  if (reverted !== undefined) {
    return {
      severity: 'warning',
      ruleId: 'git-direct-revert',
      message: `commit ${short(commit.hash)} reverts #${reverted} without a pull request ("${excerpt(commit.subject)}"); #${reverted}'s note may need dropping`,
      pr: reverted,
    };
  }
  return {
    severity: 'info',
    ruleId: 'git-no-pull-request',
    message: `commit ${short(commit.hash)} names no pull request: "${excerpt(commit.subject)}"`,
  };
}

/**
 * The pull requests merged between two refs of a local clone: the first-parent history of `to` back to
 * `from`, plus the PRs that any merge brought in from its other side (a `Merge branch 'main'` sync, or a
 * sync done through a PR, `Merge pull request #3 from u/sync`). Each PR appears once, where first met.
 *
 * On a PR's own branch, a commit names another PR only when it reads like one GitHub made (`Merge pull
 * request #N`, `Title (#N)`): that is a PR merged into the branch the PR brings in. Commits naming no PR,
 * or the PR itself (`WIP (#12)` on #12's branch), are its own work; a `git cherry-pick -x` of a commit
 * `from` has is an old PR, not a new one.
 */
export async function listMergedPullRequests(options: Readonly<RangeOptions>): Promise<MergedPullRequests> {
  validateRef(options.to, 'to');
  if (options.from !== undefined) validateRef(options.from, 'from');
  const repo = await openRepository(options.repoPath);
  const toHash = await resolveCommit(repo, options.to, 'to');
  const from = options.from ?? (await findPreviousTag(repo, toHash));
  if (from === null) {
    throw new RelnotesError(
      'E_INPUT',
      `no tag before "${excerpt(options.to)}" in ${repo.path} to start the range from`,
      {
        hint: 'Pass the start of the range explicitly (a tag, branch or commit), or tag the previous release.',
      },
    );
  }
  const fromHash = await resolveCommit(repo, from, 'from');
  const diagnostics = await checkRange(repo, { from, to: options.to }, fromHash, toHash);

  const commits = await readRange(repo.path, toHash, fromHash);
  await checkShallowEdge(
    repo,
    commits.keys(),
    fromHash,
    (hash) => `the history between "${from}" and "${options.to}" is cut at ${short(hash)}`,
  );
  const walked = walkHistory(commits, toHash);
  const byNumber = new Map<number, PrReference>();
  for (const { commit, context } of walked) {
    const { pr } = commit;
    if (pr === null) {
      // On a PR's branch, commits without a PR are its own work; elsewhere they were pushed directly.
      if (commit.parents.length < 2 && context.broughtInBy === undefined)
        diagnostics.push(describeDirectCommit(commit));
      continue;
    }
    if (context.ownNumbers.includes(pr.number)) continue;
    const known = byNumber.get(pr.number);
    if (known !== undefined) {
      // Met again outside any PR's branch: the history itself says it is a PR of this range.
      if (context.broughtInBy === undefined) delete known.broughtInBy;
      continue;
    }
    if (context.broughtInBy !== undefined && (await pickedFromReleased(repo, commit, fromHash))) continue;
    const reference = toReference(commit.hash, pr);
    if (context.broughtInBy !== undefined) reference.broughtInBy = context.broughtInBy;
    byNumber.set(pr.number, reference);
  }
  return { from, to: options.to, pullRequests: [...byNumber.values()], diagnostics };
}

/** A `git cherry-pick -x` copy of a commit that `from` already has: its PR shipped before the range. */
async function pickedFromReleased(repo: Repository, commit: RangeCommit, fromHash: string): Promise<boolean> {
  if (commit.cherryPickedFrom === undefined) return false;
  const result = await runGit(repo.path, ['merge-base', '--is-ancestor', commit.cherryPickedFrom, fromHash]);
  return result.exitCode === 0;
}

function toReference(commit: string, pr: ParsedCommitMessage): PrReference {
  const reference: PrReference = { number: pr.number, commit, kind: pr.kind, subject: pr.title };
  if (pr.cherryPickOf !== undefined) reference.cherryPickOf = pr.cherryPickOf;
  return reference;
}
