// The REST endpoints relnotes may call, answered from the repo store.
import { type RepoState, type RepoStore, resolveRef } from './repo-store.js';
import {
  type Json,
  pullCreatedAt,
  toCommit,
  toPullFull,
  toPullSimple,
  toRelease,
  toRepository,
  toTag,
  type Urls,
} from './rest-shapes.js';
import type { FixturePullRequest, FixtureRelease } from './types.js';

export interface RouteMatch {
  /** Like `GET /repos/{owner}/{repo}/pulls`. */
  route: string;
  params: Record<string, string>;
}

export interface RestRequest {
  method: string;
  query: URLSearchParams;
  /** Parsed JSON body, or undefined when there was none. */
  body: unknown;
}

export interface RestResponse {
  status: number;
  body: Json;
  headers?: Record<string, string>;
}

export interface RestContext {
  store: RepoStore;
  urls: Urls;
  now(): Date;
  rateLimitBody(): Json;
}

const DOCS = 'https://docs.github.com/rest';
const MAX_RELEASE_BODY = 125_000;

interface RoutePattern {
  method: string;
  segments: readonly string[];
  /** The last parameter takes the rest of the path (tags and compare ranges may hold slashes). */
  greedy?: boolean;
}

const ROUTES: readonly RoutePattern[] = [
  { method: 'GET', segments: ['rate_limit'] },
  { method: 'GET', segments: ['repos', '{owner}', '{repo}'] },
  { method: 'GET', segments: ['repos', '{owner}', '{repo}', 'pulls'] },
  { method: 'GET', segments: ['repos', '{owner}', '{repo}', 'pulls', '{pull_number}'] },
  { method: 'GET', segments: ['repos', '{owner}', '{repo}', 'compare', '{basehead}'], greedy: true },
  { method: 'GET', segments: ['repos', '{owner}', '{repo}', 'commits', '{commit_sha}', 'pulls'] },
  { method: 'GET', segments: ['repos', '{owner}', '{repo}', 'tags'] },
  { method: 'GET', segments: ['repos', '{owner}', '{repo}', 'releases'] },
  { method: 'POST', segments: ['repos', '{owner}', '{repo}', 'releases'] },
  { method: 'GET', segments: ['repos', '{owner}', '{repo}', 'releases', 'tags', '{tag}'], greedy: true },
  { method: 'PATCH', segments: ['repos', '{owner}', '{repo}', 'releases', '{release_id}'] },
];

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch (error) {
    if (error instanceof URIError) return null;
    throw error;
  }
}

/** Match a `/repos/…` style path (no query string) to one of the emulated endpoints. */
export function matchRestRoute(method: string, path: string): RouteMatch | null {
  const parts = path.split('/').filter((part) => part !== '');
  for (const pattern of ROUTES) {
    if (pattern.method !== method) continue;
    const count = pattern.segments.length;
    if (pattern.greedy ? parts.length < count : parts.length !== count) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < count && ok; i++) {
      const expected = pattern.segments[i] ?? '';
      const last = i === count - 1;
      const raw = pattern.greedy && last ? parts.slice(i).join('/') : (parts[i] ?? '');
      if (expected.startsWith('{')) {
        const value = decode(raw);
        if (value === null || value === '') ok = false;
        else params[expected.slice(1, -1)] = value;
      } else if (expected !== raw) {
        ok = false;
      }
    }
    if (ok) return { route: `${method} /${pattern.segments.join('/')}`, params };
  }
  return null;
}

export function errorResponse(status: number, message: string, extra: Record<string, Json> = {}): RestResponse {
  return { status, body: { message, ...extra, documentation_url: DOCS, status: String(status) } };
}

export function notFound(): RestResponse {
  return errorResponse(404, 'Not Found');
}

function validationFailed(errors: Json[]): RestResponse {
  return errorResponse(422, 'Validation Failed', { errors });
}

/** GitHub timestamps have no milliseconds. */
export function isoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

function readInt(value: string | null, fallback: number): number {
  if (value === null || value.trim() === '') return fallback;
  const number = Number(value);
  return Number.isInteger(number) && number > 0 ? number : fallback;
}

