import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { excerpt } from '@relnotes/core';
import { GitHubError, redact } from './github-error.js';
import { requestUrl } from './resilient-fetch.js';
import { isNotFound, writeJsonAtomic } from './write-json-atomic.js';

export interface RecordingOptions {
  dir: string;
  /** The API origin; recordings store paths relative to it, so they replay against any host or port. */
  origin: string;
  secret: string | undefined;
}

/** One recorded exchange, as stored in `DIR/<key>.json`. */
export interface Recording {
  request: { method: string; path: string; body: string };
  response: { status: number; headers: Record<string, string>; body: string };
}

/** Headers worth replaying; never `authorization`, cookies or anything else a server might echo. */
const KEPT_HEADERS = [
  'content-type',
  'date',
  'etag',
  'last-modified',
  'link',
  'retry-after',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  'x-ratelimit-used',
  'x-ratelimit-resource',
];
const ORIGIN_PLACEHOLDER = '{origin}';

interface KeyedRequest {
  key: string;
  method: string;
  path: string;
  body: string;
}

/** The key is a hash of method, path and body (not the host, not call order, never a header). */
export function keyRequest(
  input: string | URL | Request,
  init: RequestInit | undefined,
  secret: string | undefined,
): KeyedRequest {
  const url = new URL(requestUrl(input));
  const method = (init?.method ?? 'GET').toUpperCase();
  const path = redact(`${url.pathname}${url.search}`, secret);
  const body = redact(typeof init?.body === 'string' ? init.body : '', secret);
  const key = createHash('sha256').update(`${method}\n${path}\n${body}`).digest('hex').slice(0, 32);
  return { key, method, path, body };
}

export function createRecordingFetch(inner: typeof fetch, options: Readonly<RecordingOptions>): typeof fetch {
  return async (input, init) => {
    const request = keyRequest(input, init, options.secret);
    const response = await inner(input, init);
    const headers: Record<string, string> = {};
    for (const name of KEPT_HEADERS) {
      const value = response.headers.get(name);
      if (value !== null) headers[name] = redact(value.split(options.origin).join(ORIGIN_PLACEHOLDER), options.secret);
    }
    const recording: Recording = {
      request: { method: request.method, path: request.path, body: request.body },
      response: { status: response.status, headers, body: redact(await response.clone().text(), options.secret) },
    };
    const file = join(options.dir, `${request.key}.json`);
    try {
      await writeJsonAtomic(file, recording);
    } catch (error) {
      throw new GitHubError(
        'cache',
        `cannot write the recording ${file}: ${error instanceof Error ? error.message : String(error)}`,
        {
          file,
          hint: 'Choose a writable folder for --record.',
        },
      );
    }
    return response;
  };
}

/** Answers from a recording only; a request it has no answer for is a GitHubError that names it. */
export function createReplayFetch(options: Readonly<RecordingOptions>): typeof fetch {
  return async (input, init) => {
    const request = keyRequest(input, init, options.secret);
    const file = join(options.dir, `${request.key}.json`);
    let recording: Recording;
    try {
      recording = JSON.parse(await readFile(file, 'utf8')) as Recording;
    } catch (error) {
      const what = `${request.method} ${request.path}${request.body ? ` ${excerpt(request.body, 120)}` : ''}`;
      throw new GitHubError(
        'replay-miss',
        isNotFound(error)
          ? `the recording in ${options.dir} has no answer for ${what} (key ${request.key})`
          : `cannot read the recorded answer ${file}: ${error instanceof Error ? error.message : String(error)}`,
        {
          file,
          request: `${request.method} ${request.path}`,
          hint: 'Record again with the same options (--record DIR).',
        },
      );
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(recording.response.headers)) {
      headers.set(name, value.split(ORIGIN_PLACEHOLDER).join(options.origin));
    }
    const nullBody = [204, 205, 304].includes(recording.response.status);
    const response = new Response(nullBody ? null : recording.response.body, {
      status: recording.response.status,
      headers,
    });
    Object.defineProperty(response, 'url', { value: requestUrl(input) });
    return response;
  };
}
