import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitHubError } from './github-error.js';
import { createGitHubSource } from './github-source.js';
import type { GitHubSourceOptions, ProgressEvent } from './options.js';
import { createFakeGitHub, type FakeGitHub, json, makePullRequest } from './test-helpers/fake-github.js';

const TOKEN = 'ghp_secretTokenValue1234567890';
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relnotes-github-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function source(fake: FakeGitHub, options: Partial<GitHubSourceOptions> = {}) {
  return createGitHubSource({
    repository: 'o/r',
    token: TOKEN,
    apiUrl: 'https://api.example.test',
    cacheDir: join(dir, 'cache'),
    fetch: fake.fetch,
    waitScale: 0.0001,
    ...options,
  });
}

function range(from: number, count: number): number[] {
  return Array.from({ length: count }, (_, index) => from + index);
}

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

describe('fetchPullRequests', () => {
  it('maps GraphQL pull requests to the core model, in the requested order', async () => {
    const fake = createFakeGitHub([
      makePullRequest(7, { labels: ['kind/bug', 'sig/node'], body: 'Fixes it.' }),
      makePullRequest(3, { author: null, mergeCommitOid: null }),
    ]);
    const { pullRequests, missing } = await source(fake).fetchPullRequests([7, 3, 7]);
    expect(missing).toEqual([]);
    expect(pullRequests).toEqual([
      {
        number: 7,
        title: 'Change number 7',
        body: 'Fixes it.',
        labels: ['kind/bug', 'sig/node'],
        author: { login: 'author0', url: 'https://github.com/author0' },
        url: 'https://github.com/o/r/pull/7',
        mergedAt: '2024-03-08T10:00:00Z',
        mergeCommit: 'sha7',
        baseRef: 'main',
      },
      expect.objectContaining({
        number: 3,
        author: { login: 'ghost', url: 'https://github.com/ghost' },
        mergeCommit: null,
      }),
    ]);
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]?.url).toBe('https://api.example.test/graphql');
    expect(fake.calls[0]?.authorization).toBe(`token ${TOKEN}`);
  });

  it('fetches 3,000 pull requests, half of them cherry-picks, in at most 60 requests', async () => {
    const originals = range(1, 3000).map((number) =>
      makePullRequest(number, { author: { login: `original${number}` } }),
    );
    const picks = range(5001, 3000).map((number) =>
      makePullRequest(number, {
        title: `Automated cherry pick of #${number % 2 === 0 ? number - 5000 : 1}: something`,
        author: { login: 'cherry-picker' },
        baseRefName: 'release-1.0',
      }),
    );
    const fake = createFakeGitHub([...originals, ...picks]);
    const github = source(fake);
    const { pullRequests } = await github.fetchPullRequests(range(5001, 3000));
    expect(pullRequests).toHaveLength(3000);
    expect(fake.calls.length).toBeLessThanOrEqual(60);
    expect(fake.calls.length).toBe(30 + 16); // 3,000 picks, then 1,501 distinct originals
    expect(github.stats()).toMatchObject({ requests: fake.calls.length, cacheHits: 0, cost: fake.calls.length });
    expect(pullRequests.find((pr) => pr.number === 5002)?.cherryPickOf).toEqual({
      number: 2,
      author: { login: 'original2', url: 'https://github.com/original2' },
    });
    // One query holds at most 100 pull requests.
    for (const call of fake.calls) expect(call.body.split('pullRequest(number:').length - 1).toBeLessThanOrEqual(100);
  });

  it('re-runs with nothing changed in at most 5 requests, from the cache', async () => {
    const prs = range(1, 3000).map((number) => makePullRequest(number));
    const fake = createFakeGitHub(prs);
    const cold = await source(fake).fetchPullRequests(range(1, 3000));
    const coldCalls = fake.calls.length;

    const warmSource = source(fake);
    const warm = await warmSource.fetchPullRequests(range(1, 3000));
    const warmCalls = fake.calls.length - coldCalls;
    expect(warmCalls).toBeLessThanOrEqual(5);
    expect(warmCalls).toBe(1); // one page of the freshness check
    expect(warmSource.stats()).toMatchObject({ requests: 1, cacheHits: 3000 });
    expect(warm.pullRequests).toEqual(cold.pullRequests);
  });

  it('refetches a cached pull request that changed since it was cached', async () => {
    const fake = createFakeGitHub(range(1, 50).map((number) => makePullRequest(number)));
    await source(fake).fetchPullRequests(range(1, 50));
    const changed = fake.pullRequests.get(10);
    if (!changed) throw new Error('fixture');
    changed.title = 'A new title';
    changed.updatedAt = new Date().toISOString();
    const before = fake.calls.length;
    const { pullRequests } = await source(fake).fetchPullRequests(range(1, 50));
    expect(pullRequests.find((pr) => pr.number === 10)?.title).toBe('A new title');
    const refetch = fake.calls.slice(before).map((call) => call.body);
    expect(refetch).toHaveLength(2); // freshness check + one batch with only #10
    expect(refetch[1]?.split('pullRequest(number:').length).toBe(2);
  });

  it('never spends more on the freshness check than refetching the cached PRs would cost', async () => {
    const fake = createFakeGitHub(range(1, 250).map((number) => makePullRequest(number)));
    await source(fake).fetchPullRequests(range(1, 50));
    // 200 other merged PRs are updated after the cache was written, and so is #7.
    const now = Date.now();
    for (const number of [...range(51, 200), 7]) {
      const pr = fake.pullRequests.get(number);
      if (!pr) throw new Error('fixture');
      pr.updatedAt = new Date(now + number * 1000).toISOString();
      pr.body = `edited ${number}`;
    }
    const before = fake.calls.length;
    const warm = source(fake);
    const { pullRequests } = await warm.fetchPullRequests(range(1, 50));
    expect(pullRequests.find((pr) => pr.number === 7)?.body).toBe('edited 7');
    // One check page (the cap for 50 cached PRs) could not reach back to the cache's time: refetch all 50.
    expect(fake.calls.length - before).toBe(2);
    expect(warm.stats().cacheHits).toBe(0);
  });

  it('sends nothing for an empty list', async () => {
    const fake = createFakeGitHub([]);
    await expect(source(fake).fetchPullRequests([])).resolves.toEqual({ pullRequests: [], missing: [] });
    expect(fake.calls).toHaveLength(0);
  });

  it('bypasses the cache with cacheDir null', async () => {
    const fake = createFakeGitHub([makePullRequest(1)]);
    await source(fake, { cacheDir: null }).fetchPullRequests([1]);
    await source(fake, { cacheDir: null }).fetchPullRequests([1]);
    expect(fake.calls).toHaveLength(2);
    await expect(readdir(dir)).resolves.toEqual([]);
  });

  it('resumes an interrupted run: batches that arrived are cached', async () => {
    const fake = createFakeGitHub(range(1, 300).map((number) => makePullRequest(number)));
    fake.interceptors.push(
      () => undefined,
      () => undefined,
      () => json(401, { message: 'Bad credentials' }),
    );
    await expect(source(fake, { concurrency: 1 }).fetchPullRequests(range(1, 300))).rejects.toThrow(GitHubError);
    const before = fake.calls.length;
    const resumed = source(fake);
    const { pullRequests } = await resumed.fetchPullRequests(range(1, 300));
    expect(pullRequests).toHaveLength(300);
    expect(resumed.stats().cacheHits).toBe(200);
    expect(fake.calls.length - before).toBe(2); // freshness check + the one missing batch
  });

  it('credits the original author of a cherry-pick', async () => {
    const fake = createFakeGitHub([
      makePullRequest(100, { author: { login: 'alice' } }),
      makePullRequest(200, { title: 'Automated cherry pick of #100: Fix the thing', author: { login: 'bot' } }),
    ]);
    const { pullRequests } = await source(fake).fetchPullRequests([200]);
    expect(pullRequests).toEqual([
      expect.objectContaining({
        number: 200,
        author: { login: 'bot', url: 'https://github.com/bot' },
        cherryPickOf: { number: 100, author: { login: 'alice', url: 'https://github.com/alice' } },
      }),
    ]);
    expect(fake.calls).toHaveLength(2);
    // The cached cherry-pick keeps its origin: a warm run needs only the freshness check.
    const warm = source(fake);
    expect((await warm.fetchPullRequests([200])).pullRequests[0]?.cherryPickOf?.author.login).toBe('alice');
    expect(warm.stats().requests).toBe(1);
  });

  it('fails on pull requests GitHub does not know, naming them, unless allowMissing', async () => {
    const fake = createFakeGitHub([makePullRequest(1), makePullRequest(3)]);
    const error = await source(fake)
      .fetchPullRequests([1, 2, 3, 4])
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitHubError);
    expect(error).toMatchObject({ kind: 'missing-pull-requests', missing: [2, 4] });
    expect((error as Error).message).toContain('#2, #4');

    const { pullRequests, missing } = await source(fake).fetchPullRequests([1, 2, 3, 4], { allowMissing: true });
    expect(pullRequests.map((pr) => pr.number)).toEqual([1, 3]);
    expect(missing).toEqual([2, 4]);
  });

  it('rejects numbers that are not pull request numbers', async () => {
    const fake = createFakeGitHub([]);
    await expect(source(fake).fetchPullRequests([1, -2])).rejects.toMatchObject({ kind: 'usage' });
    await expect(source(fake).fetchPullRequests([1.5])).rejects.toMatchObject({ kind: 'usage' });
    expect(fake.calls).toHaveLength(0);
  });

  it('reports progress without printing', async () => {
    const fake = createFakeGitHub(range(1, 250).map((number) => makePullRequest(number)));
    const events: ProgressEvent[] = [];
    await source(fake, { onProgress: (event) => events.push(event), concurrency: 1 }).fetchPullRequests(range(1, 250));
    expect(events.filter((event) => event.phase === 'fetch').map((event) => event.fetched)).toEqual([0, 100, 200, 250]);
    expect(events.at(-1)).toMatchObject({ total: 250, requests: 3, cacheHits: 0 });
  });

  it('treats a damaged cache file as a miss', async () => {
    const fake = createFakeGitHub([makePullRequest(1)]);
    await source(fake).fetchPullRequests([1]);
    const [file] = await filesUnder(join(dir, 'cache'));
    if (!file) throw new Error('no cache file');
    expect(file).toBe(join(dir, 'cache', 'github', 'api.example.test', 'o', 'r', 'pulls', '1.json'));
    await writeFile(file, '{"version": 1, "trunc');
    const again = source(fake);
    expect((await again.fetchPullRequests([1])).pullRequests[0]?.number).toBe(1);
    expect(again.stats().cacheHits).toBe(0);
  });
});

