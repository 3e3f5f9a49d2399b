import { describeError, GitHubError } from './github-error.js';

export interface ResilientFetchOptions {
  fetch: typeof fetch;
  /** Removed from every message. */
  secret: string | undefined;
  attemptTimeout: number;
  retries: number;
  maxRetryTime: number;
  waitScale: number;
  /** Called as each attempt is sent, retries included. */
  onAttempt?: () => void;
  /** Called with each answer the server gave, before any retry. */
  onResponse?: (response: Response) => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

type Outcome = { response: Response; text: string } | { error: unknown; timedOut: boolean };

type Decision =
  | { kind: 'done' }
  | { kind: 'backoff'; reason: string; status?: number }
  | { kind: 'rate-limit'; waitMs: number; reason: string; status: number };

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
const RETRYABLE_STATUSES = new Set([500, 502, 503, 504]);
const BACKOFF_BASE_MS = 1000;
const BACKOFF_CAP_MS = 30_000;
const SECONDARY_WAIT_MS = 60_000;
const MAX_LIMIT_WAITS = 10;

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function requestUrl(input: string | URL | Request): string {
  if (typeof input === 'string') return input;
  return input instanceof URL ? input.href : input.url;
}

/** `POST /graphql`: how a request is named in messages (path only: never a query string that could hold secrets). */
export function describeRequest(method: string | undefined, url: string): string {
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    // Not an absolute URL: name it as given.
  }
  return `${(method ?? 'GET').toUpperCase()} ${path}`;
}

/**
 * A `fetch` that survives what GitHub and networks do: it retries 5xx answers, dropped connections and
 * attempts that time out (each attempt has its own timeout, body included), waits out primary and
 * secondary rate limits (`retry-after`, `x-ratelimit-reset`, on 403 and 429, and GraphQL `RATE_LIMITED`),
 * and gives up with a GitHubError once the retries or the time budget are spent.
 */
export function createResilientFetch(options: Readonly<ResilientFetchOptions>): typeof fetch {
  const sleep = options.sleep ?? wait;
  const now = options.now ?? Date.now;

  async function attempt(input: string | URL | Request, init: RequestInit | undefined): Promise<Outcome> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, options.attemptTimeout);
    const signal = init?.signal ? AbortSignal.any([init.signal, controller.signal]) : controller.signal;
    try {
      options.onAttempt?.();
      const raw = await options.fetch(input, { ...init, signal });
      const text = NULL_BODY_STATUSES.has(raw.status) ? '' : await raw.text();
      const response = new Response(NULL_BODY_STATUSES.has(raw.status) ? null : text, {
        status: raw.status,
        statusText: raw.statusText,
        headers: raw.headers,
      });
      Object.defineProperty(response, 'url', { value: raw.url || requestUrl(input) });
      options.onResponse?.(response);
      return { response, text };
    } catch (error) {
      return { error, timedOut };
    } finally {
      clearTimeout(timer);
    }
  }

  return async (input, init) => {
    const request = describeRequest(init?.method, requestUrl(input));
    const started = now();
    let failures = 0;
    let limitWaits = 0;
    for (;;) {
      const outcome = await attempt(input, init);
      if ('error' in outcome && init?.signal?.aborted) throw outcome.error;
      const decision = decide(outcome, now(), options.secret);
      if (decision.kind === 'done' && 'response' in outcome) return outcome.response;

      let waitMs: number;
      if (decision.kind === 'rate-limit') {
        limitWaits += 1;
        waitMs = decision.waitMs * options.waitScale;
        const elapsed = now() - started;
        if (limitWaits > MAX_LIMIT_WAITS || elapsed + waitMs > options.maxRetryTime) {
          throw new GitHubError(
            'rate-limit',
            `${request}: ${decision.reason}; waiting ${seconds(waitMs)} would exceed the retry budget (maxRetryTime ${seconds(options.maxRetryTime)})`,
            { status: decision.status, request, hint: 'Run again later: the cache keeps what was already fetched.' },
          );
        }
      } else {
        failures += 1;
        const reason = decision.kind === 'backoff' ? decision.reason : reasonOf(outcome, options);
        waitMs = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (failures - 1)) * options.waitScale;
        const elapsed = now() - started;
        if (failures > options.retries || elapsed + waitMs > options.maxRetryTime) {
          const status = decision.kind === 'backoff' ? decision.status : undefined;
          throw new GitHubError(
            status === undefined ? 'network' : 'server',
            `${request}: gave up after ${failures} attempts in ${seconds(elapsed)} (${reason})`,
            {
              ...(status === undefined ? {} : { status }),
              request,
              hint: 'Check the network or githubstatus.com, then run again.',
            },
          );
        }
      }
      await sleep(waitMs);
    }
  };

  function reasonOf(outcome: Outcome, opts: Readonly<ResilientFetchOptions>): string {
    if ('response' in outcome) return `status ${outcome.response.status}`;
    if (outcome.timedOut) return `each attempt timed out after ${seconds(opts.attemptTimeout)}`;
    return describeError(outcome.error, opts.secret);
  }
}