/** Slice one page and build GitHub's `Link` header on `linkBase` (keeping the other query parameters). */
function paginate<T>(
  items: readonly T[],
  query: URLSearchParams,
  linkBase: string,
  defaultPerPage = 30,
): { page: T[]; link: string | null; start: number } {
  const perPage = Math.min(readInt(query.get('per_page'), defaultPerPage), Math.max(defaultPerPage, 100));
  const page = readInt(query.get('page'), 1);
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const start = (page - 1) * perPage;
  const slice = items.slice(start, start + perPage);
  const href = (n: number): string => {
    const params = new URLSearchParams(query);
    if (params.has('per_page')) params.set('per_page', String(perPage));
    params.set('page', String(n));
    return `<${linkBase}?${params.toString()}>`;
  };
  const rels: string[] = [];
  if (page > 1) rels.push(`${href(Math.min(page - 1, lastPage))}; rel="prev"`);
  if (page < lastPage) rels.push(`${href(page + 1)}; rel="next"`, `${href(lastPage)}; rel="last"`);
  if (page > 1) rels.push(`${href(1)}; rel="first"`);
  return { page: slice, link: rels.length > 0 ? rels.join(', ') : null, start };
}

function paged(body: Json[], link: string | null): RestResponse {
  return link === null ? { status: 200, body } : { status: 200, body, headers: { link } };
}

function linkBaseFor(repo: RepoState, ctx: RestContext, rest: string): string {
  return `${ctx.urls.api}/repositories/${repo.id}/${rest}`;
}

function listPulls(repo: RepoState, request: RestRequest, ctx: RestContext): RestResponse {
  const { query } = request;
  const state = query.get('state') ?? 'open';
  const base = query.get('base');
  const sort = query.get('sort') ?? 'created';
  const direction = query.get('direction') ?? (sort === 'created' ? 'desc' : 'asc');
  const sign = direction === 'asc' ? 1 : -1;
  const key = (pr: FixturePullRequest): string =>
    sort === 'updated' ? pr.updatedAt : sort === 'created' ? pullCreatedAt(pr) : '';
  const pulls = repo.fixture.pullRequests
    .filter((pr) => state === 'all' || pr.state === state)
    .filter((pr) => base === null || pr.baseRefName === base)
    .sort((a, b) => sign * (key(a).localeCompare(key(b)) || a.number - b.number));
  const { page, link } = paginate(pulls, query, linkBaseFor(repo, ctx, 'pulls'));
  return paged(
    page.map((pr) => toPullSimple(repo, pr, ctx.urls)),
    link,
  );
}

function compare(repo: RepoState, basehead: string, request: RestRequest, ctx: RestContext): RestResponse {
  const separator = basehead.indexOf('...');
  if (separator < 0) return notFound();
  const base = basehead.slice(0, separator);
  const head = basehead.slice(separator + 3);
  const baseIndex = resolveRef(repo, base);
  const headIndex = resolveRef(repo, head);
  if (baseIndex === undefined || headIndex === undefined) return notFound();
  const ahead = Math.max(0, headIndex - baseIndex);
  const behind = Math.max(0, baseIndex - headIndex);
  const range = repo.commits.slice(baseIndex + 1, headIndex + 1);
  // Without pagination parameters GitHub returns up to 250 commits.
  const explicit = request.query.has('per_page') || request.query.has('page');
  const { page, link, start } = paginate(
    range,
    request.query,
    linkBaseFor(repo, ctx, `compare/${basehead}`),
    explicit ? 30 : 250,
  );
  const full = `${repo.fixture.owner}/${repo.fixture.name}`;
  const baseCommit = repo.commits[baseIndex];
  const commitJson = (index: number): Json => {
    const commit = repo.commits[index];
    return commit ? toCommit(repo, commit, repo.commits[index - 1], ctx.urls) : null;
  };
  const offset = baseIndex + 1 + start;
  const body: Json = {
    url: `${ctx.urls.api}/repos/${full}/compare/${basehead}`,
    html_url: `${ctx.urls.web}/${full}/compare/${basehead}`,
    permalink_url: `${ctx.urls.web}/${full}/compare/${baseCommit?.sha ?? base}...${repo.commits[headIndex]?.sha ?? head}`,
    diff_url: `${ctx.urls.web}/${full}/compare/${basehead}.diff`,
    patch_url: `${ctx.urls.web}/${full}/compare/${basehead}.patch`,
    base_commit: commitJson(baseIndex),
    merge_base_commit: commitJson(Math.min(baseIndex, headIndex)),
    status: ahead > 0 ? 'ahead' : behind > 0 ? 'behind' : 'identical',
    ahead_by: ahead,
    behind_by: behind,
    total_commits: range.length,
    commits: page.map((_, i) => commitJson(offset + i)),
    files: [],
  };
  return link === null ? { status: 200, body } : { status: 200, body, headers: { link } };
}

