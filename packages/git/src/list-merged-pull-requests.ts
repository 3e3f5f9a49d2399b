import { type Diagnostic, excerpt, RelnotesError } from '@relnotes/core';
import {
  type ParsedCommitMessage,
  type PrKind,
  parseCommitMessage,
  revertedPullRequest,
} from './parse-commit-message.js';
import { findPreviousTag } from './previous-tag.js';
import { readLog } from './read-log.js';
import { openRepository, type Repository, resolveCommit, shallowCloneError, validateRef } from './repository.js';
import { firstLine, runGit } from './run-git.js';

/** A pull request found in the history, and the commit that brought it in. */
export interface PrReference {
  number: number;
  commit: string;
  kind: PrKind;
  /** The PR's title as the commit records it (a merge commit's body line, a squash subject without `(#N)`). */
  subject: string;
  /** For a cherry-pick: the PR it picks. */
  cherryPickOf?: number;
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
  /** Newest first along `to`'s first-parent line; a synced branch's PRs come where its merge is. */
  pullRequests: PrReference[];
  diagnostics: Diagnostic[];
}

/** A commit of one line of history, reduced to what the walk needs. */
interface LineCommit {
  hash: string;
  parents: string[];
  subject: string;
  pr: ParsedCommitMessage | null;
}

interface Line {
  commits: LineCommit[];
  next: number;
  /** Commits whose history this line's side branches must not walk again. */
  exclude: string[];
}

const short = (hash: string): string => hash.slice(0, 12);

/** The first-parent line from `tip`, stopping at anything reachable from `exclude`. */
async function readLine(repo: Repository, tip: string, exclude: string[]): Promise<Line> {
  const commits: LineCommit[] = [];
  await readLog(repo.path, ['--first-parent', tip, '--not', ...exclude], (record) => {
    const pr = parseCommitMessage(record.subject, record.body);
    commits.push({ hash: record.hash, parents: record.parents, subject: pr === null ? record.subject : '', pr });
  });
  return { commits, next: 0, exclude };
}

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

function describeDirectCommit(commit: LineCommit): Diagnostic {
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
 * `from`, plus what merges of other branches without a PR (`Merge branch 'main' into release-1.0`)
 * brought in. Each PR appears once, where it is first met.
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

  const byNumber = new Map<number, PrReference>();
  const visited = new Set<string>();
  // Lines still being walked, innermost last: a side branch is walked where its merge stands.
  const lines: Line[] = [await readLine(repo, toHash, [fromHash])];
  for (let line = lines.at(-1); line !== undefined; line = lines.at(-1)) {
    const commit = line.commits[line.next++];
    if (commit === undefined) {
      lines.pop();
      continue;
    }
    if (visited.has(commit.hash)) continue;
    visited.add(commit.hash);
    if (repo.shallowCommits?.has(commit.hash)) {
      throw shallowCloneError(
        repo,
        `the history between "${from}" and "${options.to}" is cut at ${short(commit.hash)}`,
      );
    }
    if (commit.pr !== null) {
      if (!byNumber.has(commit.pr.number)) byNumber.set(commit.pr.number, toReference(commit.hash, commit.pr));
      continue;
    }
    if (commit.parents.length < 2) {
      diagnostics.push(describeDirectCommit(commit));
      continue;
    }
    // A merge without a PR (a branch sync): walk each merged side, minus what this line already has.
    const exclude = [...line.exclude, commit.parents[0] ?? commit.hash];
    const sides: Line[] = [];
    for (const parent of commit.parents.slice(1)) sides.push(await readLine(repo, parent, exclude));
    lines.push(...sides.reverse());
  }
  return { from, to: options.to, pullRequests: [...byNumber.values()], diagnostics };
}

function toReference(commit: string, pr: ParsedCommitMessage): PrReference {
  const reference: PrReference = { number: pr.number, commit, kind: pr.kind, subject: pr.title };
  if (pr.cherryPickOf !== undefined) reference.cherryPickOf = pr.cherryPickOf;
  return reference;
}