describe('listMergedPullRequests', () => {
  it('walks merged PRs into a branch by update time and keeps those merged in the window', async () => {
    const prs = [
      ...range(1, 250).map((number) =>
        makePullRequest(number, {
          mergedAt: new Date(Date.UTC(2024, 0, 1) + number * 3_600_000).toISOString(),
          updatedAt: new Date(Date.UTC(2024, 0, 1) + number * 3_600_000 + 60_000).toISOString(),
        }),
      ),
      makePullRequest(900, { baseRefName: 'release-1.0', mergedAt: '2024-01-05T00:00:00Z' }),
      makePullRequest(901, { merged: false, mergedAt: null }),
    ];
    const fake = createFakeGitHub(prs);
    const github = source(fake, { cacheDir: null });
    const since = new Date(Date.UTC(2024, 0, 1) + 100 * 3_600_000).toISOString();
    const until = new Date(Date.UTC(2024, 0, 1) + 120 * 3_600_000).toISOString();
    const listed = await github.listMergedPullRequests({ base: 'main', since, until });
    expect(listed.map((pr) => pr.number)).toEqual(range(100, 21));
    // 250 PRs, newest first: pages 1 (250..151) and 2 (150..51) reach below `since`; page 3 is never
    // asked. A walk of several pages ends with one more look at the top (PRs updated meanwhile).
    expect(fake.calls).toHaveLength(3);
    expect(fake.calls[2]?.body).toBe(fake.calls[0]?.body);
    expect(fake.calls[0]?.body).toContain('baseRefName: \\"main\\"');
  });
});

