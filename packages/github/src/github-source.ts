import { Octokit } from '@octokit/rest';
import type { PullRequest } from '@relnotes/core';
import { GitHubError, redact } from './github-error.js';
import {
  aliasOf,
  buildBatchQuery,
  buildMergedQuery,
  buildUpdatedQuery,
  type PageInfo,
  type RateLimitInfo,
} from './graphql-queries.js';
import { expectJson } from './json-guard.js';
import { LISTING_VERSION, type ListedPullRequest, type ListingCache, openListingCache } from './listing-cache.js';
import { mapPullRequest, type PullRequestNode, parseCherryPickOf } from './map-pull-request.js';
import { type GitHubSourceOptions, type ProgressEvent, parseRepository, resolveEndpoints } from './options.js';
import { guardOrigin } from './origin-guard.js';
import {
  CACHE_VERSION,
  type CacheEntry,
  defaultCacheDir,
  openPullRequestCache,
  type PullRequestCache,
  repositoryCacheDir,
} from './pr-cache.js';
import { createRecordingFetch, createReplayFetch } from './recorder.js';
import { createResilientFetch } from './resilient-fetch.js';
import { mapPool, runPool } from './run-pool.js';
import { translateError } from './translate-error.js';

export interface FetchPullRequestsOptions {
  /** Return unknown numbers in `missing` instead of failing. */
  allowMissing?: boolean;
}

export interface FetchPullRequestsResult {
  /** In the order of the requested numbers (duplicates removed). */
  pullRequests: PullRequest[];
  missing: number[];
}

export interface ListMergedPullRequestsOptions {
  /** The branch the pull requests were merged into. */
  base: string;
  /** ISO time: only PRs merged at or after it. */
  since?: string;
  /** ISO time: only PRs merged at or before it. */
  until?: string;
}

export interface GitHubSourceStats {
  /** Requests sent (retries included), or answered from a recording. */
  requests: number;
  /** Pull requests served from the cache. */
  cacheHits: number;
  notModified: number;
  /** GraphQL rate-limit points spent, as GitHub reports them. */
  cost: number;
}

export interface GitHubSource {
  fetchPullRequests(
    numbers: readonly number[],
    options?: Readonly<FetchPullRequestsOptions>,
  ): Promise<FetchPullRequestsResult>;
  listMergedPullRequests(options: Readonly<ListMergedPullRequestsOptions>): Promise<PullRequest[]>;
  stats(): GitHubSourceStats;
}

interface GraphqlError {
  type?: string;
  message?: string;
  path?: readonly (string | number)[];
}

interface GraphqlAnswer<T> {
  data: T | null;
  errors: GraphqlError[];
}

type BatchData = { repository: Record<string, PullRequestNode | null> | null; rateLimit?: RateLimitInfo };
type ConnectionData<N> = {
  repository: { pullRequests: { nodes: (N | null)[]; pageInfo: PageInfo } } | null;
  rateLimit?: RateLimitInfo;
};

/** What a range walk found: every listed PR, and the cache entries of those the walk returned. */
interface Walked {
  listed: Map<number, ListedPullRequest>;
  walked: Map<number, CacheEntry>;
}

const MAX_BATCH = 100;
/** Extra looks at the top after a walk of several pages (each is usually one page). */
const MAX_CATCH_UPS = 2;
/** Entries count as current from this long before the server time of their request (clock skew, write lag). */
const SAFETY_MARGIN_MS = 2 * 60_000;
/** Verified entries older than this get their `checkedAt` moved forward, so the next check stays short. */
const REFRESH_CHECKED_AFTER_MS = 60 * 60_000;
/** Cache files open at once. */
const FILE_CONCURRENCY = 32;

const ignore = (): void => undefined;
/** The library never prints: octokit's deprecation and request logs go nowhere. */
const SILENT_LOG = { debug: ignore, info: ignore, warn: ignore, error: ignore };

