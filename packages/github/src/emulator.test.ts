// Integration tests against @relnotes/github-emulator: real HTTP on 127.0.0.1, real octokit.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type FixturePullRequest,
  type FixtureRepo,
  type GitHubEmulator,
  generateFixtureRepo,
  startGitHubEmulator,
} from '@relnotes/github-emulator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GitHubError } from './github-error.js';
import { createGitHubSource } from './github-source.js';
import type { GitHubSourceOptions } from './options.js';

const TOKEN = 'ghp_emulatorToken_0123456789abcdef';

/** 3,000 generated PRs plus 300 cherry-picks onto release-1.0 of merged ones. */
function fixture(): FixtureRepo {
  const repo = generateFixtureRepo({ owner: 'acme', name: 'rockets', pullRequests: 3000, seed: 7 });
  const merged = repo.pullRequests.filter((pr) => pr.merged && pr.baseRefName === 'main');
  const last = repo.pullRequests.at(-1)?.number ?? 0;
  const picks: FixturePullRequest[] = merged.slice(0, 300).map((original, index) => ({
    ...original,
    number: last + 10 + index,
    title: `Automated cherry pick of #${original.number}: ${original.title}`,
    author: { login: 'release-robot' },
    baseRefName: 'release-1.0',
    mergeCommitOid: `${String(index).padStart(40, 'c')}`,
  }));
  return { ...repo, pullRequests: [...repo.pullRequests, ...picks] };
}

const repo = fixture();
const mergedNumbers = repo.pullRequests.filter((pr) => pr.merged).map((pr) => pr.number);
const byNumber = new Map(repo.pullRequests.map((pr) => [pr.number, pr]));
let emulator: GitHubEmulator;
let dir: string;

