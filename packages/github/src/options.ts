import { GitHubError } from './github-error.js';

/** Reported while pull requests are gathered; the library itself never prints. */
export interface ProgressEvent {
  /** `check`: the freshness check of the cache; `fetch`: the requested PRs; `originals`: cherry-pick origins; `list`: a range walk. */
  phase: 'check' | 'fetch' | 'originals' | 'list';
  fetched: number;
  total: number;
  requests: number;
  cacheHits: number;
}

export interface GitHubSourceOptions {
  /** `owner/name`. */
  repository: string;
  /** Never printed, never in errors, cache files or recordings. */
  token?: string;
  /** Default https://api.github.com; a GitHub Enterprise `https://HOST/api/v3` uses `https://HOST/api/graphql`. */
  apiUrl?: string;
  /** Where pull requests are cached; `null` disables the cache. Default: `defaultCacheDir(process.env)`. */
  cacheDir?: string | null;
  /** Save every response in this directory (the cache is not used while recording). */
  record?: string;
  /** Answer every request from a recording in this directory, with no network (and no cache). */
  replay?: string;
  /** The network; default `globalThis.fetch`. */
  fetch?: typeof fetch;
  onProgress?: (event: ProgressEvent) => void;
  /** Bounded total time (ms) spent waiting for retries of one request before giving up. Default 10 minutes. */
  maxRetryTime?: number;
  userAgent?: string;
  /** Time limit (ms) of each attempt, body included. Default 60 s. */
  attemptTimeout?: number;
  /** Retries of a request after server errors, dropped connections or timeouts. Default 5. */
  retries?: number;
  /** Multiplies every wait (backoff, `retry-after`, rate-limit reset); tests use a tiny factor. Default 1. */
  waitScale?: number;
  /** Pull requests per GraphQL query, 1..100. Default 100. */
  batchSize?: number;
  /** GraphQL queries in flight at once. Default 2 (GitHub asks for few concurrent requests). */
  concurrency?: number;
}

export interface Endpoints {
  apiUrl: string;
  graphqlUrl: string;
  /** The only origin the token is ever sent to. */
  origin: string;
  host: string;
}

const DEFAULT_API_URL = 'https://api.github.com';

/** The REST base and the GraphQL endpoint derived from it, as octokit derives them. */
export function resolveEndpoints(apiUrl: string | undefined): Endpoints {
  const base = (apiUrl ?? DEFAULT_API_URL).replace(/(?<!\/)\/+$/, '');
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new GitHubError('usage', `apiUrl is not a URL: ${JSON.stringify(withoutUserInfo(base).slice(0, 80))}`, {
      hint: 'Use an absolute URL such as https://api.github.com or https://ghe.example.com/api/v3.',
    });
  }
  if (url.username !== '' || url.password !== '') {
    // fetch refuses such URLs outright; retrying would only hide that the token is in the wrong place.
    throw new GitHubError(
      'usage',
      `apiUrl must not hold credentials (${url.protocol}//…@${url.host}): pass the token as GITHUB_TOKEN or with --token-file`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new GitHubError('usage', `apiUrl must use http or https: ${JSON.stringify(base.slice(0, 80))}`);
  }
  const graphqlUrl = base.endsWith('/api/v3') ? `${base.slice(0, -'/api/v3'.length)}/api/graphql` : `${base}/graphql`;
  return { apiUrl: base, graphqlUrl, origin: url.origin, host: url.host };
}

/** `http://user:secret@host/…` → `http://…@host/…`: a URL's user part may be a token, never shown. */
export function withoutUserInfo(text: string): string {
  const scheme = text.indexOf('//');
  const at = text.lastIndexOf('@');
  if (scheme === -1 || at <= scheme) return text;
  const pathStart = text.indexOf('/', scheme + 2);
  if (pathStart !== -1 && pathStart < at) return text;
  return `${text.slice(0, scheme + 2)}…${text.slice(at)}`;
}

export interface Repository {
  owner: string;
  name: string;
}

/** GitHub owner and repository names: letters, digits, `-`, `_`, `.`; never `.` or `..` (they name cache folders). */
function isName(value: string): boolean {
  if (value.length === 0 || value.length > 100 || value === '.' || value === '..') return false;
  for (const char of value) {
    const ok = (char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z') || (char >= '0' && char <= '9');
    if (!ok && char !== '-' && char !== '_' && char !== '.') return false;
  }
  return true;
}

export function parseRepository(repository: string): Repository {
  const parts = repository.split('/');
  const [owner, name] = parts;
  if (parts.length !== 2 || owner === undefined || name === undefined || !isName(owner) || !isName(name)) {
    throw new GitHubError('usage', `repository must be "owner/name", got ${JSON.stringify(repository.slice(0, 80))}`, {
      hint: 'For example: kubernetes/kubernetes.',
    });
  }
  return { owner, name };
}
