import { isSha, openCommitDateCache } from './commit-date-cache.js';
import { GitHubError, redact } from './github-error.js';
import type { GitHubSourceOptions } from './options.js';
import { defaultCacheDir, repositoryCacheDir } from './pr-cache.js';
import { isSafeRef } from './ref-names.js';
import { type GitHubRestOptions, openRestClient, type RestClient } from './rest-client.js';

export interface ReleaseRangeOptions extends GitHubRestOptions, Pick<GitHubSourceOptions, 'cacheDir'> {
  /** Where the range starts (excluded); the previous version tag of `to` when omitted. */
  from?: string;
  to: string;
  /** The branch the pull requests were merged into; the repository's default branch when omitted. */
  base?: string;
}

/** Two refs turned into what `GitHubSource.listMergedPullRequests` needs. */
export interface ReleaseRange {
  from: string;
  to: string;
  base: string;
  fromSha: string;
  toSha: string;
  /** Just after the `from` commit's date (a PR merged by that very commit is not in the range). */
  since: string;
  /** The `to` commit's date. */
  until: string;
  requests: number;
}

const PER_PAGE = 100;
const MAX_PAGES = 50;

interface CommitJson {
  sha: string;
  commit: { committer: { date?: string } | null };
}

/**
 * Resolves `from` and `to` to commits and dates with the REST API, for a range without a clone.
 * `compare/{from}...{to}` gives `from`'s commit and date, and `to`'s SHA in its `permalink_url`; the
 * refs are asked every time (tags move), but a commit's date is cached by its SHA, so a re-run costs
 * that one compare (plus `GET /repos` without `base`). Without `from`, the previous tag is the highest
 * version tag below `to` (pre-releases only when `to` is one), from the tag list, which gives both SHAs.
 */
export async function resolveReleaseRange(options: Readonly<ReleaseRangeOptions>): Promise<ReleaseRange> {
  const client = openRestClient(options);
  const { owner, name: repo } = client.repository;
  for (const ref of [options.from, options.to, options.base]) {
    if (ref !== undefined && !isSafeRef(ref)) {
      throw new GitHubError('usage', `not a ref: ${JSON.stringify(ref.slice(0, 80))}`, {
        hint: 'Use a tag, a branch or a commit hash.',
      });
    }
  }
  const useCache = options.cacheDir !== null && options.record === undefined && options.replay === undefined;
  const dateCache = useCache
    ? openCommitDateCache(
        repositoryCacheDir(options.cacheDir ?? defaultCacheDir(process.env), client.host, client.repository),
        `${owner}/${repo}`,
      )
    : null;
  const dates = dateCache ? await dateCache.read() : new Map<string, string>();
  const learned = new Map<string, string>();
  const learn = (commit: CommitJson | null | undefined): string | null => {
    const date = commitDate(commit);
    if (commit && date !== null && isSha(commit.sha) && dates.get(commit.sha) !== date) learned.set(commit.sha, date);
    return date;
  };
  const compare = (basehead: string) =>
    client.call((octokit) =>
      octokit.request('GET /repos/{owner}/{repo}/compare/{basehead}', { owner, repo, basehead, per_page: 1 }),
    );
  const noDates = (range: string) =>
    new GitHubError('http', `GitHub gave no commit dates for ${range}`, {
      request: 'GET /repos/{owner}/{repo}/compare/{basehead}',
    });

  let base = options.base;
  if (base === undefined) {
    const info = await client.call((octokit) => octokit.request('GET /repos/{owner}/{repo}', { owner, repo }));
    base = info.default_branch;
  }

  let from: string;
  let fromSha: string | null;
  let fromDate: string | null = null;
  let toSha: string | null;
  if (options.from === undefined) {
    const tags = await listTags(client);
    from = findPreviousTag(client, [...tags.keys()], options.to);
    fromSha = tags.get(from) ?? null;
    toSha = tags.get(options.to) ?? null;
  } else {
    from = options.from;
    const range = await compare(`${from}...${options.to}`);
    fromSha = range.base_commit.sha;
    fromDate = learn(range.base_commit);
    if (fromDate === null) throw noDates(`${from}...${options.to}`);
    toSha = headShaOf(range.permalink_url);
  }

  /** A commit's date by SHA: from the cache, else from `compare/{sha}...{sha}`. */
  const resolve = async (ref: string, sha: string | null): Promise<{ sha: string; date: string }> => {
    const cached = sha === null ? undefined : (learned.get(sha) ?? dates.get(sha));
    if (sha !== null && cached !== undefined) return { sha, date: cached };
    const head = await compare(`${sha ?? ref}...${sha ?? ref}`);
    const date = learn(head.base_commit);
    if (date === null) throw noDates(`${ref}...${ref}`);
    return { sha: head.base_commit.sha, date };
  };
  const start = fromDate === null || fromSha === null ? await resolve(from, fromSha) : { sha: fromSha, date: fromDate };
  const end = await resolve(options.to, toSha);
  if (dateCache) await dateCache.add(learned);
  return {
    from,
    to: options.to,
    base,
    fromSha: start.sha,
    toSha: end.sha,
    since: new Date(Date.parse(start.date) + 1000).toISOString(),
    until: new Date(Date.parse(end.date)).toISOString(),
    requests: client.requests(),
  };
}

