import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { excerpt, RelnotesError } from '@relnotes/core';
import { firstLine, runGit } from './run-git.js';

/** A local clone, checked to be one. */
export interface Repository {
  path: string;
  /** The commits whose parents a shallow clone lacks; null when the clone is complete. */
  shallowCommits: ReadonlySet<string> | null;
}

/** Why a shallow clone cannot answer, with the fix. */
export function shallowCloneError(repo: Repository, what: string): RelnotesError {
  return new RelnotesError('E_INPUT', `${repo.path} is a shallow clone: ${what}`, {
    hint: `Run \`git fetch --unshallow\` (or \`git fetch --deepen=N\`) in ${repo.path}, and fetch the tags you name.`,
  });
}

/** Checks that `path` is a git work tree or repository, and whether it is shallow. */
export async function openRepository(path: string): Promise<Repository> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new RelnotesError('E_INPUT', `${path} is not a git repository: ${error.code ?? error.message}`, {
      hint: 'Pass the path of a local clone.',
    });
  });
  if (!info.isDirectory()) {
    throw new RelnotesError('E_INPUT', `${path} is not a git repository (not a folder)`, {
      hint: 'Pass the path of a local clone.',
    });
  }
  const result = await runGit(path, ['rev-parse', '--is-shallow-repository', '--git-path', 'shallow']);
  if (result.exitCode !== 0) {
    throw new RelnotesError('E_INPUT', `${path} is not a git repository (${firstLine(result.stderr)})`, {
      hint: 'Pass the path of a local clone.',
    });
  }
  const [shallow = '', shallowFile = ''] = result.stdout.split('\n');
  if (shallow.trim() !== 'true') return { path, shallowCommits: null };
  const file = isAbsolute(shallowFile) ? shallowFile : join(path, shallowFile);
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new RelnotesError('E_IO', `cannot read the shallow-clone list ${file}: ${error.code ?? error.message}`);
  });
  return { path, shallowCommits: new Set(text.split('\n').filter((line) => line !== '')) };
}

/**
 * Rejects a ref git could read as an option or a range before git sees it. Revision syntax
 * (`v1.0`, `HEAD~3`, `main^2`, a hash) stays allowed.
 */
export function validateRef(ref: string, name: string): void {
  let problem: string | undefined;
  if (ref === '') problem = 'is empty';
  else if (ref.startsWith('-')) problem = 'starts with "-"';
  else if (ref.includes('..')) problem = 'contains ".." (pass the two ends as from and to)';
  else {
    for (let index = 0; index < ref.length; index++) {
      const code = ref.charCodeAt(index);
      if (code <= 32 || code === 127) {
        problem = 'contains a space or a control character';
        break;
      }
    }
  }
  if (problem !== undefined) {
    throw new RelnotesError('E_USAGE', `${name} ref "${excerpt(ref)}" ${problem}`, {
      hint: `Pass a branch, tag or commit, for example ${name === 'from' ? 'v1.0.0' : 'main'}.`,
    });
  }
}

/** The commit a ref names. An unknown ref is an error that names it (and, in a shallow clone, says so). */
export async function resolveCommit(repo: Repository, ref: string, name: string): Promise<string> {
  validateRef(ref, name);
  const result = await runGit(repo.path, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  const hash = result.stdout.trim();
  if (result.exitCode === 0 && hash !== '') return hash;
  const what = `${name} ref "${excerpt(ref)}" is not a commit in ${repo.path}`;
  if (repo.shallowCommits !== null) throw shallowCloneError(repo, `${what}; it may lie beyond the fetched history`);
  throw new RelnotesError('E_INPUT', what, {
    hint: `Check the spelling, or run \`git fetch --tags\` in ${repo.path} if the ref lives on a remote.`,
  });
}

/**
 * The top folder of the working tree that `path` is in (`git rev-parse --show-toplevel`, symlinks
 * resolved), or null for a bare repository. A path that is not in a git repository is an error naming it.
 */
export async function workTreeRoot(path: string): Promise<string | null> {
  await openRepository(path);
  const bare = await runGit(path, ['rev-parse', '--is-bare-repository']);
  if (bare.exitCode === 0 && bare.stdout.trim() === 'true') return null;
  const result = await runGit(path, ['rev-parse', '--show-toplevel']);
  const top = result.stdout.trim();
  if (result.exitCode !== 0 || top === '') {
    // Inside a repository's .git folder: there is a repository but no working tree here.
    if (result.stderr.includes('work tree')) return null;
    throw new RelnotesError('E_IO', `git rev-parse --show-toplevel failed in ${path}: ${firstLine(result.stderr)}`);
  }
  return top;
}
