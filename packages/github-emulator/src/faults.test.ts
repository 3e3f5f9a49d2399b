import { afterEach, describe, expect, it } from 'vitest';
import { FaultInjector, matchGlob } from './faults.js';
import { startGitHubEmulator } from './server.js';
import { smallRepo } from './test-helpers/small-repo.js';
import type { FaultPlan, GitHubEmulator } from './types.js';

let emulator: GitHubEmulator | undefined;

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(faults: FaultPlan): Promise<GitHubEmulator> {
  emulator = await startGitHubEmulator({ repos: [smallRepo()], faults });
  return emulator;
}

describe('matchGlob', () => {
  it('matches * within a segment and ** across segments', () => {
    expect(matchGlob('/repos/*/*/pulls', '/repos/acme/rockets/pulls')).toBe(true);
    expect(matchGlob('/repos/*/*/pulls', '/repos/acme/rockets/pulls/1')).toBe(false);
    expect(matchGlob('/repos/*/pulls', '/repos/acme/rockets/pulls')).toBe(false);
    expect(matchGlob('/repos/**', '/repos/acme/rockets/compare/a...b')).toBe(true);
    expect(matchGlob('/**/x*', '/a/xb/xc')).toBe(true);
    expect(matchGlob('/repos/*/*/releases/*', '/repos/acme/rockets/releases/12')).toBe(true);
  });

  it('stays fast on adversarial patterns', () => {
    const path = `/${'a'.repeat(5000)}`;
    const started = performance.now();
    expect(matchGlob(`/${'*a'.repeat(40)}b`, path)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('FaultInjector', () => {
  it('fires `times` times starting at the nth matching request', () => {
    const injector = new FaultInjector([{ kind: '502', on: 'GET /repos/**', nth: 2, times: 2 }]);
    const fired = [1, 2, 3, 4, 5].map(() => injector.next('GET', '/repos/a/b', false)?.kind ?? null);
    expect(fired).toEqual([null, '502', '502', null, null]);
    expect(injector.next('POST', '/repos/a/b', false)).toBeNull();
    expect(injector.next('GET', '/graphql', true)).toBeNull();
  });
});

describe('injected faults', () => {
  it('502 answers an HTML page, then the route recovers', async () => {
    const gh = await start([{ kind: '502', on: '/repos/*/*/pulls', times: 2 }]);
    const first = await fetch(`${gh.url}/repos/acme/rockets/pulls`);
    expect(first.status).toBe(502);
    expect(first.headers.get('content-type')).toContain('text/html');
    expect(await first.text()).toContain('<html>');
    expect((await fetch(`${gh.url}/repos/acme/rockets/pulls`)).status).toBe(502);
    expect((await fetch(`${gh.url}/repos/acme/rockets/pulls`)).status).toBe(200);
    expect((await fetch(`${gh.url}/repos/acme/rockets`)).status).toBe(200);
    expect(gh.requests.map((r) => r.fault)).toEqual(['502', '502', null, null]);
  });

  it('secondary-rate-limit answers 403 with retry-after and the words octokit looks for', async () => {
    const gh = await start([{ kind: 'secondary-rate-limit', on: 'graphql', retryAfterSeconds: 3 }]);
    const post = () =>
      fetch(gh.graphqlUrl, { method: 'POST', body: JSON.stringify({ query: '{ rateLimit { remaining } }' }) });
    const limited = await post();
    expect(limited.status).toBe(403);
    expect(limited.headers.get('retry-after')).toBe('3');
    const body = (await limited.json()) as { message: string };
    expect(body.message).toContain('You have exceeded a secondary rate limit');
    expect(body.message).toMatch(/\bsecondary rate\b/i);
    expect((await post()).status).toBe(200);
  });

  it('primary-rate-limit answers 403 with remaining 0 and a reset a few seconds ahead (REST)', async () => {
    const gh = await start([{ kind: 'primary-rate-limit', on: '/repos/*/*', retryAfterSeconds: 2 }]);
    const limited = await fetch(`${gh.url}/repos/acme/rockets`);
    expect(limited.status).toBe(403);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    const reset = Number(limited.headers.get('x-ratelimit-reset'));
    const now = Date.now() / 1000;
    expect(reset).toBeGreaterThan(now);
    expect(reset).toBeLessThanOrEqual(now + 3);
    expect(((await limited.json()) as { message: string }).message).toMatch(/^API rate limit exceeded for /);
    expect((await fetch(`${gh.url}/repos/acme/rockets`)).status).toBe(200);
  });

  it('primary-rate-limit on GraphQL answers RATE_LIMITED errors with remaining 0', async () => {
    const gh = await start([{ kind: 'primary-rate-limit', on: 'graphql' }]);
    const limited = await fetch(gh.graphqlUrl, {
      method: 'POST',
      body: JSON.stringify({ query: '{ rateLimit { cost } }' }),
    });
    expect(limited.status).toBe(200);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    const body = (await limited.json()) as { errors: { type: string }[] };
    expect(body.errors[0]?.type).toBe('RATE_LIMITED');
  });

  it('drop-connection destroys the socket, and the next request works', async () => {
    const gh = await start([{ kind: 'drop-connection', on: 'GET /repos/*/*/tags' }]);
    await expect(fetch(`${gh.url}/repos/acme/rockets/tags`)).rejects.toThrow();
    const again = await fetch(`${gh.url}/repos/acme/rockets/tags`);
    expect(again.status).toBe(200);
    expect(gh.requests.map((r) => [r.fault, r.status])).toEqual([
      ['drop-connection', 0],
      [null, 200],
    ]);
  });

  it('matches pages reached through Link headers by their /repos/{owner}/{repo} path', async () => {
    const gh = await start([{ kind: '502', on: '/repos/*/*/pulls', nth: 2 }]);
    const first = await fetch(`${gh.url}/repos/acme/rockets/pulls?state=all&per_page=2`);
    const next = (first.headers.get('link') ?? '').split('>')[0]?.slice(1) ?? '';
    expect(next).toContain('/repositories/');
    expect((await fetch(next)).status).toBe(502);
    expect((await fetch(next)).status).toBe(200);
  });

  it('setFaults replaces the plan at run time', async () => {
    const gh = await start([]);
    expect((await fetch(`${gh.url}/repos/acme/rockets`)).status).toBe(200);
    gh.setFaults([{ kind: '502', on: '**' }]);
    expect((await fetch(`${gh.url}/repos/acme/rockets`)).status).toBe(502);
    expect((await fetch(`${gh.url}/repos/acme/rockets`)).status).toBe(200);
  });
});