function decide(outcome: Outcome, nowMs: number, secret: string | undefined): Decision {
  if (!('response' in outcome)) {
    return { kind: 'backoff', reason: outcome.timedOut ? 'attempt timed out' : describeError(outcome.error, secret) };
  }
  const { response, text } = outcome;
  const { status, headers } = response;
  if (RETRYABLE_STATUSES.has(status)) return { kind: 'backoff', reason: `status ${status}`, status };
  if (status === 403 || status === 429) {
    const retryAfter = parseRetryAfter(headers.get('retry-after'), nowMs);
    if (retryAfter !== null) {
      return {
        kind: 'rate-limit',
        waitMs: retryAfter,
        reason: `secondary rate limit (retry-after ${headers.get('retry-after')})`,
        status,
      };
    }
    const untilReset = waitUntilReset(headers, nowMs);
    if (untilReset !== null) return { kind: 'rate-limit', waitMs: untilReset, reason: resetReason(headers), status };
    if (status === 429 || text.toLowerCase().includes('secondary rate limit')) {
      return { kind: 'rate-limit', waitMs: SECONDARY_WAIT_MS, reason: 'secondary rate limit', status };
    }
    return { kind: 'done' };
  }
  if (status === 200 && text.includes('"errors"')) return decideGraphqlErrors(text, headers, nowMs);
  return { kind: 'done' };
}

/** GraphQL reports its primary limit and its own timeouts inside a 200 answer. */
function decideGraphqlErrors(text: string, headers: Headers, nowMs: number): Decision {
  let errors: unknown;
  try {
    errors = (JSON.parse(text) as { errors?: unknown }).errors;
  } catch {
    return { kind: 'done' }; // Not JSON: octokit reports it.
  }
  if (!Array.isArray(errors)) return { kind: 'done' };
  for (const error of errors as { type?: unknown; message?: unknown }[]) {
    if (error?.type === 'RATE_LIMITED') {
      return {
        kind: 'rate-limit',
        waitMs: waitUntilReset(headers, nowMs) ?? SECONDARY_WAIT_MS,
        reason: resetReason(headers),
        status: 200,
      };
    }
    if (
      typeof error?.message === 'string' &&
      error.message.includes('Something went wrong while executing your query')
    ) {
      return { kind: 'backoff', reason: 'GraphQL: something went wrong while executing the query', status: 502 };
    }
  }
  return { kind: 'done' };
}

function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null || value.trim() === '') return null;
  const secondsValue = Number(value);
  if (Number.isFinite(secondsValue) && secondsValue >= 0) return secondsValue * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

/** Time until `x-ratelimit-reset`, measured on the server's clock (the `date` header) when it sent one. */
function waitUntilReset(headers: Headers, nowMs: number): number | null {
  if (headers.get('x-ratelimit-remaining') !== '0') return null;
  const reset = Number(headers.get('x-ratelimit-reset'));
  if (!Number.isFinite(reset) || reset <= 0) return null;
  const serverNow = Date.parse(headers.get('date') ?? '');
  const reference = Number.isNaN(serverNow) ? nowMs : serverNow;
  return Math.max(0, reset * 1000 - reference) + 1000;
}

function resetReason(headers: Headers): string {
  const reset = Number(headers.get('x-ratelimit-reset'));
  return Number.isFinite(reset) && reset > 0
    ? `primary rate limit exhausted until ${new Date(reset * 1000).toISOString()}`
    : 'primary rate limit exhausted';
}

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
