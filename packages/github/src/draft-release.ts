import { Octokit } from '@octokit/rest';
import { GitHubError, redact } from './github-error.js';
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

export interface DraftReleaseOptions extends GitHubRestOptions {
  /** The tag the release is for (it need not exist yet: GitHub creates it on publishing). */
  tag: string;
  /** The release title; the tag when omitted. */
  name?: string;
  /** The rendered notes (Markdown). Cut at a note boundary if over GitHub's 125,000 characters. */
  body: string;
  /** Where the full notes can be read, named in the line added when the body had to be cut. */
  fullNotesUrl?: string;
  /** Branch or commit the tag will be created from when the draft is published. */
  targetCommitish?: string;
}

export interface DraftReleaseResult {
  /** `unchanged`: the draft already had this title and body, so nothing was sent. */
  action: 'created' | 'updated' | 'unchanged';
  id: number;
  /** The release's page (a draft's page is visible to people with push access only). */
  url: string;
  truncated: boolean;
  /** Other drafts of the same tag (from older tools or hand edits), left alone. */
  duplicates: number[];
  requests: number;
}

export interface ReleaseRangeOptions extends GitHubRestOptions {
  /** Where the range starts (excluded); the previous version tag of `to` when omitted. */
  from?: string;
  to: string;
  /** The branch the pull requests were merged into; the repository's default branch when omitted. */
  base?: string;
}

/** Two refs turned into what `GitHubSource.listMergedPullRequests` needs. */
export interface ReleaseRange {
  from: string;
  to: string;
  base: string;
  fromSha: string;
  toSha: string;
  /** Just after the `from` commit's date (a PR merged by that very commit is not in the range). */
  since: string;
  /** The `to` commit's date. */
  until: string;
  requests: number;
}

/** GitHub refuses a release body longer than this. */
export const MAX_RELEASE_BODY = 125_000;
const PER_PAGE = 100;
const MAX_PAGES = 50;
const CREATE_ATTEMPTS = 4;

const ignore = (): void => undefined;
const SILENT_LOG = { debug: ignore, info: ignore, warn: ignore, error: ignore };

interface RestClient {
  repository: Repository;
  octokit: Octokit;
  secret: string | undefined;
  requests(): number;
  /** Runs one octokit call; anything it throws becomes a GitHubError without the token. */
  call<T>(run: (octokit: Octokit) => Promise<{ data: T }>): Promise<T>;
}

/** The source's network stack (origin guard, retries, rate limits, record/replay), for REST calls. */
function openRestClient(options: Readonly<GitHubRestOptions>, retries = options.retries ?? 5): RestClient {
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
    request: { fetch: guardOrigin(transport, endpoints.origin) },
    log: SILENT_LOG,
  });
  return {
    repository,
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

interface ReleaseJson {
  id: number;
  tag_name: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  html_url: string;
}

/** Every release of the repository, drafts included, newest first (`GET /releases/tags/{tag}` never finds a draft). */
async function listReleases(client: RestClient): Promise<ReleaseJson[]> {
  const { owner, name } = client.repository;
  const all: ReleaseJson[] = [];
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const items = await client.call((octokit) =>
      octokit.request('GET /repos/{owner}/{repo}/releases', { owner, repo: name, per_page: PER_PAGE, page }),
    );
    all.push(...(items as ReleaseJson[]));
    if (items.length < PER_PAGE) break;
  }
  return all;
}

/**
 * Creates the draft release of `tag`, or edits the one that exists, so that re-runs keep one draft per
 * tag. A create that failed in transit is not simply retried: the releases are listed again first, in
 * case GitHub created it before the connection broke.
 */