describe('token hygiene', () => {
  it('keeps the token out of errors, stacks and cache files', async () => {
    const fake = createFakeGitHub([makePullRequest(1)]);
    await source(fake).fetchPullRequests([1]);
    for (const file of await filesUnder(join(dir, 'cache'))) expect(await readFile(file, 'utf8')).not.toContain(TOKEN);

    const echoing = createFakeGitHub([]);
    echoing.interceptors.push(() => json(422, { message: `bad header Authorization: token ${TOKEN}` }));
    const error = (await source(echoing, { cacheDir: null })
      .fetchPullRequests([1])
      .catch((caught: unknown) => caught)) as GitHubError;
    expect(error).toBeInstanceOf(GitHubError);
    expect(error.status).toBe(422);
    expect(`${error.message}\n${error.stack}\n${JSON.stringify(error)}\n${String(error.cause)}`).not.toContain(TOKEN);
    expect(error.message).toContain('[REDACTED]');

    const dropped = createFakeGitHub([]);
    for (let index = 0; index < 10; index += 1) {
      dropped.interceptors.push(() => {
        throw new TypeError('fetch failed', { cause: new Error(`socket closed while sending ${TOKEN}`) });
      });
    }
    const networkError = (await source(dropped, { cacheDir: null, retries: 2 })
      .fetchPullRequests([1])
      .catch((caught: unknown) => caught)) as GitHubError;
    expect(networkError.kind).toBe('network');
    expect(`${networkError.message}\n${networkError.stack}`).not.toContain(TOKEN);
  });

  it('reports bad credentials as an auth error', async () => {
    const fake = createFakeGitHub([makePullRequest(1)], { token: 'another-token' });
    await expect(source(fake, { cacheDir: null }).fetchPullRequests([1])).rejects.toMatchObject({
      kind: 'auth',
      status: 401,
    });
  });
});

