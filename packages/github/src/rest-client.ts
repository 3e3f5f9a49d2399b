import { Octokit } from '@octokit/rest';
import { GitHubError } from './github-error.js';
import { expectJson } from './json-guard.js';
import { type GitHubSourceOptions, parseRepository, type Repository, resolveEndpoints } from './options.js';
import { guardOrigin } from './origin-guard.js';
import { createRecordingFetch, createReplayFetch } from './recorder.js';
import { createResilientFetch } from './resilient-fetch.js';
import { translateError } from './translate-error.js';

/** How to reach GitHub: the source's options without those of the pull-request cache and batching. */
export type GitHubRestOptions = Pick<
  GitHubSourceOptions,
  | 'repository'
  | 'token'
  | 'apiUrl'
  | 'record'
  | 'replay'
  | 'fetch'
  | 'maxRetryTime'
  | 'userAgent'
  | 'attemptTimeout'
  | 'retries'
  | 'waitScale'
>;

export interface RestClient {
  repository: Repository;
  /** The API host, as cache folders name it. */
  host: string;
  octokit: Octokit;
  secret: string | undefined;
  requests(): number;
  /** Runs one octokit call; anything it throws becomes a GitHubError without the token. */
  call<T>(run: (octokit: Octokit) => Promise<{ data: T }>): Promise<T>;
}

const ignore = (): void => undefined;
const SILENT_LOG = { debug: ignore, info: ignore, warn: ignore, error: ignore };

/** The source's network stack (origin guard, retries, rate limits, record/replay), for REST calls. */
export function openRestClient(options: Readonly<GitHubRestOptions>, retries = options.retries ?? 5): RestClient {
  const repository = parseRepository(options.repository);
  const endpoints = resolveEndpoints(options.apiUrl);
  const secret = options.token === undefined || options.token === '' ? undefined : options.token;
  if (options.record !== undefined && options.replay !== undefined) {
    throw new GitHubError('usage', 'record and replay cannot be used together', { hint: 'Record once, then replay.' });
  }
  let requests = 0;
  const recording = { origin: endpoints.origin, secret };
  let transport: typeof fetch;
  if (options.replay !== undefined) {
    const replay = createReplayFetch({ ...recording, dir: options.replay });
    transport = (input, init) => {
      requests += 1;
      return replay(input, init);
    };
  } else {
    transport = createResilientFetch({
      fetch: options.fetch ?? globalThis.fetch,
      secret,
      attemptTimeout: options.attemptTimeout ?? 60_000,
      retries,
      maxRetryTime: options.maxRetryTime ?? 10 * 60_000,
      waitScale: options.waitScale ?? 1,
      onAttempt() {
        requests += 1;
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
  return {
    repository,
    host: endpoints.host,
    octokit,
    secret,
    requests: () => requests,
    async call(run) {
      try {
        return (await run(octokit)).data;
      } catch (error) {
        throw translateError(error, secret);
      }
    },
  };
}
