// A tiny in-memory GitHub for unit tests: answers the GraphQL queries this package sends.

export interface FakePullRequest {
  number: number;
  title: string;
  body: string;
  labels: string[];
  author: { login: string } | null;
  merged: boolean;
  mergedAt: string | null;
  updatedAt: string;
  baseRefName: string;
  mergeCommitOid: string | null;
}

export interface FakeCall {
  method: string;
  url: string;
  authorization: string | null;
  body: string;
}

/** Answers the next call instead of the fake; return undefined to let the fake answer. */
export type FakeInterceptor = (call: FakeCall, index: number) => Response | Promise<Response> | undefined;

export interface FakeGitHub {
  fetch: typeof fetch;
  calls: FakeCall[];
  pullRequests: Map<number, FakePullRequest>;
  /** Consumed in order, one per call, before the normal answer. */
  interceptors: FakeInterceptor[];
}

export function makePullRequest(number: number, overrides: Partial<FakePullRequest> = {}): FakePullRequest {
  const day = String(1 + (number % 28)).padStart(2, '0');
  return {
    number,
    title: `Change number ${number}`,
    body: `Body of ${number}\n\n\`\`\`release-note\nInvented note ${number}.\n\`\`\``,
    labels: ['kind/feature', 'sig/testing'],
    author: { login: `author${number % 7}` },
    merged: true,
    mergedAt: `2024-03-${day}T10:00:00Z`,
    updatedAt: `2024-03-${day}T12:00:00Z`,
    baseRefName: 'main',
    mergeCommitOid: `sha${number}`,
    ...overrides,
  };
}

export function json(status: number, value: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(value), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', date: new Date().toUTCString(), ...headers },
  });
}

function node(pr: FakePullRequest, full: boolean): Record<string, unknown> {
  if (!full) return { number: pr.number, updatedAt: pr.updatedAt };
  return {
    number: pr.number,
    title: pr.title,
    body: pr.body,
    url: `https://github.com/o/r/pull/${pr.number}`,
    state: pr.merged ? 'MERGED' : 'OPEN',
    merged: pr.merged,
    mergedAt: pr.mergedAt,
    updatedAt: pr.updatedAt,
    baseRefName: pr.baseRefName,
    mergeCommit: pr.mergeCommitOid ? { oid: pr.mergeCommitOid } : null,
    author: pr.author ? { login: pr.author.login, url: `https://github.com/${pr.author.login}` } : null,
    labels: { nodes: pr.labels.map((name) => ({ name })) },
  };
}

function stringArgument(query: string, name: string): string | null {
  const start = query.indexOf(`${name}: "`);
  if (start < 0) return null;
  const from = start + name.length + 3;
  return query.slice(from, query.indexOf('"', from));
}

export function createFakeGitHub(prs: readonly FakePullRequest[], options: { token?: string } = {}): FakeGitHub {
  const pullRequests = new Map(prs.map((pr) => [pr.number, pr]));
  const calls: FakeCall[] = [];
  const interceptors: FakeInterceptor[] = [];

  function answer(call: FakeCall): Response {
    if (options.token !== undefined && call.authorization !== `token ${options.token}`) {
      return json(401, { message: 'Bad credentials' });
    }
    if (!call.url.endsWith('/graphql')) return json(404, { message: 'Not Found' });
    const query = (JSON.parse(call.body) as { query: string }).query;
    const rateLimit = { cost: 1, remaining: 4999, resetAt: '2030-01-01T00:00:00Z' };
    if (query.includes('pullRequests(')) {
      const base = stringArgument(query, 'baseRefName');
      const offset = Number(stringArgument(query, 'after') ?? '0');
      const all = [...pullRequests.values()]
        .filter((pr) => pr.merged && (base === null || pr.baseRefName === base))
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.number - a.number);
      const page = all.slice(offset, offset + 100);
      const hasNextPage = offset + 100 < all.length;
      return json(200, {
        data: {
          repository: {
            pullRequests: {
              nodes: page.map((pr) => node(pr, query.includes('title'))),
              pageInfo: { hasNextPage, endCursor: hasNextPage ? String(offset + 100) : null },
            },
          },
          rateLimit,
        },
      });
    }
    const repository: Record<string, unknown> = {};
    const errors: unknown[] = [];
    for (const match of query.matchAll(/(pr\d+): pullRequest\(number: (\d+)\)/g)) {
      const [, alias = '', number = ''] = match;
      const pr = pullRequests.get(Number(number));
      repository[alias] = pr ? node(pr, true) : null;
      if (!pr) {
        errors.push({
          type: 'NOT_FOUND',
          path: ['repository', alias],
          message: `Could not resolve to a PullRequest with the number of ${number}.`,
        });
      }
    }
    return json(
      200,
      errors.length > 0 ? { data: { repository, rateLimit }, errors } : { data: { repository, rateLimit } },
    );
  }

  const fakeFetch: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    const call: FakeCall = {
      method: init?.method ?? 'GET',
      url: typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      authorization: headers.get('authorization'),
      body: typeof init?.body === 'string' ? init.body : '',
    };
    calls.push(call);
    const interceptor = interceptors.shift();
    const intercepted = interceptor?.(call, calls.length - 1);
    if (intercepted !== undefined) return intercepted;
    return answer(call);
  };
  return { fetch: fakeFetch, calls, pullRequests, interceptors };
}
