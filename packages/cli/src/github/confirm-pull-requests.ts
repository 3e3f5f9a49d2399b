import type { Diagnostic, PullRequest } from '@relnotes/core';
import type { PrReference } from '@relnotes/git';

export interface ConfirmedPullRequests {
  pullRequests: PullRequest[];
  /** PRs the history names for sure that GitHub does not have. */
  missing: number[];
  /** One info diagnostic per number git only guessed at and GitHub turned down. */
  diagnostics: Diagnostic[];
}

/**
 * Git lists a commit on a PR's branch that ends in `(#N)` as PR N (`broughtInBy`): usually a squash merge
 * made on the branch a sync PR brings in, but it may be a feature-branch commit quoting an issue or an
 * open PR. GitHub settles it: such a number is kept only when GitHub has it as a merged pull request, and
 * is otherwise left out with an info diagnostic. Every other number the history names must exist.
 */
export function confirmPullRequests(
  references: readonly PrReference[],
  fetched: Readonly<{ pullRequests: readonly PullRequest[]; missing: readonly number[] }>,
): ConfirmedPullRequests {
  const guessed = new Map<number, PrReference>();
  for (const reference of references) if (reference.broughtInBy !== undefined) guessed.set(reference.number, reference);
  const diagnostics: Diagnostic[] = [];
  const turnDown = (reference: PrReference, why: string): void => {
    diagnostics.push({
      severity: 'info',
      ruleId: 'git-side-commit-not-a-pull-request',
      message: `commit ${reference.commit.slice(0, 12)} on the branch of #${reference.broughtInBy} names #${reference.number}, but ${why}: not listed`,
      pr: reference.number,
    });
  };
  const missing: number[] = [];
  for (const number of fetched.missing) {
    const reference = guessed.get(number);
    if (reference === undefined) missing.push(number);
    else turnDown(reference, `GitHub has no pull request #${number}`);
  }
  const pullRequests: PullRequest[] = [];
  for (const pullRequest of fetched.pullRequests) {
    const reference = guessed.get(pullRequest.number);
    if (reference !== undefined && pullRequest.mergedAt === null) {
      turnDown(reference, `#${pullRequest.number} is not merged`);
      continue;
    }
    pullRequests.push(pullRequest);
  }
  return { pullRequests, missing, diagnostics };
}
