import { type Repository, shallowCloneError } from './repository.js';
import { runGit } from './run-git.js';

/** The parents a commit object really records; a shallow clone's graft hides them from `git log`. */
async function recordedParents(repo: Repository, hash: string): Promise<string[] | null> {
  const result = await runGit(repo.path, ['cat-file', 'commit', hash]);
  if (result.exitCode !== 0) return null;
  const parents: string[] = [];
  for (const line of result.stdout.split('\n')) {
    if (line === '') break;
    if (line.startsWith('parent ')) parents.push(line.slice('parent '.length).trim());
  }
  return parents;
}

async function isAncestor(repo: Repository, commit: string, of: string): Promise<boolean> {
  return (await runGit(repo.path, ['merge-base', '--is-ancestor', commit, of])).exitCode === 0;
}

/**
 * Fails when a shallow clone's edge cuts the range: a commit of the range whose parents were not fetched.
 * An edge commit whose recorded parents `from` already has (a PR branch forked at `from`, cut at the
 * clone's depth) hides nothing of the range and is fine.
 */
export async function checkShallowEdge(
  repo: Repository,
  rangeCommits: Iterable<string>,
  fromHash: string,
  describe: (hash: string) => string,
): Promise<void> {
  if (repo.shallowCommits === null) return;
  for (const hash of rangeCommits) {
    if (!repo.shallowCommits.has(hash)) continue;
    const parents = await recordedParents(repo, hash);
    let covered = parents !== null;
    for (const parent of parents ?? []) {
      if (!covered) break;
      covered = await isAncestor(repo, parent, fromHash);
    }
    if (!covered) throw shallowCloneError(repo, describe(hash));
  }
}