export async function createOrUpdateDraftRelease(options: Readonly<DraftReleaseOptions>): Promise<DraftReleaseResult> {
  if (options.tag.trim() === '' || hasControl(options.tag)) {
    throw new GitHubError('usage', `not a tag name: ${JSON.stringify(options.tag.slice(0, 80))}`, {
      hint: 'Pass the release tag, like v1.2.0.',
    });
  }
  const client = openRestClient(options);
  // Creates are sent without transport retries (rate-limit waits still apply): see above.
  const createClient = openRestClient(options, 0);
  const { owner, name: repo } = client.repository;
  const fitted = truncateReleaseBody(options.body, options.fullNotesUrl);
  const title = options.name ?? options.tag;
  const requests = () => client.requests() + createClient.requests();

  const findDrafts = async (): Promise<ReleaseJson[]> => {
    const releases = await listReleases(client);
    const published = releases.find((release) => !release.draft && release.tag_name === options.tag);
    if (published) {
      throw new GitHubError('usage', `the release ${options.tag} is already published; relnotes only edits drafts`, {
        hint: 'Edit the published release by hand, or draft the notes of the next tag.',
      });
    }
    return releases.filter((release) => release.draft && release.tag_name === options.tag);
  };

  let drafts = await findDrafts();
  let created: ReleaseJson | null = null;
  for (let attempt = 1; drafts.length === 0; attempt += 1) {
    try {
      created = (await createClient.call((octokit) =>
        octokit.request('POST /repos/{owner}/{repo}/releases', {
          owner,
          repo,
          tag_name: options.tag,
          name: title,
          body: fitted.body,
          draft: true,
          ...(options.targetCommitish === undefined ? {} : { target_commitish: options.targetCommitish }),
        }),
      )) as ReleaseJson;
      break;
    } catch (error) {
      const transient = error instanceof GitHubError && (error.kind === 'server' || error.kind === 'network');
      if (!transient || attempt >= CREATE_ATTEMPTS) throw error;
      await sleep(1000 * 2 ** (attempt - 1) * (options.waitScale ?? 1));
      drafts = await findDrafts();
    }
  }
  if (created) {
    return {
      action: 'created',
      id: created.id,
      url: created.html_url,
      truncated: fitted.truncated,
      duplicates: [],
      requests: requests(),
    };
  }

  const [draft, ...others] = drafts as [ReleaseJson, ...ReleaseJson[]];
  const duplicates = others.map((release) => release.id);
  if (draft.body === fitted.body && draft.name === title) {
    return {
      action: 'unchanged',
      id: draft.id,
      url: draft.html_url,
      truncated: fitted.truncated,
      duplicates,
      requests: requests(),
    };
  }
  const updated = (await client.call((octokit) =>
    octokit.request('PATCH /repos/{owner}/{repo}/releases/{release_id}', {
      owner,
      repo,
      release_id: draft.id,
      name: title,
      body: fitted.body,
    }),
  )) as ReleaseJson;
  return {
    action: 'updated',
    id: updated.id,
    url: updated.html_url,
    truncated: fitted.truncated,
    duplicates,
    requests: requests(),
  };
}

/**
 * Cuts a release body to GitHub's limit at a note boundary (a line starting `- ` at the top level),
 * and says so in a visible last line.
 */
export function truncateReleaseBody(
  body: string,
  fullNotesUrl: string | undefined,
  limit = MAX_RELEASE_BODY,
): { body: string; truncated: boolean } {
  if (body.length <= limit) return { body, truncated: false };
  const notice = `\n\n_Truncated: see the full notes at ${fullNotesUrl ?? 'the release notes file of this release'}_\n`;
  const room = limit - notice.length;
  let cut = 0;
  // The last note start that leaves room for the notice; linear scan over line starts.
  for (let start = 0; start < body.length && start <= room; ) {
    if (start > 0 && body.startsWith('- ', start)) cut = start;
    const next = body.indexOf('\n', start);
    if (next < 0) break;
    start = next + 1;
  }
  if (cut === 0) cut = Math.max(0, room);
  return { body: `${body.slice(0, cut).trimEnd()}${notice}`, truncated: true };
}

/**
 * Resolves `from` and `to` to commits and dates with the REST API, for a range without a clone:
 * `compare/{from}...{to}` gives `from`'s commit, `compare/{to}...{to}` gives `to`'s. Without `from`,
 * the previous tag is the highest version tag below `to` (pre-releases only when `to` is one).
 */
