import { GitHubError } from './github-error.js';
import { hasControl } from './ref-names.js';
import { type GitHubRestOptions, openRestClient, type RestClient } from './rest-client.js';

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

/** GitHub refuses a release body longer than this. */
export const MAX_RELEASE_BODY = 125_000;
const PER_PAGE = 100;
const MAX_PAGES = 50;
const CREATE_ATTEMPTS = 4;

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

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