/** Every tag's name and commit SHA. */
async function listTags(client: RestClient): Promise<Map<string, string>> {
  const { owner, name: repo } = client.repository;
  const tags = new Map<string, string>();
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const items = await client.call((octokit) =>
      octokit.request('GET /repos/{owner}/{repo}/tags', { owner, repo, per_page: PER_PAGE, page }),
    );
    for (const tag of items) tags.set(tag.name, tag.commit.sha);
    if (items.length < PER_PAGE) break;
  }
  return tags;
}

function findPreviousTag(client: RestClient, names: readonly string[], to: string): string {
  const { owner, name: repo } = client.repository;
  const usage = (message: string) =>
    new GitHubError('usage', redact(message, client.secret), {
      hint: 'Pass --from REF, or use a clone (--repo-path).',
    });
  if (!names.includes(to)) throw usage(`cannot find the tag before ${to}: it is not a tag of ${owner}/${repo}`);
  const withPre = to.includes('-');
  const earlier = names.filter((name) => compareVersions(name, to) < 0 && (withPre || !name.includes('-')));
  const previous = earlier.sort(compareVersions).at(-1);
  if (previous === undefined) throw usage(`no tag of ${owner}/${repo} comes before ${to}`);
  return previous;
}

/**
 * The head commit of a comparison, from its `permalink_url`
 * (`…/compare/[owner:]BASE_SHA...[owner:]HEAD_SHA`); null when it does not read that way.
 */
export function headShaOf(permalink: string | undefined): string | null {
  if (permalink === undefined) return null;
  const marker = permalink.lastIndexOf('/compare/');
  if (marker < 0) return null;
  const parts = permalink.slice(marker + '/compare/'.length).split('...');
  const head = parts.length === 2 ? parts[1] : undefined;
  if (head === undefined) return null;
  const sha = head.slice(head.lastIndexOf(':') + 1);
  return isSha(sha) ? sha : null;
}

/** Compares tag names by their numbers (v1.10.0 after v1.9.2), then as text. */
export function compareVersions(a: string, b: string): number {
  const left = numbersOf(a);
  const right = numbersOf(b);
  for (let index = 0; index < Math.max(left.length, right.length); index += 1) {
    const difference = (left[index] ?? -1) - (right[index] ?? -1);
    if (difference !== 0) return difference;
  }
  // v1.0.0-rc.1 comes before v1.0.0.
  if (a.includes('-') !== b.includes('-')) return a.includes('-') ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function numbersOf(name: string): number[] {
  const numbers: number[] = [];
  const core = name.split('-')[0] ?? name;
  let current = '';
  for (const char of core) {
    if (char >= '0' && char <= '9') current += char;
    else if (current !== '') {
      numbers.push(Number(current));
      current = '';
    }
  }
  if (current !== '') numbers.push(Number(current));
  return numbers;
}

function commitDate(commit: CommitJson | null | undefined): string | null {
  const date = Date.parse(commit?.commit.committer?.date ?? '');
  return Number.isNaN(date) ? null : new Date(date).toISOString();
}
