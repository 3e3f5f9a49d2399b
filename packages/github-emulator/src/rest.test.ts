import { afterEach, describe, expect, it } from 'vitest';
import { generateFixtureRepo } from './generate-fixture-repo.js';
import { startGitHubEmulator } from './server.js';
import { smallRepo } from './test-helpers/small-repo.js';
import type { GitHubEmulator } from './types.js';

const TOKEN = 'ghp_emulatorTestToken123';
const auth = { authorization: `token ${TOKEN}` };
let emulator: GitHubEmulator | undefined;

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(options: Partial<Parameters<typeof startGitHubEmulator>[0]> = {}): Promise<GitHubEmulator> {
  emulator = await startGitHubEmulator({ repos: [smallRepo()], token: TOKEN, ...options });
  return emulator;
}

function nextLink(link: string | null): string | null {
  if (link === null) return null;
  for (const part of link.split(', ')) {
    if (part.endsWith('rel="next"')) return part.slice(1, part.indexOf('>'));
  }
  return null;
}

describe('REST', () => {
  it('listens on 127.0.0.1 and returns the repository', async () => {
    const gh = await start();
    expect(gh.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(gh.graphqlUrl).toBe(`${gh.url}/graphql`);
    const response = await fetch(`${gh.url}/repos/acme/rockets`, { headers: auth });
    expect(response.status).toBe(200);
    const repo = (await response.json()) as { full_name: string; default_branch: string; id: number };
    expect(repo).toMatchObject({ full_name: 'acme/rockets', default_branch: 'main' });
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it('pages pull requests with per_page, page and a Link header that can be followed to the end', async () => {
    emulator = await startGitHubEmulator({
      repos: [generateFixtureRepo({ owner: 'acme', name: 'big', pullRequests: 250, seed: 7 })],
    });
    const first = await fetch(`${emulator.url}/repos/acme/big/pulls?state=all&per_page=100`);
    const link = first.headers.get('link') ?? '';
    expect(link).toContain('rel="next"');
    expect(link).toContain('rel="last"');
    expect(link).not.toContain('rel="prev"');
    // Like GitHub, the links name the repository by id, on the server's own host.
    expect(link).toMatch(
      /^<http:\/\/127\.0\.0\.1:\d+\/repositories\/\d+\/pulls\?state=all&per_page=100&page=2>; rel="next"/,
    );
    expect(link).toContain('page=3>; rel="last"');
    const numbers: number[] = [];
    let url: string | null = `${emulator.url}/repos/acme/big/pulls?state=all&per_page=100`;
    let pages = 0;
    while (url !== null) {
      const response = await fetch(url);
      expect(response.status).toBe(200);
      const page = (await response.json()) as { number: number }[];
      numbers.push(...page.map((pr) => pr.number));
      url = nextLink(response.headers.get('link'));
      pages++;
    }
    expect(pages).toBe(3);
    expect(numbers).toHaveLength(250);
    expect(new Set(numbers).size).toBe(250);
    // Default sort is created, descending.
    expect(numbers[0]).toBeGreaterThan(numbers[249] ?? 0);
  });

  it('caps per_page at 100, defaults to 30, and filters by state and base', async () => {
    emulator = await startGitHubEmulator({
      repos: [generateFixtureRepo({ owner: 'acme', name: 'big', pullRequests: 300, seed: 3 })],
    });
    const capped = (await (
      await fetch(`${emulator.url}/repos/acme/big/pulls?state=all&per_page=500`)
    ).json()) as unknown[];
    expect(capped).toHaveLength(100);
    const defaulted = (await (await fetch(`${emulator.url}/repos/acme/big/pulls?state=all`)).json()) as unknown[];
    expect(defaulted).toHaveLength(30);
    const open = (await (await fetch(`${emulator.url}/repos/acme/big/pulls?per_page=100`)).json()) as {
      state: string;
    }[];
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((pr) => pr.state === 'open')).toBe(true);
    const released = (await (
      await fetch(
        `${emulator.url}/repos/acme/big/pulls?state=closed&base=release-1.0&sort=updated&direction=asc&per_page=100`,
      )
    ).json()) as { base: { ref: string }; updated_at: string }[];
    expect(released.length).toBeGreaterThan(0);
    expect(released.every((pr) => pr.base.ref === 'release-1.0')).toBe(true);
    const times = released.map((pr) => pr.updated_at);
    expect(times).toEqual([...times].sort());
  });

  it('returns a pull request with GitHub field names', async () => {
    const gh = await start();
    const pr = (await (await fetch(`${gh.url}/repos/acme/rockets/pulls/2`, { headers: auth })).json()) as Record<
      string,
      unknown
    >;
    expect(pr).toMatchObject({
      number: 2,
      title: 'Change number 2',
      state: 'closed',
      merged: true,
      merged_at: '2025-03-02T10:00:00Z',
      updated_at: '2025-03-02T11:00:00Z',
      merge_commit_sha: '2'.repeat(40),
      base: { ref: 'main' },
      user: { login: 'helper[bot]', type: 'Bot' },
      html_url: 'https://github.com/acme/rockets/pull/2',
    });
    expect(pr.labels).toEqual([
      expect.objectContaining({ name: 'kind/feature', id: expect.any(Number), color: expect.any(String) }),
      expect.objectContaining({ name: 'sig/group-0' }),
    ]);
    expect(pr.body).toContain('```release-note');
  });

  it('answers 404 with GitHub message for an unknown repository, pull request or endpoint', async () => {
    const gh = await start();
    for (const path of ['/repos/acme/nope', '/repos/acme/rockets/pulls/99', '/repos/acme/rockets/issues']) {
      const response = await fetch(`${gh.url}${path}`, { headers: auth });
      expect(response.status).toBe(404);
      const body = (await response.json()) as { message: string; documentation_url: string };
      expect(body.message).toBe('Not Found');
      expect(body.documentation_url).toMatch(/^https:\/\/docs\.github\.com\//);
    }
  });

  it('requires the configured token as `token X` or `bearer X` and never logs it', async () => {
    const gh = await start();
    const wrong = await fetch(`${gh.url}/repos/acme/rockets`, { headers: { authorization: 'token nope' } });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { message: string }).message).toBe('Bad credentials');
    const missing = await fetch(`${gh.url}/repos/acme/rockets`);
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { message: string }).message).toBe('Requires authentication');
    const bearer = await fetch(`${gh.url}/repos/acme/rockets`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(bearer.status).toBe(200);
    expect(gh.requests.map((r) => r.authorization)).toEqual(['invalid', 'none', 'valid']);
    expect(JSON.stringify(gh.requests)).not.toContain(TOKEN);
    expect(JSON.stringify(gh.requests)).not.toContain('nope');
  });

  it('sends rate-limit headers, counts down per request, and 304s cost nothing', async () => {
    const gh = await start();
    const first = await fetch(`${gh.url}/repos/acme/rockets/pulls?state=all`, { headers: auth });
    expect(first.headers.get('x-ratelimit-limit')).toBe('5000');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('4999');
    expect(first.headers.get('x-ratelimit-used')).toBe('1');
    expect(first.headers.get('x-ratelimit-resource')).toBe('core');
    expect(Number(first.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/"[0-9a-f]+"$/);

    const cached = await fetch(`${gh.url}/repos/acme/rockets/pulls?state=all`, {
      headers: { ...auth, 'if-none-match': etag ?? '' },
    });
    expect(cached.status).toBe(304);
    expect(await cached.text()).toBe('');
    expect(cached.headers.get('x-ratelimit-remaining')).toBe('4999');
    expect(cached.headers.get('etag')).toBe(etag);

    const other = await fetch(`${gh.url}/repos/acme/rockets/pulls?state=open`, {
      headers: { ...auth, 'if-none-match': etag ?? '' },
    });
    expect(other.status).toBe(200);
    expect(other.headers.get('x-ratelimit-remaining')).toBe('4998');
    expect(gh.requests.map((r) => r.notModified)).toEqual([false, true, false]);

    const limits = (await (await fetch(`${gh.url}/rate_limit`, { headers: auth })).json()) as {
      resources: { core: { remaining: number; used: number }; graphql: { remaining: number } };
      rate: { remaining: number };
    };
    expect(limits.resources.core).toMatchObject({ remaining: 4998, used: 2 });
    expect(limits.rate.remaining).toBe(4998);
    expect(limits.resources.graphql.remaining).toBe(5000);
  });

  it('blocks with a primary rate limit once the budget is spent', async () => {
    const gh = await start({ rateLimit: { core: 2 } });
    expect((await fetch(`${gh.url}/repos/acme/rockets`, { headers: auth })).status).toBe(200);
    expect((await fetch(`${gh.url}/repos/acme/rockets/tags`, { headers: auth })).status).toBe(200);
    const blocked = await fetch(`${gh.url}/repos/acme/rockets`, { headers: auth });
    expect(blocked.status).toBe(403);
    expect(blocked.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(((await blocked.json()) as { message: string }).message).toMatch(/^API rate limit exceeded for /);
    gh.reset();
    expect((await fetch(`${gh.url}/repos/acme/rockets`, { headers: auth })).status).toBe(200);
  });

  it('compares two refs with total_commits and paged commits', async () => {
    emulator = await startGitHubEmulator({
      repos: [generateFixtureRepo({ owner: 'acme', name: 'big', pullRequests: 260, seed: 11 })],
    });
    const base = `${emulator.url}/repos/acme/big/compare/v1.0.0...v1.1.0`;
    const unpaged = (await (await fetch(base)).json()) as { total_commits: number; commits: unknown[]; status: string };
    expect(unpaged.status).toBe('ahead');
    expect(unpaged.total_commits).toBeGreaterThan(200);
    expect(unpaged.commits).toHaveLength(Math.min(250, unpaged.total_commits));

    const shas: string[] = [];
    let url: string | null = `${base}?per_page=100`;
    while (url !== null) {
      const response = await fetch(url);
      const page = (await response.json()) as {
        total_commits: number;
        commits: { sha: string; parents: { sha: string }[] }[];
      };
      expect(page.total_commits).toBe(unpaged.total_commits);
      shas.push(...page.commits.map((c) => c.sha));
      url = nextLink(response.headers.get('link'));
    }
    expect(shas).toHaveLength(unpaged.total_commits);
    expect(new Set(shas).size).toBe(shas.length);
    const missing = await fetch(`${emulator.url}/repos/acme/big/compare/v1.0.0...v9.9.9`);
    expect(missing.status).toBe(404);
  });

  it('lists the pull requests of a commit, tags, and the small repo range', async () => {
    const gh = await start();
    const pulls = (await (
      await fetch(`${gh.url}/repos/acme/rockets/commits/${'3'.repeat(40)}/pulls`, { headers: auth })
    ).json()) as {
      number: number;
    }[];
    expect(pulls.map((pr) => pr.number)).toEqual([3]);
    const unknown = await fetch(`${gh.url}/repos/acme/rockets/commits/${'f'.repeat(40)}/pulls`, { headers: auth });
    expect(unknown.status).toBe(422);
    const tags = (await (await fetch(`${gh.url}/repos/acme/rockets/tags`, { headers: auth })).json()) as {
      name: string;
      commit: { sha: string };
    }[];
    expect(tags).toEqual([
      expect.objectContaining({ name: 'v0.1.0', commit: expect.objectContaining({ sha: '1'.repeat(40) }) }),
    ]);
    const range = (await (
      await fetch(`${gh.url}/repos/acme/rockets/compare/v0.1.0...main`, { headers: auth })
    ).json()) as {
      commits: { commit: { message: string } }[];
    };
    expect(range.commits.map((c) => c.commit.message.split('\n')[0])).toEqual([
      'Merge pull request #2 from helper[bot]/topic-2',
      'Merge pull request #3 from author-3/topic-3',
      'Merge pull request #4 from author-4/topic-4',
      'Merge pull request #5 from author-5/topic-5',
    ]);
  });

  it('applies latency to each request', async () => {
    const gh = await start({ latencyMs: 120 });
    const started = Date.now();
    await fetch(`${gh.url}/repos/acme/rockets`, { headers: auth });
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('serves GitHub Enterprise paths under /api/v3 and /api/graphql', async () => {
    const gh = await start({ enterprise: true });
    expect(gh.url).toMatch(/\/api\/v3$/);
    expect(gh.graphqlUrl).toBe(`${gh.url.slice(0, -'/api/v3'.length)}/api/graphql`);
    expect((await fetch(`${gh.url}/repos/acme/rockets`, { headers: auth })).status).toBe(200);
    const pulls = await fetch(`${gh.url}/repos/acme/rockets/pulls?state=all&per_page=2`, { headers: auth });
    const next = nextLink(pulls.headers.get('link'));
    expect(next).toMatch(/\/api\/v3\/repositories\/\d+\/pulls\?state=all&per_page=2&page=2$/);
    const second = await fetch(next ?? '', { headers: auth });
    expect(((await second.json()) as { number: number }[]).map((pr) => pr.number)).toEqual([3, 2]);
    const outside = await fetch(`${gh.url.slice(0, -'/api/v3'.length)}/repos/acme/rockets`, { headers: auth });
    expect(outside.status).toBe(404);
    const graphql = await fetch(gh.graphqlUrl, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ query: '{ repository(owner: "acme", name: "rockets") { nameWithOwner } }' }),
    });
    expect(await graphql.json()).toEqual({ data: { repository: { nameWithOwner: 'acme/rockets' } } });
  });

  it('keeps a request log and per-route stats', async () => {
    const gh = await start();
    await fetch(`${gh.url}/repos/acme/rockets/pulls?per_page=2&page=1`, { headers: auth });
    await fetch(`${gh.url}/repos/acme/rockets/pulls/1`, { headers: auth });
    await fetch(`${gh.url}/repos/acme/rockets/pulls/1`, { headers: auth });
    expect(gh.requests[0]).toMatchObject({
      method: 'GET',
      path: '/repos/acme/rockets/pulls',
      query: { per_page: '2', page: '1' },
      status: 200,
      fault: null,
    });
    expect(gh.stats()).toEqual({
      requests: 3,
      byRoute: { 'GET /repos/{owner}/{repo}/pulls': 1, 'GET /repos/{owner}/{repo}/pulls/{pull_number}': 2 },
    });
    gh.reset();
    expect(gh.stats().requests).toBe(0);
  });
});