export async function resolveReleaseRange(options: Readonly<ReleaseRangeOptions>): Promise<ReleaseRange> {
  const client = openRestClient(options);
  const { owner, name: repo } = client.repository;
  for (const ref of [options.from, options.to, options.base]) {
    if (ref !== undefined && !isSafeRef(ref)) {
      throw new GitHubError('usage', `not a ref: ${JSON.stringify(ref.slice(0, 80))}`, {
        hint: 'Use a tag, a branch or a commit hash.',
      });
    }
  }
  let base = options.base;
  if (base === undefined) {
    const info = await client.call((octokit) => octokit.request('GET /repos/{owner}/{repo}', { owner, repo }));
    base = info.default_branch;
  }
  const from = options.from ?? (await findPreviousTag(client, options.to));
  const compare = (basehead: string) =>
    client.call((octokit) =>
      octokit.request('GET /repos/{owner}/{repo}/compare/{basehead}', { owner, repo, basehead, per_page: 1 }),
    );
  const range = await compare(`${from}...${options.to}`);
  const head = await compare(`${options.to}...${options.to}`);
  const fromDate = commitDate(range.base_commit);
  const toDate = commitDate(head.base_commit);
  if (fromDate === null || toDate === null) {
    throw new GitHubError('http', `GitHub gave no commit dates for ${from}...${options.to}`, {
      request: 'GET /repos/{owner}/{repo}/compare/{basehead}',
    });
  }
  return {
    from,
    to: options.to,
    base,
    fromSha: range.base_commit.sha,
    toSha: head.base_commit.sha,
    since: new Date(fromDate + 1000).toISOString(),
    until: new Date(toDate).toISOString(),
    requests: client.requests(),
  };
}

async function findPreviousTag(client: RestClient, to: string): Promise<string> {
  const { owner, name: repo } = client.repository;
  const names: string[] = [];
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const tags = await client.call((octokit) =>
      octokit.request('GET /repos/{owner}/{repo}/tags', { owner, repo, per_page: PER_PAGE, page }),
    );
    names.push(...tags.map((tag) => tag.name));
    if (tags.length < PER_PAGE) break;
  }
  const usage = (message: string) =>
    new GitHubError('usage', redact(message, client.secret), {
      hint: 'Pass --from REF, or use a clone (--repo-path).',
    });
  if (!names.includes(to)) throw usage(`cannot find the tag before ${to}: it is not a tag of ${owner}/${repo}`);
  const withPre = to.includes('-');
  const earlier = names.filter((name) => compareVersions(name, to) < 0 && (withPre || !name.includes('-')));
  const previous = earlier.sort(compareVersions).at(-1);
  if (previous === undefined) throw usage(`no tag of ${owner}/${repo} comes before ${to}`);
  return previous;
}

/** Compares tag names by their numbers (v1.10.0 after v1.9.2), then as text. */
export function compareVersions(a: string, b: string): number {
  const left = numbersOf(a);
  const right = numbersOf(b);
  for (let index = 0; index < Math.max(left.length, right.length); index += 1) {
    const difference = (left[index] ?? -1) - (right[index] ?? -1);
    if (difference !== 0) return difference;
  }
  // v1.0.0-rc.1 comes before v1.0.0.
  if (a.includes('-') !== b.includes('-')) return a.includes('-') ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function numbersOf(name: string): number[] {
  const numbers: number[] = [];
  const core = name.split('-')[0] ?? name;
  let current = '';
  for (const char of core) {
    if (char >= '0' && char <= '9') current += char;
    else if (current !== '') {
      numbers.push(Number(current));
      current = '';
    }
  }
  if (current !== '') numbers.push(Number(current));
  return numbers;
}

function commitDate(commit: { commit: { committer: { date?: string } | null } } | null | undefined): number | null {
  const date = Date.parse(commit?.commit.committer?.date ?? '');
  return Number.isNaN(date) ? null : date;
}

function hasControl(value: string): boolean {
  for (let index = 0; index < value.length; index += 1) if (value.charCodeAt(index) < 32) return true;
  return false;
}

function isSafeRef(ref: string): boolean {
  return ref !== '' && !ref.startsWith('-') && !ref.includes('..') && !ref.includes(' ') && !hasControl(ref);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
