import { afterEach, describe, expect, it } from 'vitest';
import { generateFixtureRepo } from './generate-fixture-repo.js';
import { startGitHubEmulator } from './server.js';
import { smallRepo } from './test-helpers/small-repo.js';
import type { GitHubEmulator } from './types.js';

const TOKEN = 'ghs_graphqlToken';
let emulator: GitHubEmulator | undefined;

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: Record<string, unknown>[];
}

async function start(): Promise<GitHubEmulator> {
  emulator = await startGitHubEmulator({
    repos: [smallRepo(), generateFixtureRepo({ owner: 'acme', name: 'big', pullRequests: 240, seed: 5 })],
    token: TOKEN,
  });
  return emulator;
}

async function query(gh: GitHubEmulator, text: string, variables?: Record<string, unknown>): Promise<GraphQLResponse> {
  const response = await fetch(gh.graphqlUrl, {
    method: 'POST',
    headers: { authorization: `bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(variables ? { query: text, variables } : { query: text }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as GraphQLResponse;
}

function repositoryOf(result: GraphQLResponse): unknown {
  const repository = result.data?.repository;
  if (repository === undefined || repository === null) throw new Error(`no repository in ${JSON.stringify(result)}`);
  return repository;
}

describe('GraphQL', () => {
  it('resolves aliased pullRequest fields with exactly the selected fields, and null plus NOT_FOUND for a missing one', async () => {
    const gh = await start();
    const result = await query(
      gh,
      `query($owner: String!, $name: String!) {
        rateLimit { cost remaining resetAt }
        repository(owner: $owner, name: $name) {
          pr0: pullRequest(number: 2) {
            number title url state merged mergedAt updatedAt baseRefName
            mergeCommit { oid }
            author { login url }
            labels(first: 10) { nodes { name } }
          }
          pr1: pullRequest(number: 77) { number }
          pr2: pullRequest(number: 3) { body }
        }
      }`,
      { owner: 'acme', name: 'rockets' },
    );
    expect(result.data?.repository).toEqual({
      pr0: {
        number: 2,
        title: 'Change number 2',
        url: 'https://github.com/acme/rockets/pull/2',
        state: 'MERGED',
        merged: true,
        mergedAt: '2025-03-02T10:00:00Z',
        updatedAt: '2025-03-02T11:00:00Z',
        baseRefName: 'main',
        mergeCommit: { oid: '2'.repeat(40) },
        // GraphQL drops REST's "[bot]" suffix from a Bot's login.
        author: { login: 'helper', url: 'https://github.com/apps/helper' },
        labels: { nodes: [{ name: 'kind/feature' }, { name: 'sig/group-0' }] },
      },
      pr1: null,
      pr2: { body: 'Body 3\n\n```release-note\nNote 3\n```' },
    });
    expect(result.errors).toEqual([
      {
        type: 'NOT_FOUND',
        path: ['repository', 'pr1'],
        locations: [{ line: 10, column: 11 }],
        message: 'Could not resolve to a PullRequest with the number of 77.',
      },
    ]);
    expect(result.data?.rateLimit).toEqual({
      cost: 1,
      remaining: 4999,
      resetAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    });
  });

  it('pages merged pull requests by cursor with totalCount and pageInfo', async () => {
    const gh = await start();
    const text = `query($owner: String!, $name: String!, $after: String, $first: Int!) {
      repository(owner: $owner, name: $name) {
        pullRequests(states: [MERGED], baseRefName: "main", first: $first, after: $after,
                     orderBy: {field: UPDATED_AT, direction: DESC}) {
          totalCount
          pageInfo { hasNextPage endCursor }
          nodes { number updatedAt state baseRefName }
        }
      }
    }`;
    const seen: { number: number; updatedAt: string; state: string; baseRefName: string }[] = [];
    let after: string | null = null;
    let total = -1;
    let pages = 0;
    do {
      const result = await query(gh, text, { owner: 'acme', name: 'big', after, first: 100 });
      expect(result.errors).toBeUndefined();
      const connection = (repositoryOf(result) as { pullRequests: Record<string, unknown> }).pullRequests as {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        nodes: { number: number; updatedAt: string; state: string; baseRefName: string }[];
      };
      total = connection.totalCount;
      seen.push(...connection.nodes);
      after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
      pages++;
    } while (after !== null);
    expect(seen).toHaveLength(total);
    expect(pages).toBe(Math.ceil(total / 100));
    expect(seen.every((pr) => pr.state === 'MERGED' && pr.baseRefName === 'main')).toBe(true);
    const times = seen.map((pr) => pr.updatedAt);
    expect(times).toEqual([...times].sort().reverse());
    const repo = generateFixtureRepo({ owner: 'acme', name: 'big', pullRequests: 240, seed: 5 });
    expect(total).toBe(repo.pullRequests.filter((pr) => pr.merged && pr.baseRefName === 'main').length);
  });

  it('rejects more than 100 records and connections without first/last before running', async () => {
    const gh = await start();
    const big = await query(
      gh,
      '{ repository(owner: "acme", name: "big") { pullRequests(first: 101) { totalCount } } }',
    );
    expect(big.data).toBeNull();
    expect(big.errors?.[0]).toMatchObject({
      type: 'EXCESSIVE_PAGINATION',
      message: 'Requesting 101 records on the `pullRequests` connection exceeds the `first` limit of 100 records.',
    });
    const none = await query(gh, '{ repository(owner: "acme", name: "big") { pullRequests { totalCount } } }');
    expect(none.errors?.[0]).toMatchObject({ type: 'MISSING_PAGINATION_BOUNDARIES' });
  });

  it('reports unknown fields, bad arguments, missing variables and syntax errors like GitHub', async () => {
    const gh = await start();
    const unknown = await query(
      gh,
      '{ repository(owner: "acme", name: "rockets") { pullRequest(number: 1) { titel } } }',
    );
    expect(unknown.data).toBeUndefined();
    expect(unknown.errors?.[0]).toMatchObject({
      message: "Field 'titel' doesn't exist on type 'PullRequest'",
      extensions: { code: 'undefinedField', typeName: 'PullRequest', fieldName: 'titel' },
    });
    const badArg = await query(
      gh,
      '{ repository(owner: "acme", name: "rockets") { pullRequest(number: "one") { title } } }',
    );
    expect(badArg.errors?.[0]?.message).toContain("Argument 'number' on Field 'pullRequest' has an invalid value");
    const unquoted = await query(
      gh,
      '{ repository(owner: "acme", name: "rockets") { pullRequests(first: 1, baseRefName: main) { totalCount } } }',
    );
    expect(unquoted.errors?.[0]?.message).toContain(
      "Argument 'baseRefName' on Field 'pullRequests' has an invalid value",
    );
    const quotedEnum = await query(
      gh,
      '{ repository(owner: "acme", name: "rockets") { pullRequests(first: 1, states: "MERGED") { totalCount } } }',
    );
    expect(quotedEnum.errors?.[0]?.extensions).toMatchObject({
      code: 'argumentLiteralsIncompatible',
      argumentName: 'states',
    });
    const missingVar = await query(
      gh,
      'query($owner: String!) { repository(owner: $owner, name: "rockets") { name } }',
      {},
    );
    expect(missingVar.errors?.[0]?.message).toBe('Variable $owner of type String! was provided invalid value');
    const syntax = await query(gh, '{ repository(owner: "acme", name: "rockets") { name }');
    expect(syntax.errors?.[0]?.message).toMatch(/^Parse error on end of input at \[1, \d+\]$/);
    const cursor = await query(
      gh,
      '{ repository(owner: "acme", name: "rockets") { pullRequests(first: 1, after: "bogus") { totalCount } } }',
    );
    expect(cursor.data).toEqual({ repository: { pullRequests: null } });
    expect(cursor.errors?.[0]).toMatchObject({
      type: 'INVALID_CURSOR_ARGUMENTS',
      path: ['repository', 'pullRequests'],
    });
    const mutation = await query(gh, 'mutation { addStar(input: {starrableId: "x"}) { clientMutationId } }');
    expect(mutation.data).toBeUndefined();
    expect(mutation.errors).toHaveLength(1);
    const missingRepo = await query(gh, '{ repository(owner: "acme", name: "ghost") { name } }');
    expect(missingRepo).toEqual({
      data: { repository: null },
      errors: [expect.objectContaining({ type: 'NOT_FOUND', path: ['repository'] })],
    });
  });

  it('counts GraphQL against its own budget and rejects a wrong token with 401', async () => {
    const gh = await start();
    const response = await fetch(gh.graphqlUrl, {
      method: 'POST',
      headers: { authorization: `bearer ${TOKEN}` },
      body: JSON.stringify({ query: '{ rateLimit { cost limit remaining used } }' }),
    });
    expect(response.headers.get('x-ratelimit-resource')).toBe('graphql');
    expect(response.headers.get('x-ratelimit-remaining')).toBe('4999');
    expect(await response.json()).toEqual({ data: { rateLimit: { cost: 1, limit: 5000, remaining: 4999, used: 1 } } });
    const wrong = await fetch(gh.graphqlUrl, {
      method: 'POST',
      headers: { authorization: 'bearer wrong' },
      body: JSON.stringify({ query: '{ rateLimit { cost } }' }),
    });
    expect(wrong.status).toBe(401);
    expect(gh.requests.map((r) => [r.route, r.graphqlFields ?? null])).toEqual([
      ['graphql', ['rateLimit']],
      ['graphql', null],
    ]);
  });

  it('supports edges, labels pagination and __typename', async () => {
    const gh = await start();
    const result = await query(
      gh,
      `{ repository(owner: "acme", name: "rockets") {
          pullRequests(first: 2, orderBy: {field: CREATED_AT, direction: ASC}) {
            edges { cursor node { number __typename author { __typename login } labels(first: 1) { totalCount pageInfo { hasNextPage } nodes { name } } } }
          }
      } }`,
    );
    const edges = (repositoryOf(result) as { pullRequests: { edges: { cursor: string; node: unknown }[] } })
      .pullRequests.edges;
    expect(edges.map((e) => e.node)).toEqual([
      {
        number: 1,
        __typename: 'PullRequest',
        author: { __typename: 'User', login: 'author-1' },
        labels: { totalCount: 2, pageInfo: { hasNextPage: true }, nodes: [{ name: 'kind/feature' }] },
      },
      {
        number: 2,
        __typename: 'PullRequest',
        author: { __typename: 'Bot', login: 'helper' },
        labels: { totalCount: 2, pageInfo: { hasNextPage: true }, nodes: [{ name: 'kind/feature' }] },
      },
    ]);
    expect(edges[0]?.cursor).not.toBe(edges[1]?.cursor);
  });
});
