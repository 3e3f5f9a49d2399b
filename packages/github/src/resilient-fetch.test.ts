import { describe, expect, it } from 'vitest';
import { GitHubError } from './github-error.js';
import { createResilientFetch, type ResilientFetchOptions } from './resilient-fetch.js';
import { json } from './test-helpers/fake-github.js';

type Step = () => Response | Promise<Response>;

function scripted(steps: Step[]) {
  let calls = 0;
  const fetch: typeof globalThis.fetch = async () => {
    const step = steps[Math.min(calls, steps.length - 1)];
    calls += 1;
    if (!step) throw new Error('no step');
    return step();
  };
  return { fetch, calls: () => calls };
}

function resilient(fetch: typeof globalThis.fetch, overrides: Partial<ResilientFetchOptions> = {}) {
  const waits: number[] = [];
  const wrapped = createResilientFetch({
    fetch,
    secret: 'tok',
    attemptTimeout: 1000,
    retries: 3,
    maxRetryTime: 600_000,
    waitScale: 1,
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...overrides,
  });
  return { wrapped, waits };
}

const ok = () => json(200, { data: { ok: true } });
const URL_ = 'https://api.example.test/graphql';

describe('createResilientFetch', () => {
  it('retries a 502 with growing backoff', async () => {
    const network = scripted([() => json(502, { message: 'Bad Gateway' }), () => json(502, {}), ok]);
    const { wrapped, waits } = resilient(network.fetch);
    const response = await wrapped(URL_, { method: 'POST' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { ok: true } });
    expect(network.calls()).toBe(3);
    expect(waits).toEqual([1000, 2000]);
  });

  it('waits out a secondary rate limit for retry-after seconds, on 403 and 429', async () => {
    const limited = (status: number) => () =>
      json(status, { message: 'You have exceeded a secondary rate limit.' }, { 'retry-after': '7' });
    const network = scripted([limited(403), limited(429), ok]);
    const { wrapped, waits } = resilient(network.fetch);
    expect((await wrapped(URL_)).status).toBe(200);
    expect(waits).toEqual([7000, 7000]);
  });

  it('recognises a secondary limit without retry-after by its words, and waits a minute', async () => {
    const network = scripted([() => json(403, { message: 'You have exceeded a secondary rate limit' }), ok]);
    const { wrapped, waits } = resilient(network.fetch);
    expect((await wrapped(URL_)).status).toBe(200);
    expect(waits).toEqual([60_000]);
  });

  it('waits for x-ratelimit-reset when the primary limit is spent, on the server clock', async () => {
    const serverNow = Date.UTC(2030, 0, 1, 12, 0, 0);
    const primary = () =>
      json(
        403,
        { message: 'API rate limit exceeded' },
        {
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(serverNow / 1000 + 30),
          date: new Date(serverNow).toUTCString(),
        },
      );
    const network = scripted([primary, ok]);
    const { wrapped, waits } = resilient(network.fetch);
    expect((await wrapped(URL_)).status).toBe(200);
    expect(waits).toEqual([31_000]);
  });

  it('treats a GraphQL RATE_LIMITED answer like the primary limit', async () => {
    const reset = Math.floor(Date.now() / 1000) + 5;
    const network = scripted([
      () =>
        json(
          200,
          { errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded' }] },
          { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
        ),
      ok,
    ]);
    const { wrapped, waits } = resilient(network.fetch);
    expect((await wrapped(URL_)).status).toBe(200);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(3000);
  });

  it('does not retry a plain 403 or a 404', async () => {
    for (const status of [403, 404]) {
      const network = scripted([() => json(status, { message: 'Resource not accessible by integration' }), ok]);
      const { wrapped, waits } = resilient(network.fetch);
      expect((await wrapped(URL_)).status).toBe(status);
      expect(waits).toEqual([]);
    }
  });

  it('retries a dropped connection', async () => {
    const network = scripted([
      () => {
        throw new TypeError('fetch failed', { cause: new Error('other side closed') });
      },
      ok,
    ]);
    const { wrapped } = resilient(network.fetch);
    expect((await wrapped(URL_)).status).toBe(200);
    expect(network.calls()).toBe(2);
  });

  it('times out each attempt on its own, so a retry gets a full attempt', async () => {
    let calls = 0;
    const hanging: typeof fetch = (_input, init) => {
      calls += 1;
      if (calls > 1) return Promise.resolve(ok());
      return new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    };
    const { wrapped } = resilient(hanging, { attemptTimeout: 30 });
    expect((await wrapped(URL_)).status).toBe(200);
    expect(calls).toBe(2);
  });

  it('does not retry when the caller aborts', async () => {
    const controller = new AbortController();
    const network = scripted([
      () => {
        controller.abort();
        throw new DOMException('aborted', 'AbortError');
      },
      ok,
    ]);
    const { wrapped } = resilient(network.fetch);
    await expect(wrapped(URL_, { signal: controller.signal })).rejects.toThrow('aborted');
    expect(network.calls()).toBe(1);
  });

  it('gives up after its retries with a clear error', async () => {
    const network = scripted([() => json(502, {})]);
    const { wrapped } = resilient(network.fetch, { retries: 2 });
    const error = await wrapped(URL_, { method: 'POST' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitHubError);
    expect(error).toMatchObject({ kind: 'server', status: 502, request: 'POST /graphql' });
    expect((error as Error).message).toMatch(/^POST \/graphql: gave up after 3 attempts in .+ \(status 502\)$/);
    expect(network.calls()).toBe(3);
  });

  it('gives up at once when a rate-limit wait would exceed maxRetryTime', async () => {
    const reset = Math.floor(Date.now() / 1000) + 3600;
    const network = scripted([
      () =>
        json(
          403,
          { message: 'API rate limit exceeded' },
          { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
        ),
    ]);
    const { wrapped, waits } = resilient(network.fetch, { maxRetryTime: 60_000 });
    const error = await wrapped(URL_).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'rate-limit', status: 403 });
    expect((error as Error).message).toContain(`until ${new Date(reset * 1000).toISOString()}`);
    expect((error as Error).message).toContain('maxRetryTime 60.0 s');
    expect(waits).toEqual([]);
  });

  it('bounds the total time spent on retries', async () => {
    let clock = 0;
    const network = scripted([() => json(503, {})]);
    const { wrapped } = resilient(network.fetch, {
      retries: 100,
      maxRetryTime: 10_000,
      now: () => clock,
      sleep: async (ms) => {
        clock += ms;
      },
    });
    await expect(wrapped(URL_)).rejects.toMatchObject({ kind: 'server' });
    // 1 + 2 + 4 s = 7 s waited; the next 8 s would pass the 10 s budget.
    expect(clock).toBe(7000);
  });
});
