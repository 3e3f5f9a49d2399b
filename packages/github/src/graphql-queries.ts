import { PULL_REQUEST_FIELDS } from './map-pull-request.js';
import type { Repository } from './options.js';

/** Every query also asks what it cost, so that the budget can be measured. */
const RATE_LIMIT = 'rateLimit { cost remaining resetAt }';

/** Values are written as literals (JSON strings are valid GraphQL strings): recordings key on the text alone. */
function repositoryArguments(repository: Readonly<Repository>): string {
  return `owner: ${JSON.stringify(repository.owner)}, name: ${JSON.stringify(repository.name)}`;
}

export function aliasOf(index: number): string {
  return `pr${index}`;
}

/**
 * One query for many pull requests: `pr0: pullRequest(number: N) { … }` per number. 100 aliases with
 * `labels(first: 100)` is about 10,100 nodes, far below GitHub's 500,000, and costs 1 point.
 */
export function buildBatchQuery(repository: Readonly<Repository>, numbers: readonly number[]): string {
  const aliases = numbers.map(
    (number, index) => `    ${aliasOf(index)}: pullRequest(number: ${number}) { ${PULL_REQUEST_FIELDS} }`,
  );
  return `query {\n  repository(${repositoryArguments(repository)}) {\n${aliases.join('\n')}\n  }\n  ${RATE_LIMIT}\n}`;
}

function pullRequestsQuery(
  connectionArguments: string,
  fields: string,
  repository: Readonly<Repository>,
  after: string | null,
): string {
  const cursor = after === null ? '' : `, after: ${JSON.stringify(after)}`;
  return [
    'query {',
    `  repository(${repositoryArguments(repository)}) {`,
    `    pullRequests(${connectionArguments}, first: 100, orderBy: { field: UPDATED_AT, direction: DESC }${cursor}) {`,
    `      nodes { ${fields} }`,
    '      pageInfo { hasNextPage endCursor }',
    '    }',
    '  }',
    `  ${RATE_LIMIT}`,
    '}',
  ].join('\n');
}

/** Merged pull requests, most recently updated first, numbers and times only: the cache's freshness check. */
export function buildUpdatedQuery(repository: Readonly<Repository>, after: string | null): string {
  return pullRequestsQuery('states: [MERGED]', 'number updatedAt', repository, after);
}

/** Merged pull requests into one branch, most recently updated first, with every field. */
export function buildMergedQuery(repository: Readonly<Repository>, base: string, after: string | null): string {
  return pullRequestsQuery(
    `states: [MERGED], baseRefName: ${JSON.stringify(base)}`,
    PULL_REQUEST_FIELDS,
    repository,
    after,
  );
}

export interface RateLimitInfo {
  cost: number;
  remaining: number;
  resetAt: string;
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}