export function createGitHubSource(options: Readonly<GitHubSourceOptions>): GitHubSource {
  const repository = parseRepository(options.repository);
  const fullName = `${repository.owner}/${repository.name}`;
  const endpoints = resolveEndpoints(options.apiUrl);
  const secret = options.token === undefined || options.token === '' ? undefined : options.token;
  if (options.record !== undefined && options.replay !== undefined) {
    throw new GitHubError('usage', 'record and replay cannot be used together', { hint: 'Record once, then replay.' });
  }
  const batchSize = clampInteger(options.batchSize ?? MAX_BATCH, 1, MAX_BATCH);
  const concurrency = clampInteger(options.concurrency ?? 2, 1, 8);
  const counters: GitHubSourceStats = { requests: 0, cacheHits: 0, notModified: 0, cost: 0 };
  let clockSkew = 0;

  const recording = { origin: endpoints.origin, secret };
  let transport: typeof fetch;
  if (options.replay !== undefined) {
    const replay = createReplayFetch({ ...recording, dir: options.replay });
    transport = async (input, init) => {
      counters.requests += 1;
      return replay(input, init);
    };
  } else {
    transport = createResilientFetch({
      fetch: options.fetch ?? globalThis.fetch,
      secret,
      attemptTimeout: options.attemptTimeout ?? 60_000,
      retries: options.retries ?? 5,
      maxRetryTime: options.maxRetryTime ?? 10 * 60_000,
      waitScale: options.waitScale ?? 1,
      onAttempt() {
        counters.requests += 1;
      },
      onResponse(response) {
        if (response.status === 304) counters.notModified += 1;
        const date = Date.parse(response.headers.get('date') ?? '');
        if (!Number.isNaN(date)) clockSkew = date - Date.now();
      },
    });
    if (options.record !== undefined)
      transport = createRecordingFetch(transport, { ...recording, dir: options.record });
  }

  const octokit = new Octokit({
    ...(secret === undefined ? {} : { auth: secret }),
    baseUrl: endpoints.apiUrl,
    userAgent: options.userAgent ?? 'relnotes',
    request: { fetch: guardOrigin(expectJson(transport, secret), endpoints.origin) },
    log: SILENT_LOG,
  });

  const useCache = options.cacheDir !== null && options.record === undefined && options.replay === undefined;
  const cacheRoot = options.cacheDir ?? defaultCacheDir(process.env);
  const cache: PullRequestCache | null = useCache ? openPullRequestCache(cacheRoot, endpoints.host, repository) : null;
  const listings: ListingCache | null = useCache
    ? openListingCache(repositoryCacheDir(cacheRoot, endpoints.host, repository), fullName)
    : null;

  function progress(phase: ProgressEvent['phase'], fetched: number, total: number): void {
    options.onProgress?.({ phase, fetched, total, requests: counters.requests, cacheHits: counters.cacheHits });
  }

  async function query<T>(text: string): Promise<GraphqlAnswer<T>> {
    let answer: GraphqlAnswer<T & { rateLimit?: RateLimitInfo }>;
    try {
      answer = { data: await octokit.graphql<T & { rateLimit?: RateLimitInfo }>(text), errors: [] };
    } catch (error) {
      if (!isGraphqlResponseError(error)) throw translateError(error, secret);
      answer = { data: (error.data ?? null) as (T & { rateLimit?: RateLimitInfo }) | null, errors: error.errors ?? [] };
    }
    counters.cost += answer.data?.rateLimit?.cost ?? 0;
    return answer;
  }

  function failOnErrors(errors: readonly GraphqlError[], allowed: (error: GraphqlError) => boolean): void {
    const repositoryMissing = errors.find((error) => error.type === 'NOT_FOUND' && error.path?.length === 1);
    if (repositoryMissing) {
      throw new GitHubError('not-found', `repository ${fullName} not found on ${endpoints.host}`, {
        hint: 'Check the name; a private repository needs a token that can read it.',
      });
    }
    const other = errors.filter((error) => !allowed(error));
    if (other.length > 0) {
      const messages = other.slice(0, 3).map((error) => `${error.type ?? 'ERROR'}: ${error.message ?? '?'}`);
      throw new GitHubError(
        'graphql',
        redact(`GitHub GraphQL errors for ${fullName}: ${messages.join('; ')}`, secret),
        {
          request: 'POST /graphql',
        },
      );
    }
  }

  function entryFor(pullRequest: PullRequest, node: Readonly<PullRequestNode>, checkedAt: number): CacheEntry {
    return {
      version: CACHE_VERSION,
      repository: fullName,
      number: pullRequest.number,
      updatedAt: node.updatedAt,
      merged: node.merged,
      checkedAt: new Date(checkedAt).toISOString(),
      originChecked: parseCherryPickOf(pullRequest.title) === null,
      pullRequest,
    };
  }

  /** Fetches pull requests by number, `batchSize` per query; each batch is cached as soon as it arrives. */
  async function fetchByNumber(
    numbers: readonly number[],
    onBatch: (done: number) => void,
  ): Promise<{ found: Map<number, CacheEntry>; missing: number[] }> {
    const found = new Map<number, CacheEntry>();
    const missing: number[] = [];
    const batches: number[][] = [];
    for (let index = 0; index < numbers.length; index += batchSize)
      batches.push(numbers.slice(index, index + batchSize));
    let done = 0;
    await runPool(batches, concurrency, async (batch) => {
      const started = Date.now();
      const answer = await query<BatchData>(buildBatchQuery(repository, batch));
      failOnErrors(answer.errors, (error) => error.type === 'NOT_FOUND' && error.path?.length === 2);
      const checkedAt = started + clockSkew - SAFETY_MARGIN_MS;
      const nodes = answer.data?.repository ?? null;
      if (nodes === null)
        throw new GitHubError('graphql', `GitHub returned no data for ${fullName}`, { request: 'POST /graphql' });
      const entries: CacheEntry[] = [];
      batch.forEach((number, index) => {
        const node = nodes[aliasOf(index)];
        if (!node) {
          missing.push(number);
          return;
        }
        const entry = entryFor(mapPullRequest(node), node, checkedAt);
        found.set(number, entry);
        entries.push(entry);
      });
      if (cache) await runPool(entries, FILE_CONCURRENCY, (entry) => cache.write(entry));
      done += batch.length;
      onBatch(done);
    });
    return { found, missing };
  }

  /**
   * Which cached entries are still current: one walk over merged PRs by `updatedAt`, newest first,
   * down to the oldest `checkedAt` among them, never more pages than refetching them all would take.
   */
  async function checkFreshness(entries: readonly CacheEntry[]): Promise<{ fresh: CacheEntry[]; stale: number[] }> {
    const fresh: CacheEntry[] = [];
    const stale: number[] = [];
    const candidates: CacheEntry[] = [];
    for (const entry of entries) {
      // Only merged PRs are final; anything else may change without the walk seeing it.
      if (entry.merged) candidates.push(entry);
      else stale.push(entry.number);
    }
    if (candidates.length === 0) return { fresh, stale };

    const threshold = Math.min(...candidates.map((entry) => Date.parse(entry.checkedAt)));
    const maxPages = Math.max(1, Math.ceil(candidates.length / batchSize));
    const seen = new Map<number, string>();
    const walkStarted = Date.now();
    let coveredDownTo = Number.NEGATIVE_INFINITY;
    let after: string | null = null;
    for (let page = 1; ; page += 1) {
      const answer: GraphqlAnswer<ConnectionData<{ number: number; updatedAt: string }>> = await query(
        buildUpdatedQuery(repository, after),
      );
      failOnErrors(answer.errors, () => false);
      const connection = answer.data?.repository?.pullRequests;
      if (!connection) throw new GitHubError('graphql', `GitHub returned no pull requests for ${fullName}`);
      let last: string | null = null;
      for (const node of connection.nodes) {
        if (!node) continue;
        seen.set(node.number, node.updatedAt);
        last = node.updatedAt;
      }
      progress('check', 0, entries.length);
      if (!connection.pageInfo.hasNextPage || last === null || Date.parse(last) < threshold) break;
      if (page >= maxPages) {
        coveredDownTo = Date.parse(last);
        break;
      }
      after = connection.pageInfo.endCursor;
    }

    const verifiedAt = walkStarted + clockSkew - SAFETY_MARGIN_MS;
    const refreshes: CacheEntry[] = [];
    for (const entry of candidates) {
      const current = seen.get(entry.number);
      const ok = current === undefined ? Date.parse(entry.checkedAt) >= coveredDownTo : current === entry.updatedAt;
      if (!ok) {
        stale.push(entry.number);
        continue;
      }
      fresh.push(entry);
      if (cache && verifiedAt - Date.parse(entry.checkedAt) > REFRESH_CHECKED_AFTER_MS) {
        refreshes.push({ ...entry, checkedAt: new Date(verifiedAt).toISOString() });
      }
    }
    if (cache) await runPool(refreshes, FILE_CONCURRENCY, (entry) => cache.write(entry));
    return { fresh, stale };
  }

  /** Credits a cherry-pick's original author: originals come from the results, the cache, or one more batch. */
  async function resolveCherryPicks(
    results: Map<number, CacheEntry>,
    unresolved: readonly CacheEntry[],
  ): Promise<void> {
    const wanted = new Map<number, number>();
    for (const entry of unresolved) {
      const original = parseCherryPickOf(entry.pullRequest.title);
      if (original !== null && original !== entry.number) wanted.set(entry.number, original);
    }
    if (unresolved.length === 0) return;
    const originals = new Map<number, PullRequest>();
    const toFetch: number[] = [];
    await runPool([...new Set(wanted.values())], FILE_CONCURRENCY, async (number) => {
      const known = results.get(number) ?? (cache ? await cache.read(number) : null);
      if (known) originals.set(number, known.pullRequest);
      else toFetch.push(number);
    });
    toFetch.sort((a, b) => a - b);
    if (toFetch.length > 0) {
      const { found } = await fetchByNumber(toFetch, (done) => progress('originals', done, toFetch.length));
      for (const [number, entry] of found) originals.set(number, entry.pullRequest);
    }
    for (const entry of unresolved) {
      const originalNumber = wanted.get(entry.number);
      const original = originalNumber === undefined ? undefined : originals.get(originalNumber);
      if (original) entry.pullRequest.cherryPickOf = { number: original.number, author: { ...original.author } };
      entry.originChecked = true;
    }
    if (cache) await runPool(unresolved, FILE_CONCURRENCY, (entry) => cache.write(entry));
  }

  /**
   * One walk over the PRs merged into `base`, most recently updated first, down to the first page that
   * reaches PRs updated before `threshold` (a PR's `updatedAt` is never before its `mergedAt`). Keeps
   * those merged at or after `coveredSince`, and caches each page as it arrives.
   */
  async function walkMerged(
    base: string,
    threshold: number | null,
    coveredSince: number | null,
    into: Walked,
  ): Promise<{ pages: number; checkedAt: number }> {
    const walkStarted = Date.now();
    let after: string | null = null;
    for (let pages = 1; ; pages += 1) {
      const started = Date.now();
      const answer: GraphqlAnswer<ConnectionData<PullRequestNode>> = await query(
        buildMergedQuery(repository, base, after),
      );
      failOnErrors(answer.errors, () => false);
      const connection = answer.data?.repository?.pullRequests;
      if (!connection) throw new GitHubError('graphql', `GitHub returned no pull requests for ${fullName}`);
      const checkedAt = started + clockSkew - SAFETY_MARGIN_MS;
      const entries: CacheEntry[] = [];
      let last: number | null = null;
      for (const node of connection.nodes) {
        if (!node) continue;
        last = Date.parse(node.updatedAt);
        const mergedAt = node.mergedAt === null ? Number.NaN : Date.parse(node.mergedAt);
        if (Number.isNaN(mergedAt) || (coveredSince !== null && mergedAt < coveredSince)) continue;
        const entry = entryFor(mapPullRequest(node), node, checkedAt);
        into.walked.set(node.number, entry);
        into.listed.set(node.number, { number: node.number, mergedAt: node.mergedAt ?? '', updatedAt: node.updatedAt });
        entries.push(entry);
      }
      if (cache) await runPool(entries, FILE_CONCURRENCY, (entry) => cache.write(entry));
      progress('list', into.walked.size, into.walked.size);
      if (!connection.pageInfo.hasNextPage || last === null || (threshold !== null && last < threshold)) {
        return { pages, checkedAt: walkStarted + clockSkew - SAFETY_MARGIN_MS };
      }
      after = connection.pageInfo.endCursor;
    }
  }

  /**
   * Every PR merged into `base` at or after `since`, current as of now: a cached listing that covers
   * `since` is brought up to date by walking only the PRs updated since its check (usually one page);
   * otherwise all of them are walked. The listing is saved for the next run.
   */
  async function listMerged(base: string, since: number | null): Promise<Walked> {
    const cached = listings ? await listings.read(base) : null;
    const usable = cached !== null && (cached.since === null || (since !== null && Date.parse(cached.since) <= since));
    const coveredSince = usable ? (cached.since === null ? null : Date.parse(cached.since)) : since;
    const into: Walked = {
      listed: new Map(usable ? cached.pullRequests.map((item) => [item.number, item]) : []),
      walked: new Map(),
    };
    // The cached listing was complete at its check: only PRs updated since then can be new or changed.
    const threshold = usable ? Math.max(Date.parse(cached.checkedAt), coveredSince ?? Number.NEGATIVE_INFINITY) : since;
    let walk = await walkMerged(base, threshold, coveredSince, into);
    // A PR updated while a walk pages jumps to the top, behind the cursor: look at the top again.
    for (let round = 0; walk.pages > 1 && round < MAX_CATCH_UPS; round += 1) {
      walk = await walkMerged(base, walk.checkedAt, coveredSince, into);
    }
    if (listings) {
      await listings.write({
        version: LISTING_VERSION,
        repository: fullName,
        base,
        since: coveredSince === null ? null : new Date(coveredSince).toISOString(),
        checkedAt: new Date(walk.checkedAt).toISOString(),
        pullRequests: [...into.listed.values()].sort((a, b) => a.number - b.number),
      });
    }
    return into;
  }

  return {
    async fetchPullRequests(numbers, fetchOptions = {}) {
      for (const number of numbers) {
        if (!Number.isSafeInteger(number) || number <= 0) {
          throw new GitHubError('usage', `not a pull request number: ${String(number)}`, {
            hint: 'Use positive integers.',
          });
        }
      }
      const unique = [...new Set(numbers)];
      const results = new Map<number, CacheEntry>();
      let cachedHits: CacheEntry[] = [];
      if (cache) {
        const entries = (await mapPool(unique, FILE_CONCURRENCY, (number) => cache.read(number))).filter(
          (entry): entry is CacheEntry => entry !== null,
        );
        if (entries.length > 0) {
          cachedHits = (await checkFreshness(entries)).fresh;
          counters.cacheHits += cachedHits.length;
          for (const entry of cachedHits) results.set(entry.number, entry);
        }
      }
      progress('fetch', results.size, unique.length);
      const toFetch = unique.filter((number) => !results.has(number));
      const { found, missing } = await fetchByNumber(toFetch, (done) =>
        progress('fetch', cachedHits.length + done, unique.length),
      );
      for (const [number, entry] of found) results.set(number, entry);
      const unresolved = [...results.values()].filter((entry) => entry.originChecked !== true);
      await resolveCherryPicks(results, unresolved);

      const missingSorted = unique.filter((number) => missing.includes(number));
      if (missingSorted.length > 0 && fetchOptions.allowMissing !== true) {
        const shown = missingSorted.slice(0, 10).map((number) => `#${number}`);
        const more = missingSorted.length > 10 ? ` and ${missingSorted.length - 10} more` : '';
        throw new GitHubError(
          'missing-pull-requests',
          `${missingSorted.length} pull request(s) not found in ${fullName}: ${shown.join(', ')}${more}`,
          { missing: missingSorted, hint: 'Check the numbers (issues are not pull requests), or allow missing ones.' },
        );
      }
      const pullRequests: PullRequest[] = [];
      for (const number of unique) {
        const entry = results.get(number);
        if (entry) pullRequests.push(entry.pullRequest);
      }
      return { pullRequests, missing: missingSorted };
    },

    async listMergedPullRequests(listOptions) {
      const since = parseTime(listOptions.since, 'since');
      const until = parseTime(listOptions.until, 'until');
      const { base } = listOptions;
      if (base.trim() === '') throw new GitHubError('usage', 'base must name a branch, like main');
      const { listed, walked } = await listMerged(base, since);
      const inWindow = [...listed.values()].filter((item) => {
        const mergedAt = Date.parse(item.mergedAt);
        return (since === null || mergedAt >= since) && (until === null || mergedAt <= until);
      });
      const results = new Map<number, CacheEntry>();
      const toFetch: number[] = [];
      await runPool(inWindow, FILE_CONCURRENCY, async (item) => {
        const fresh = walked.get(item.number);
        if (fresh) {
          results.set(item.number, fresh);
          return;
        }
        const entry = cache ? await cache.read(item.number) : null;
        // Not older than the listing says: the listing has seen every update up to its check.
        if (entry?.merged && Date.parse(entry.updatedAt) >= Date.parse(item.updatedAt)) {
          results.set(item.number, entry);
          counters.cacheHits += 1;
        } else {
          toFetch.push(item.number);
        }
      });
      toFetch.sort((a, b) => a - b);
      if (toFetch.length > 0) {
        const { found, missing } = await fetchByNumber(toFetch, (done) => progress('list', done, toFetch.length));
        if (missing.length > 0) {
          throw new GitHubError(
            'missing-pull-requests',
            `GitHub listed pull request(s) of ${fullName} it then could not give: ${missing.map((n) => `#${n}`).join(', ')}`,
            { missing, hint: 'Run again; if it persists, run without the cache (--no-cache).' },
          );
        }
        for (const [number, entry] of found) results.set(number, entry);
      }
      await resolveCherryPicks(
        results,
        [...results.values()].filter((entry) => !entry.originChecked),
      );
      progress('list', results.size, results.size);
      return [...results.values()]
        .map((entry) => entry.pullRequest)
        .sort((a, b) => (a.mergedAt ?? '').localeCompare(b.mergedAt ?? '') || a.number - b.number);
    },

    stats() {
      return { ...counters };
    },
  };
}

function isGraphqlResponseError(error: unknown): error is Error & { data?: unknown; errors?: GraphqlError[] } {
  return error instanceof Error && error.name === 'GraphqlResponseError';
}

function parseTime(value: string | undefined, name: string): number | null {
  if (value === undefined) return null;
  const time = Date.parse(value);
  if (Number.isNaN(time)) {
    throw new GitHubError('usage', `${name} is not a time: ${JSON.stringify(value.slice(0, 40))}`, {
      hint: 'Use an ISO 8601 time such as 2024-04-17T00:00:00Z.',
    });
  }
  return time;
}

function clampInteger(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.floor(Number.isFinite(value) ? value : min)));
}
