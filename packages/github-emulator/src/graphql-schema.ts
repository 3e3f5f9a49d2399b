// The slice of GitHub's GraphQL schema the emulator answers: types, fields, arguments and resolvers.
import type { GqlValue } from './graphql-parser.js';
import type { RepoState, RepoStore } from './repo-store.js';
import { isBot, labelColor, labelId, pullCreatedAt, type Urls } from './rest-shapes.js';
import type { FixturePullRequest } from './types.js';

export interface GraphQLRateLimit {
  cost: number;
  limit: number;
  /** Remaining after this query's cost. */
  remaining: number;
  used: number;
  resetAt: Date;
}

export interface GraphQLContext {
  store: RepoStore;
  urls: Urls;
  rateLimit: GraphQLRateLimit;
}

export type Path = (string | number)[];
export type Args = Record<string, unknown>;

/** What a resolver may read besides its parent: the request context and the node count of the query. */
export interface ResolveScope {
  readonly ctx: GraphQLContext;
  readonly nodeCount: number;
}

export type ArgType = 'Int' | 'String' | 'Boolean' | 'PullRequestState[]' | 'String[]' | 'IssueOrder' | 'LabelOrder';

export interface ArgDef {
  type: ArgType;
  required?: boolean;
}

export interface FieldDef {
  /** A leaf (scalar or enum) type, or one of OBJECT_TYPES. */
  type: string;
  list?: boolean;
  connection?: boolean;
  args?: Record<string, ArgDef>;
  resolve(parent: unknown, args: Args, run: ResolveScope): unknown;
}

interface PullNode {
  repo: RepoState;
  pr: FixturePullRequest;
}