beforeAll(async () => {
  emulator = await startGitHubEmulator({ repos: [repo], token: TOKEN });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(async () => {
  emulator.reset();
  emulator.setFaults([]);
  dir = await mkdtemp(join(tmpdir(), 'relnotes-emulator-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function source(options: Partial<GitHubSourceOptions> = {}) {
  return createGitHubSource({
    repository: 'acme/rockets',
    token: TOKEN,
    apiUrl: emulator.url,
    cacheDir: join(dir, 'cache'),
    waitScale: 0.001,
    ...options,
  });
}

describe('against the emulator', () => {
  it('fetches 3,000 PRs in at most 60 requests cold and 5 warm, crediting cherry-pick originals', async () => {
    const numbers = mergedNumbers.slice(-3000);
    const cold = source();
    const { pullRequests } = await cold.fetchPullRequests(numbers);
    expect(pullRequests.map((pr) => pr.number)).toEqual(numbers);
    expect(emulator.stats().requests).toBe(cold.stats().requests);
    expect(cold.stats().requests).toBeLessThanOrEqual(60);

    const pick = pullRequests.find((pr) => pr.title.startsWith('Automated cherry pick of #'));
    const originalNumber = Number(pick?.title.slice('Automated cherry pick of #'.length).split(':')[0]);
    expect(pick?.author.login).toBe('release-robot');
    expect(pick?.cherryPickOf).toEqual({
      number: originalNumber,
      author: { login: byNumber.get(originalNumber)?.author.login, url: expect.stringContaining('/') },
    });
    const sample = pullRequests.find((pr) => !pr.title.startsWith('Automated'));
    const truth = sample ? byNumber.get(sample.number) : undefined;
    expect(sample).toMatchObject({
      title: truth?.title,
      body: truth?.body,
      labels: truth?.labels,
      mergedAt: truth?.mergedAt,
      mergeCommit: truth?.mergeCommitOid,
      baseRef: truth?.baseRefName,
    });

    emulator.reset();
    const warm = source();
    const again = await warm.fetchPullRequests(numbers);
    expect(again.pullRequests).toEqual(pullRequests);
    expect(emulator.stats().requests).toBeLessThanOrEqual(5);
    expect(warm.stats()).toMatchObject({ requests: emulator.stats().requests, cacheHits: 3000 });

    for (const file of (await readdir(join(dir, 'cache'), { recursive: true })).slice(0, 50)) {
      if (!file.endsWith('.json')) continue;
      expect(await readFile(join(dir, 'cache', file), 'utf8')).not.toContain(TOKEN);
    }
  });

  it('rides out a 502, a secondary limit, a primary limit and a dropped connection', async () => {
    emulator.setFaults([
      { kind: '502', on: 'graphql', times: 1, nth: 1 },
      { kind: 'secondary-rate-limit', on: 'graphql', times: 1, nth: 2, retryAfterSeconds: 2 },
      { kind: 'primary-rate-limit', on: 'graphql', times: 1, nth: 3, retryAfterSeconds: 3 },
      { kind: 'drop-connection', on: 'graphql', times: 1, nth: 4 },
    ]);
    const github = source({ cacheDir: null, concurrency: 1 });
    const numbers = mergedNumbers.slice(0, 250);
    const { pullRequests } = await github.fetchPullRequests(numbers);
    expect(pullRequests).toHaveLength(250);
    const faults = emulator.requests.map((entry) => entry.fault).filter((fault) => fault !== null);
    expect(faults).toEqual(['502', 'secondary-rate-limit', 'primary-rate-limit', 'drop-connection']);
    expect(github.stats().requests).toBe(emulator.requests.length);
  });

  it('gives up with a clear error after a bounded number of retries', async () => {
    emulator.setFaults([{ kind: '502', on: 'graphql', times: 1000 }]);
    const error = await source({ cacheDir: null, retries: 2 })
      .fetchPullRequests(mergedNumbers.slice(0, 3))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitHubError);
    expect(error).toMatchObject({ kind: 'server', status: 502 });
    expect((error as Error).message).toContain('gave up after 3 attempts');
    expect(emulator.requests).toHaveLength(3);
  });

  it('gives up at once on a rate limit that resets beyond maxRetryTime', async () => {
    emulator.setFaults([{ kind: 'primary-rate-limit', on: 'graphql', times: 1000, retryAfterSeconds: 3600 }]);
    const error = await source({ cacheDir: null, waitScale: 1, maxRetryTime: 5000 })
      .fetchPullRequests(mergedNumbers.slice(0, 3))
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'rate-limit' });
    expect(`${(error as Error).message}\n${(error as Error).stack}`).not.toContain(TOKEN);
    expect(emulator.requests).toHaveLength(1);
  });

  it('reports numbers that are not pull requests, or returns them with allowMissing', async () => {
    const gap = mergedNumbers.find(
      (number, index) => mergedNumbers[index + 1] !== undefined && !byNumber.has(number + 1),
    );
    if (gap === undefined) throw new Error('the fixture has no gap');
    const numbers = [gap, gap + 1];
    await expect(source().fetchPullRequests(numbers)).rejects.toMatchObject({
      kind: 'missing-pull-requests',
      missing: [gap + 1],
    });
    const { pullRequests, missing } = await source().fetchPullRequests(numbers, { allowMissing: true });
    expect(pullRequests.map((pr) => pr.number)).toEqual([gap]);
    expect(missing).toEqual([gap + 1]);
  });

  it('lists the PRs merged into a branch in a time window, without a clone', async () => {
    const since = '2025-02-01T00:00:00Z';
    const until = '2025-02-15T00:00:00Z';
    const expected = repo.pullRequests
      .filter((pr) => pr.merged && pr.baseRefName === 'main' && pr.mergedAt !== null)
      .filter((pr) => (pr.mergedAt ?? '') >= since && (pr.mergedAt ?? '') <= until)
      .map((pr) => pr.number)
      .sort((a, b) => a - b);
    const github = source({ cacheDir: null });
    const listed = await github.listMergedPullRequests({ base: 'main', since, until });
    expect(listed.map((pr) => pr.number).sort((a, b) => a - b)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(100);
    const allMerged = repo.pullRequests.filter((pr) => pr.merged && pr.baseRefName === 'main').length;
    expect(github.stats().requests).toBeLessThan(Math.ceil(allMerged / 100));
  });

  it('records against the emulator, then replays with the emulator gone', async () => {
    const numbers = [...mergedNumbers.slice(0, 5), ...mergedNumbers.slice(-3)];
    const recorded = await source({ record: join(dir, 'rec') }).fetchPullRequests(numbers);
    for (const file of await readdir(join(dir, 'rec'))) {
      expect(await readFile(join(dir, 'rec', file), 'utf8')).not.toContain(TOKEN);
    }
    const offline: typeof fetch = () => Promise.reject(new Error('offline'));
    const replayed = await source({ replay: join(dir, 'rec'), fetch: offline, token: 'other' }).fetchPullRequests(
      numbers,
    );
    expect(replayed).toEqual(recorded);
  });

  it('names an unknown repository and a rejected token', async () => {
    await expect(source({ repository: 'acme/nothing', cacheDir: null }).fetchPullRequests([1])).rejects.toMatchObject({
      kind: 'not-found',
      message: expect.stringContaining('acme/nothing'),
    });
    const error = await source({ token: 'wrong-token', cacheDir: null })
      .fetchPullRequests([1])
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'auth', status: 401, request: 'POST /graphql' });
    expect(`${(error as Error).message}\n${(error as Error).stack}`).not.toContain('wrong-token');
  });

  it('talks to a GitHub Enterprise layout (/api/v3 and /api/graphql)', async () => {
    const enterprise = await startGitHubEmulator({ repos: [repo], token: TOKEN, enterprise: true });
    try {
      expect(enterprise.url.endsWith('/api/v3')).toBe(true);
      const { pullRequests } = await source({ apiUrl: enterprise.url, cacheDir: null }).fetchPullRequests(
        mergedNumbers.slice(0, 2),
      );
      expect(pullRequests).toHaveLength(2);
      expect(enterprise.requests.map((entry) => entry.route)).toEqual(['graphql']);
    } finally {
      await enterprise.close();
    }
  });
});