function pullsForCommit(repo: RepoState, ref: string, request: RestRequest, ctx: RestContext): RestResponse {
  let sha: string | undefined =
    repo.fixture.pullRequests.find((pr) => pr.mergeCommitOid === ref)?.mergeCommitOid ?? undefined;
  if (sha === undefined) {
    const index = resolveRef(repo, ref);
    sha = index === undefined ? undefined : repo.commits[index]?.sha;
  }
  if (sha === undefined) return errorResponse(422, `No commit found for SHA: ${ref}`);
  const pulls = repo.fixture.pullRequests.filter((pr) => pr.mergeCommitOid === sha);
  const { page, link } = paginate(pulls, request.query, linkBaseFor(repo, ctx, `commits/${sha}/pulls`));
  return paged(
    page.map((pr) => toPullSimple(repo, pr, ctx.urls)),
    link,
  );
}

function listTags(repo: RepoState, request: RestRequest, ctx: RestContext): RestResponse {
  const tags = [...repo.tags].sort((a, b) => b.name.localeCompare(a.name, 'en', { numeric: true }));
  const { page, link } = paginate(tags, request.query, linkBaseFor(repo, ctx, 'tags'));
  return paged(
    page.map((tag) => toTag(repo, tag.name, tag.sha, ctx.urls)),
    link,
  );
}

function listReleases(repo: RepoState, request: RestRequest, ctx: RestContext): RestResponse {
  const releases = [...repo.releases].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
  const { page, link } = paginate(releases, request.query, linkBaseFor(repo, ctx, 'releases'));
  return paged(
    page.map((release) => toRelease(repo, release, ctx.urls)),
    link,
  );
}

interface ReleaseInput {
  tag_name?: unknown;
  target_commitish?: unknown;
  name?: unknown;
  body?: unknown;
  draft?: unknown;
  prerelease?: unknown;
}

function validateRelease(input: ReleaseInput, requireTag: boolean): RestResponse | null {
  if (requireTag && (typeof input.tag_name !== 'string' || input.tag_name === '')) {
    return validationFailed([{ resource: 'Release', code: 'missing_field', field: 'tag_name' }]);
  }
  for (const field of ['tag_name', 'target_commitish', 'name', 'body'] as const) {
    const value = input[field];
    if (value !== undefined && value !== null && typeof value !== 'string') {
      return errorResponse(422, `Invalid request.\n\nFor '${field}', ${JSON.stringify(value)} is not a string.`);
    }
  }
  for (const field of ['draft', 'prerelease'] as const) {
    const value = input[field];
    if (value !== undefined && typeof value !== 'boolean') {
      return errorResponse(422, `Invalid request.\n\nFor '${field}', ${JSON.stringify(value)} is not a boolean.`);
    }
  }
  if (typeof input.body === 'string' && input.body.length > MAX_RELEASE_BODY) {
    return validationFailed([
      {
        resource: 'Release',
        code: 'custom',
        field: 'body',
        message: `body is too long (maximum is ${MAX_RELEASE_BODY} characters)`,
      },
    ]);
  }
  return null;
}

function publishTag(repo: RepoState, release: FixtureRelease): void {
  if (release.draft || repo.tags.some((tag) => tag.name === release.tagName)) return;
  const index = resolveRef(repo, release.targetCommitish) ?? repo.commits.length - 1;
  const commit = repo.commits[index];
  if (commit) repo.tags.push({ name: release.tagName, sha: commit.sha });
}

function tagTaken(repo: RepoState, release: FixtureRelease): boolean {
  return (
    !release.draft &&
    repo.releases.some((other) => other.id !== release.id && !other.draft && other.tagName === release.tagName)
  );
}

function asInput(body: unknown): ReleaseInput | null {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as ReleaseInput) : null;
}