describe('endpoints', () => {
  it('uses /api/graphql for a GitHub Enterprise /api/v3 base', async () => {
    const fake = createFakeGitHub([makePullRequest(1)]);
    await source(fake, { apiUrl: 'https://ghe.example.test/api/v3/', cacheDir: null }).fetchPullRequests([1]);
    expect(fake.calls[0]?.url).toBe('https://ghe.example.test/api/graphql');
  });

  it('validates the repository name before any request', () => {
    const fake = createFakeGitHub([]);
    expect(() => source(fake, { repository: '../etc' })).toThrow(/owner\/name/);
    expect(() => source(fake, { repository: 'a/b/c' })).toThrow(GitHubError);
  });
});

describe('listMergedPullRequests and changes during the walk', () => {
  const hour = 3_600_000;
  const prs = () =>
    range(1, 250).map((number) =>
      makePullRequest(number, {
        mergedAt: new Date(Date.UTC(2024, 0, 1) + number * hour).toISOString(),
        updatedAt: new Date(Date.UTC(2024, 0, 1) + number * hour + 60_000).toISOString(),
      }),
    );

  it('finds a PR that was updated, and so jumped to the top, while the walk paged', async () => {
    const fake = createFakeGitHub(prs());
    // Before page 2 is answered, #120 (due on page 2) is edited: it moves to page 1, already read.
    fake.interceptors.push(
      () => undefined,
      () => {
        const pr = fake.pullRequests.get(120);
        if (pr) Object.assign(pr, { updatedAt: new Date().toISOString(), labels: ['kind/bug'] });
        return undefined;
      },
    );
    const since = new Date(Date.UTC(2024, 0, 1) + 100 * hour).toISOString();
    const listed = await source(fake, { cacheDir: null }).listMergedPullRequests({ base: 'main', since });
    expect(listed.map((pr) => pr.number)).toEqual(range(100, 151));
    expect(listed.find((pr) => pr.number === 120)?.labels).toEqual(['kind/bug']);
  });

  it('re-walks only PRs updated since the cached listing, and survives a damaged listing', async () => {
    const fake = createFakeGitHub(prs());
    const since = new Date(Date.UTC(2024, 0, 1) + 100 * hour).toISOString();
    const cold = await source(fake).listMergedPullRequests({ base: 'main', since });
    const coldCalls = fake.calls.length;
    const pr = fake.pullRequests.get(101);
    if (pr) Object.assign(pr, { updatedAt: new Date().toISOString(), title: 'Retitled' });
    const warm = source(fake);
    const again = await warm.listMergedPullRequests({ base: 'main', since });
    expect(fake.calls.length - coldCalls).toBe(1);
    expect(again.map((item) => item.number)).toEqual(cold.map((item) => item.number));
    expect(again.find((item) => item.number === 101)?.title).toBe('Retitled');

    const [listing] = (await filesUnder(join(dir, 'cache'))).filter((file) => file.includes('listings'));
    if (!listing) throw new Error('no listing file');
    expect(listing).toBe(join(dir, 'cache', 'github', 'api.example.test', 'o', 'r', 'listings', 'main.json'));
    await writeFile(listing, '{"version": 1, "torn');
    const before = fake.calls.length;
    expect(await source(fake).listMergedPullRequests({ base: 'main', since })).toEqual(again);
    expect(fake.calls.length - before).toBe(3);
  });
});