interface Connection {
  nodes: unknown[];
  cursors: string[];
  totalCount: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

export const MAX_PAGE = 100;
const PR_STATES = ['OPEN', 'CLOSED', 'MERGED'];
const CONNECTION_ARGS: Record<string, ArgDef> = {
  first: { type: 'Int' },
  last: { type: 'Int' },
  after: { type: 'String' },
  before: { type: 'String' },
};

function encodeCursor(index: number): string {
  return Buffer.from(`cursor:v2:${index}`).toString('base64');
}

function decodeCursor(cursor: string): number | null {
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  if (!text.startsWith('cursor:v2:')) return null;
  const index = Number(text.slice('cursor:v2:'.length));
  return Number.isInteger(index) && index >= 0 ? index : null;
}

export class ExecutionError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

function slice(items: readonly unknown[], args: Args): Connection {
  let start = 0;
  let end = items.length;
  for (const [key, apply] of [
    ['after', (i: number) => (start = Math.max(start, i + 1))],
    ['before', (i: number) => (end = Math.min(end, i))],
  ] as const) {
    const cursor = args[key];
    if (typeof cursor === 'string') {
      const index = decodeCursor(cursor);
      if (index === null)
        throw new ExecutionError('INVALID_CURSOR_ARGUMENTS', `\`${cursor}\` does not appear to be a valid cursor.`);
      apply(index);
    }
  }
  if (typeof args.first === 'number') end = Math.min(end, start + args.first);
  if (typeof args.last === 'number') start = Math.max(start, end - args.last);
  end = Math.max(start, end);
  const nodes = items.slice(start, end);
  return {
    nodes,
    cursors: nodes.map((_, i) => encodeCursor(start + i)),
    totalCount: items.length,
    hasNextPage: end < items.length,
    hasPreviousPage: start > 0,
  };
}

function iso(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

function pullState(pr: FixturePullRequest): string {
  return pr.merged ? 'MERGED' : pr.state === 'open' ? 'OPEN' : 'CLOSED';
}

function nodeId(prefix: string, text: string): string {
  return `${prefix}_${Buffer.from(text).toString('base64url')}`;
}

const connectionType = (node: string): Record<string, FieldDef> => ({
  totalCount: { type: 'Int', resolve: (c) => (c as Connection).totalCount },
  pageInfo: { type: 'PageInfo', resolve: (c) => c },
  nodes: { type: node, list: true, resolve: (c) => (c as Connection).nodes },
  edges: {
    type: `${node}Edge`,
    list: true,
    resolve: (c) => (c as Connection).nodes.map((node, i) => ({ node, cursor: (c as Connection).cursors[i] })),
  },
});

const edgeType = (node: string): Record<string, FieldDef> => ({
  cursor: { type: 'String', resolve: (e) => (e as { cursor: string }).cursor },
  node: { type: node, resolve: (e) => (e as { node: unknown }).node },
});

export const OBJECT_TYPES: Record<string, Record<string, FieldDef>> = {
  Query: {
    rateLimit: {
      type: 'RateLimit',
      args: { dryRun: { type: 'Boolean' } },
      resolve: (_, __, run) => run.ctx.rateLimit,
    },
    repository: {
      type: 'Repository',
      args: {
        owner: { type: 'String', required: true },
        name: { type: 'String', required: true },
        followRenames: { type: 'Boolean' },
      },
      resolve: (_, args, run) => {
        const repo = run.ctx.store.find(String(args.owner), String(args.name));
        if (!repo) {
          throw new ExecutionError(
            'NOT_FOUND',
            `Could not resolve to a Repository with the name '${String(args.owner)}/${String(args.name)}'.`,
          );
        }
        return repo;
      },
    },
  },
  RateLimit: {
    cost: { type: 'Int', resolve: (r) => (r as GraphQLRateLimit).cost },
    limit: { type: 'Int', resolve: (r) => (r as GraphQLRateLimit).limit },
    remaining: { type: 'Int', resolve: (r) => (r as GraphQLRateLimit).remaining },
    used: { type: 'Int', resolve: (r) => (r as GraphQLRateLimit).used },
    resetAt: { type: 'DateTime', resolve: (r) => iso((r as GraphQLRateLimit).resetAt) },
    nodeCount: { type: 'Int', resolve: (_, __, run) => run.nodeCount },
  },
  Repository: {
    id: { type: 'ID', resolve: (r) => nodeId('R', String((r as RepoState).id)) },
    name: { type: 'String', resolve: (r) => (r as RepoState).fixture.name },
    nameWithOwner: {
      type: 'String',
      resolve: (r) => `${(r as RepoState).fixture.owner}/${(r as RepoState).fixture.name}`,
    },
    url: {
      type: 'URI',
      resolve: (r, _, run) => `${run.ctx.urls.web}/${(r as RepoState).fixture.owner}/${(r as RepoState).fixture.name}`,
    },
    defaultBranchRef: { type: 'Ref', resolve: (r) => ({ name: (r as RepoState).fixture.defaultBranch }) },
    pullRequest: {
      type: 'PullRequest',
      args: { number: { type: 'Int', required: true } },
      resolve: (r, args) => {
        const repo = r as RepoState;
        const pr = repo.pullsByNumber.get(Number(args.number));
        if (!pr)
          throw new ExecutionError(
            'NOT_FOUND',
            `Could not resolve to a PullRequest with the number of ${String(args.number)}.`,
          );
        return { repo, pr } satisfies PullNode;
      },
    },
    pullRequests: {
      type: 'PullRequestConnection',
      connection: true,
      args: {
        ...CONNECTION_ARGS,
        states: { type: 'PullRequestState[]' },
        baseRefName: { type: 'String' },
        headRefName: { type: 'String' },
        labels: { type: 'String[]' },
        orderBy: { type: 'IssueOrder' },
      },
      resolve: (r, args) => {
        const repo = r as RepoState;
        const states = args.states as string[] | null | undefined;
        const labels = args.labels as string[] | null | undefined;
        const order = (args.orderBy ?? null) as { field: string; direction: string } | null;
        const field = order?.field ?? 'CREATED_AT';
        const sign = (order?.direction ?? 'ASC') === 'ASC' ? 1 : -1;
        const key = (pr: FixturePullRequest): string => (field === 'UPDATED_AT' ? pr.updatedAt : pullCreatedAt(pr));
        const items = repo.fixture.pullRequests
          .filter((pr) => !states || states.length === 0 || states.includes(pullState(pr)))
          .filter((pr) => typeof args.baseRefName !== 'string' || pr.baseRefName === args.baseRefName)
          .filter((pr) => typeof args.headRefName !== 'string' || `topic-${pr.number}` === args.headRefName)
          .filter((pr) => !labels || labels.length === 0 || labels.some((label) => pr.labels.includes(label)))
          .sort((a, b) => sign * (key(a).localeCompare(key(b)) || a.number - b.number))
          .map((pr) => ({ repo, pr }) satisfies PullNode);
        return slice(items, args);
      },
    },
  },
  Ref: { name: { type: 'String', resolve: (r) => (r as { name: string }).name } },
  PullRequest: {
    id: { type: 'ID', resolve: (p) => nodeId('PR', `${(p as PullNode).repo.id}:${(p as PullNode).pr.number}`) },
    number: { type: 'Int', resolve: (p) => (p as PullNode).pr.number },
    title: { type: 'String', resolve: (p) => (p as PullNode).pr.title },
    body: { type: 'String', resolve: (p) => (p as PullNode).pr.body },
    url: {
      type: 'URI',
      resolve: (p, _, run) => {
        const { repo, pr } = p as PullNode;
        return `${run.ctx.urls.web}/${repo.fixture.owner}/${repo.fixture.name}/pull/${pr.number}`;
      },
    },
    state: { type: 'PullRequestState', resolve: (p) => pullState((p as PullNode).pr) },
    merged: { type: 'Boolean', resolve: (p) => (p as PullNode).pr.merged },
    closed: { type: 'Boolean', resolve: (p) => (p as PullNode).pr.state === 'closed' },
    mergedAt: { type: 'DateTime', resolve: (p) => (p as PullNode).pr.mergedAt },
    updatedAt: { type: 'DateTime', resolve: (p) => (p as PullNode).pr.updatedAt },
    createdAt: { type: 'DateTime', resolve: (p) => pullCreatedAt((p as PullNode).pr) },
    baseRefName: { type: 'String', resolve: (p) => (p as PullNode).pr.baseRefName },
    headRefName: { type: 'String', resolve: (p) => `topic-${(p as PullNode).pr.number}` },
    mergeCommit: {
      type: 'Commit',
      resolve: (p) => {
        const { repo, pr } = p as PullNode;
        return pr.mergeCommitOid === null ? null : { repo, oid: pr.mergeCommitOid };
      },
    },
    author: { type: 'Actor', resolve: (p) => ({ login: (p as PullNode).pr.author.login }) },
    labels: {
      type: 'LabelConnection',
      connection: true,
      args: { ...CONNECTION_ARGS, orderBy: { type: 'LabelOrder' } },
      resolve: (p, args) => {
        const { repo, pr } = p as PullNode;
        return slice(
          pr.labels.map((name) => ({ repo, name })),
          args,
        );
      },
    },
  },
  Commit: {
    id: { type: 'ID', resolve: (c) => nodeId('C', (c as { oid: string }).oid) },
    oid: { type: 'GitObjectID', resolve: (c) => (c as { oid: string }).oid },
    abbreviatedOid: { type: 'String', resolve: (c) => (c as { oid: string }).oid.slice(0, 7) },
    url: {
      type: 'URI',
      resolve: (c, _, run) => {
        const { repo, oid } = c as { repo: RepoState; oid: string };
        return `${run.ctx.urls.web}/${repo.fixture.owner}/${repo.fixture.name}/commit/${oid}`;
      },
    },
  },
  Actor: {
    // GraphQL spells a Bot's login without REST's "[bot]" suffix.
    login: {
      type: 'String',
      resolve: (a) => {
        const login = (a as { login: string }).login;
        return isBot(login) ? login.slice(0, -'[bot]'.length) : login;
      },
    },
    url: {
      type: 'URI',
      resolve: (a, _, run) => {
        const login = (a as { login: string }).login;
        return `${run.ctx.urls.web}/${isBot(login) ? `apps/${login.slice(0, -'[bot]'.length)}` : login}`;
      },
    },
    avatarUrl: {
      type: 'URI',
      args: { size: { type: 'Int' } },
      resolve: (a) => `https://avatars.githubusercontent.com/${(a as { login: string }).login}`,
    },
  },
  Label: {
    id: { type: 'ID', resolve: (l) => nodeId('LA', String(labelId((l as { name: string }).name))) },
    name: { type: 'String', resolve: (l) => (l as { name: string }).name },
    color: { type: 'String', resolve: (l) => labelColor((l as { name: string }).name) },
    description: { type: 'String', resolve: () => null },
  },
  PullRequestConnection: connectionType('PullRequest'),
  PullRequestEdge: edgeType('PullRequest'),
  LabelConnection: connectionType('Label'),
  LabelEdge: edgeType('Label'),
  PageInfo: {
    hasNextPage: { type: 'Boolean', resolve: (c) => (c as Connection).hasNextPage },
    hasPreviousPage: { type: 'Boolean', resolve: (c) => (c as Connection).hasPreviousPage },
    startCursor: { type: 'String', resolve: (c) => (c as Connection).cursors[0] ?? null },
    endCursor: { type: 'String', resolve: (c) => (c as Connection).cursors.at(-1) ?? null },
  },
};

export function typeNameOf(type: string, value: unknown): string {
  if (type === 'Actor') return isBot((value as { login: string }).login) ? 'Bot' : 'User';
  return type;
}

export function checkArg(type: ArgType, value: unknown): boolean {
  if (value === null || value === undefined) return true;
  switch (type) {
    case 'Int':
      return Number.isInteger(value);
    case 'String':
      return typeof value === 'string';
    case 'Boolean':
      return typeof value === 'boolean';
    case 'PullRequestState[]':
      return Array.isArray(value) && value.every((state) => PR_STATES.includes(String(state)));
    case 'String[]':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'IssueOrder':
    case 'LabelOrder': {
      if (typeof value !== 'object' || Array.isArray(value)) return false;
      const { field, direction } = value as Record<string, unknown>;
      const fields = type === 'IssueOrder' ? ['CREATED_AT', 'UPDATED_AT', 'COMMENTS'] : ['CREATED_AT', 'NAME'];
      return fields.includes(String(field)) && (direction === 'ASC' || direction === 'DESC');
    }
  }
}

/** Literal syntax must fit the type too: `baseRefName: main` (an enum) is not a String, `states: "MERGED"` not an enum. */
export function literalFits(type: ArgType, value: GqlValue): boolean {
  if (value.kind === 'variable' || value.kind === 'null') return true;
  switch (type) {
    case 'Int':
      return value.kind === 'int';
    case 'String':
      return value.kind === 'string';
    case 'Boolean':
      return value.kind === 'boolean';
    case 'PullRequestState[]':
      return value.kind === 'list' ? value.values.every((item) => literalFits(type, item)) : value.kind === 'enum';
    case 'String[]':
      return value.kind === 'list' ? value.values.every((item) => literalFits(type, item)) : value.kind === 'string';
    case 'IssueOrder':
    case 'LabelOrder':
      return (
        value.kind === 'object' && value.fields.every((f) => f.value.kind === 'enum' || f.value.kind === 'variable')
      );
  }
}
