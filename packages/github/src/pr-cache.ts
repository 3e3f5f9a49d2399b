import { mkdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { PullRequest } from '@relnotes/core';
import { GitHubError } from './github-error.js';
import type { Repository } from './options.js';
import { isNotFound, writeJsonAtomic } from './write-json-atomic.js';

/** Bump when the stored shape or the mapping changes: older entries are then ignored. */
export const CACHE_VERSION = 1;

/** One cached pull request: `<cacheDir>/github/<host>/<owner>/<name>/pulls/<number>.json`. */
export interface CacheEntry {
  version: typeof CACHE_VERSION;
  repository: string;
  number: number;
  /** GitHub's `updatedAt` when it was fetched: the freshness check compares it. */
  updatedAt: string;
  merged: boolean;
  /** Server time (minus a safety margin) at which the entry was known to be current. */
  checkedAt: string;
  /** False for a cherry-pick whose original was not looked up yet (an interrupted run). */
  originChecked: boolean;
  pullRequest: PullRequest;
}

export interface PullRequestCache {
  readonly dir: string;
  read(number: number): Promise<CacheEntry | null>;
  write(entry: Readonly<CacheEntry>): Promise<void>;
}

/** `$XDG_CACHE_HOME/relnotes`, else `~/.cache/relnotes`. */
export function defaultCacheDir(env: Readonly<Record<string, string | undefined>>): string {
  const xdg = env.XDG_CACHE_HOME;
  if (xdg !== undefined && xdg !== '' && isAbsolute(xdg)) return join(xdg, 'relnotes');
  const home = env.HOME !== undefined && env.HOME !== '' ? env.HOME : homedir();
  return join(home, '.cache', 'relnotes');
}

/** `<root>/github/<host>/<owner>/<name>`: every cache file of one repository lives below it. */
export function repositoryCacheDir(root: string, host: string, repository: Readonly<Repository>): string {
  return join(root, 'github', host.replace(/[^A-Za-z0-9.-]/g, '_'), repository.owner, repository.name);
}

export function openPullRequestCache(root: string, host: string, repository: Readonly<Repository>): PullRequestCache {
  const dir = join(repositoryCacheDir(root, host, repository), 'pulls');
  const fullName = `${repository.owner}/${repository.name}`;
  const fileOf = (number: number) => join(dir, `${number}.json`);
  let made: Promise<string | undefined> | null = null;
  return {
    dir,
    async read(number) {
      const text = await readCacheFile(fileOf(number));
      return text === null ? null : parseEntry(text, fullName, number);
    },
    async write(entry) {
      try {
        made ??= mkdir(dir, { recursive: true });
        await made;
        await writeJsonAtomic(fileOf(entry.number), entry, { mkdir: false });
      } catch (error) {
        throw cacheError('write', fileOf(entry.number), error);
      }
    },
  };
}

/** A damaged or outdated entry is a cache miss: it is fetched again and overwritten. */
function parseEntry(text: string, repository: string, number: number): CacheEntry | null {
  let value: Partial<CacheEntry>;
  try {
    value = JSON.parse(text) as Partial<CacheEntry>;
  } catch {
    return null; // A torn or hand-edited file: treated as absent and rewritten.
  }
  const ok =
    value !== null &&
    typeof value === 'object' &&
    value.version === CACHE_VERSION &&
    value.repository === repository &&
    value.number === number &&
    typeof value.updatedAt === 'string' &&
    typeof value.checkedAt === 'string' &&
    typeof value.merged === 'boolean' &&
    typeof value.originChecked === 'boolean' &&
    typeof value.pullRequest === 'object' &&
    value.pullRequest !== null &&
    value.pullRequest.number === number;
  return ok ? (value as CacheEntry) : null;
}

/** The text of a cache file, or null when there is none. */
export async function readCacheFile(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (isNotFound(error)) return null;
    throw cacheError('read', file, error);
  }
}

export function cacheError(verb: 'read' | 'write', file: string, error: unknown): GitHubError {
  const reason = error instanceof Error ? error.message : String(error);
  return new GitHubError('cache', `cannot ${verb} the cache file ${file}: ${reason}`, {
    file,
    hint: 'Fix the permissions of the cache folder, choose another one, or run without the cache (--no-cache).',
  });
}
