import { RelnotesError } from '@relnotes/core';
import { openRepository, type Repository, resolveCommit, shallowCloneError } from './repository.js';
import { firstLine, runGit } from './run-git.js';

const NO_TAG_MESSAGES = ['No names found', 'No tags can describe', 'cannot describe'];

/** The previous tag on the first-parent line behind `commit` (a hash), or null. */
export async function findPreviousTag(repo: Repository, commit: string): Promise<string | null> {
  const parents = await runGit(repo.path, ['rev-list', '--parents', '-n', '1', commit]);
  if (parents.exitCode !== 0) {
    throw new RelnotesError('E_IO', `git rev-list failed in ${repo.path}: ${firstLine(parents.stderr)}`);
  }
  // A root commit has nothing before it.
  if (parents.stdout.trim().split(' ').length < 2) {
    if (repo.shallowCommits?.has(commit)) throw shallowCloneError(repo, 'the history before the ref was not fetched');
    return null;
  }
  // Starting from the first parent leaves out a tag on the ref itself.
  const result = await runGit(repo.path, ['describe', '--tags', '--abbrev=0', '--first-parent', `${commit}^`]);
  const tag = result.stdout.trim();
  if (result.exitCode === 0 && tag !== '') return tag;
  if (!NO_TAG_MESSAGES.some((message) => result.stderr.includes(message))) {
    throw new RelnotesError('E_IO', `git describe failed in ${repo.path}: ${firstLine(result.stderr)}`);
  }
  if (repo.shallowCommits !== null) throw shallowCloneError(repo, 'no tag found in the fetched history');
  return null;
}

/**
 * The previous tag reachable from `ref` along its first-parent line (its own branch), not counting a
 * tag on `ref` itself; null when there is none.
 */
export async function previousTag(repoPath: string, ref: string): Promise<string | null> {
  const repo = await openRepository(repoPath);
  return findPreviousTag(repo, await resolveCommit(repo, ref, 'to'));
}