function createRelease(repo: RepoState, request: RestRequest, ctx: RestContext): RestResponse {
  const input = asInput(request.body);
  if (input === null) return errorResponse(400, 'Problems parsing JSON');
  const invalid = validateRelease(input, true);
  if (invalid) return invalid;
  const now = isoSeconds(ctx.now());
  const draft = input.draft === true;
  const release: FixtureRelease = {
    id: ctx.store.allocateReleaseId(),
    tagName: String(input.tag_name),
    name: typeof input.name === 'string' ? input.name : null,
    body: typeof input.body === 'string' ? input.body : null,
    draft,
    prerelease: input.prerelease === true,
    targetCommitish: typeof input.target_commitish === 'string' ? input.target_commitish : repo.fixture.defaultBranch,
    createdAt: now,
    publishedAt: draft ? null : now,
  };
  if (tagTaken(repo, release)) {
    return validationFailed([{ resource: 'Release', code: 'already_exists', field: 'tag_name' }]);
  }
  repo.releases.push(release);
  publishTag(repo, release);
  const location = `${ctx.urls.api}/repos/${repo.fixture.owner}/${repo.fixture.name}/releases/${release.id}`;
  return { status: 201, body: toRelease(repo, release, ctx.urls), headers: { location } };
}

function updateRelease(repo: RepoState, id: string, request: RestRequest, ctx: RestContext): RestResponse {
  const release = repo.releases.find((candidate) => String(candidate.id) === id);
  if (!release) return notFound();
  const input = asInput(request.body);
  if (input === null) return errorResponse(400, 'Problems parsing JSON');
  const invalid = validateRelease(input, false);
  if (invalid) return invalid;
  const next: FixtureRelease = { ...release };
  if (typeof input.tag_name === 'string' && input.tag_name !== '') next.tagName = input.tag_name;
  if (typeof input.target_commitish === 'string') next.targetCommitish = input.target_commitish;
  if (input.name !== undefined) next.name = typeof input.name === 'string' ? input.name : null;
  if (input.body !== undefined) next.body = typeof input.body === 'string' ? input.body : null;
  if (typeof input.prerelease === 'boolean') next.prerelease = input.prerelease;
  if (typeof input.draft === 'boolean') next.draft = input.draft;
  if (!next.draft && next.publishedAt === null) next.publishedAt = isoSeconds(ctx.now());
  if (tagTaken(repo, next)) {
    return validationFailed([{ resource: 'Release', code: 'already_exists', field: 'tag_name' }]);
  }
  Object.assign(release, next);
  publishTag(repo, release);
  return { status: 200, body: toRelease(repo, release, ctx.urls) };
}

/** Answer a matched REST route. */
export function handleRest(match: RouteMatch, request: RestRequest, ctx: RestContext): RestResponse {
  if (match.route === 'GET /rate_limit') return { status: 200, body: ctx.rateLimitBody() };
  const { owner = '', repo: name = '' } = match.params;
  const repo = ctx.store.find(owner, name);
  if (!repo) return notFound();
  const p = match.params;
  switch (match.route) {
    case 'GET /repos/{owner}/{repo}':
      return { status: 200, body: toRepository(repo, ctx.urls) };
    case 'GET /repos/{owner}/{repo}/pulls':
      return listPulls(repo, request, ctx);
    case 'GET /repos/{owner}/{repo}/pulls/{pull_number}': {
      const pr = repo.pullsByNumber.get(Number(p.pull_number));
      return pr && /^\d+$/.test(p.pull_number ?? '')
        ? { status: 200, body: toPullFull(repo, pr, ctx.urls) }
        : notFound();
    }
    case 'GET /repos/{owner}/{repo}/compare/{basehead}':
      return compare(repo, p.basehead ?? '', request, ctx);
    case 'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls':
      return pullsForCommit(repo, p.commit_sha ?? '', request, ctx);
    case 'GET /repos/{owner}/{repo}/tags':
      return listTags(repo, request, ctx);
    case 'GET /repos/{owner}/{repo}/releases':
      return listReleases(repo, request, ctx);
    case 'POST /repos/{owner}/{repo}/releases':
      return createRelease(repo, request, ctx);
    case 'GET /repos/{owner}/{repo}/releases/tags/{tag}': {
      // Like GitHub: only published releases are found by tag; drafts have no tag yet.
      const release = repo.releases.find((candidate) => !candidate.draft && candidate.tagName === p.tag);
      return release ? { status: 200, body: toRelease(repo, release, ctx.urls) } : notFound();
    }
    case 'PATCH /repos/{owner}/{repo}/releases/{release_id}':
      return updateRelease(repo, p.release_id ?? '', request, ctx);
    default:
      return notFound();
  }
}
