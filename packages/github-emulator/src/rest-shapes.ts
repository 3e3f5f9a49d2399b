// GitHub REST response bodies (field names as in api.github.com, 2022-11-28), built from fixtures.
import { fakeSha, hashString } from './prng.js';
import type { RepoState } from './repo-store.js';
import type { FixtureCommit, FixturePullRequest, FixtureRelease } from './types.js';

export interface Urls {
  /** REST base without trailing slash. */
  api: string;
  /** Web base, like https://github.com. */
  web: string;
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const LABEL_COLORS = ['e11d21', 'fbca04', '0052cc', 'c2e0c6', 'd4c5f9', 'bfd4f2', 'ededed'];

function nodeId(prefix: string, text: string): string {
  return `${prefix}_kw${Buffer.from(fakeSha(text).slice(0, 12), 'hex').toString('base64url')}`;
}

export function isBot(login: string): boolean {
  return login.endsWith('[bot]');
}

export function userId(login: string): number {
  return (hashString(`user:${login}`) % 90_000_000) + 1_000_000;
}

export function toUser(login: string, urls: Urls): Json {
  const slug = isBot(login) ? `apps/${login.slice(0, -'[bot]'.length)}` : login;
  return {
    login,
    id: userId(login),
    node_id: nodeId(isBot(login) ? 'BOT' : 'U', login),
    avatar_url: `https://avatars.githubusercontent.com/u/${userId(login)}?v=4`,
    gravatar_id: '',
    url: `${urls.api}/users/${encodeURIComponent(login)}`,
    html_url: `${urls.web}/${slug}`,
    type: isBot(login) ? 'Bot' : 'User',
    user_view_type: 'public',
    site_admin: false,
  };
}

export function labelId(name: string): number {
  return (hashString(`label:${name}`) % 900_000_000) + 100_000_000;
}

export function labelColor(name: string): string {
  return LABEL_COLORS[hashString(name) % LABEL_COLORS.length] ?? 'ededed';
}

function toLabel(repo: RepoState, name: string, urls: Urls): Json {
  return {
    id: labelId(name),
    node_id: nodeId('LA', name),
    url: `${urls.api}/repos/${repo.fixture.owner}/${repo.fixture.name}/labels/${encodeURIComponent(name)}`,
    name,
    color: labelColor(name),
    default: false,
    description: null,
  };
}

function repoPath(repo: RepoState): string {
  return `${repo.fixture.owner}/${repo.fixture.name}`;
}

const repositoryCache = new WeakMap<RepoState, { api: string; json: Json }>();

/** The repository object; memoised because every pull request embeds it twice. */
export function toRepository(repo: RepoState, urls: Urls): Json {
  const cached = repositoryCache.get(repo);
  if (cached?.api === urls.api) return cached.json;
  const json = buildRepository(repo, urls);
  repositoryCache.set(repo, { api: urls.api, json });
  return json;
}

function buildRepository(repo: RepoState, urls: Urls): Json {
  const full = repoPath(repo);
  return {
    id: repo.id,
    node_id: nodeId('R', full),
    name: repo.fixture.name,
    full_name: full,
    private: false,
    owner: { ...(toUser(repo.fixture.owner, urls) as Record<string, Json>), type: 'Organization' },
    html_url: `${urls.web}/${full}`,
    description: null,
    fork: false,
    url: `${urls.api}/repos/${full}`,
    pulls_url: `${urls.api}/repos/${full}/pulls{/number}`,
    releases_url: `${urls.api}/repos/${full}/releases{/id}`,
    tags_url: `${urls.api}/repos/${full}/tags`,
    default_branch: repo.fixture.defaultBranch,
    visibility: 'public',
    archived: false,
    disabled: false,
  };
}

function headSha(repo: RepoState, pr: FixturePullRequest): string {
  return fakeSha(`${repoPath(repo)}#${pr.number}:head`);
}

export function pullCreatedAt(pr: FixturePullRequest): string {
  return pr.createdAt ?? pr.updatedAt;
}

/** The "pull request simple" shape of list endpoints. */
export function toPullSimple(repo: RepoState, pr: FixturePullRequest, urls: Urls): Record<string, Json> {
  const full = repoPath(repo);
  const api = `${urls.api}/repos/${full}`;
  const html = `${urls.web}/${full}/pull/${pr.number}`;
  const headRef = `topic-${pr.number}`;
  const repository = toRepository(repo, urls);
  return {
    url: `${api}/pulls/${pr.number}`,
    id: (hashString(`${full}#${pr.number}`) % 2_000_000_000) + 1,
    node_id: nodeId('PR', `${full}#${pr.number}`),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${api}/issues/${pr.number}`,
    number: pr.number,
    state: pr.state,
    locked: false,
    title: pr.title,
    user: toUser(pr.author.login, urls),
    body: pr.body === '' ? null : pr.body,
    labels: pr.labels.map((name) => toLabel(repo, name, urls)),
    milestone: null,
    active_lock_reason: null,
    created_at: pullCreatedAt(pr),
    updated_at: pr.updatedAt,
    closed_at: pr.state === 'closed' ? (pr.mergedAt ?? pr.updatedAt) : null,
    merged_at: pr.mergedAt,
    merge_commit_sha: pr.mergeCommitOid,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    head: {
      label: `${pr.author.login}:${headRef}`,
      ref: headRef,
      sha: headSha(repo, pr),
      user: toUser(pr.author.login, urls),
      repo: repository,
    },
    base: {
      label: `${repo.fixture.owner}:${pr.baseRefName}`,
      ref: pr.baseRefName,
      sha: fakeSha(`${full}:${pr.baseRefName}`),
      user: toUser(repo.fixture.owner, urls),
      repo: repository,
    },
    _links: {
      self: { href: `${api}/pulls/${pr.number}` },
      html: { href: html },
      issue: { href: `${api}/issues/${pr.number}` },
      comments: { href: `${api}/issues/${pr.number}/comments` },
      commits: { href: `${api}/pulls/${pr.number}/commits` },
      statuses: { href: `${api}/statuses/${headSha(repo, pr)}` },
    },
    author_association: 'CONTRIBUTOR',
    auto_merge: null,
    draft: false,
  };
}

/** The full pull request shape of `GET /repos/{o}/{r}/pulls/{n}`. */
export function toPullFull(repo: RepoState, pr: FixturePullRequest, urls: Urls): Json {
  return {
    ...toPullSimple(repo, pr, urls),
    merged: pr.merged,
    mergeable: pr.state === 'open' ? true : null,
    rebaseable: pr.state === 'open' ? true : null,
    mergeable_state: pr.state === 'open' ? 'clean' : 'unknown',
    merged_by: pr.merged ? toUser(repo.fixture.owner, urls) : null,
    comments: 0,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: 1,
    additions: 10,
    deletions: 2,
    changed_files: 1,
  };
}

export function toCommit(repo: RepoState, commit: FixtureCommit, parent: FixtureCommit | undefined, urls: Urls): Json {
  const full = repoPath(repo);
  const person = {
    name: commit.author?.name ?? commit.author?.login ?? 'unknown',
    email: commit.author?.email ?? `${commit.author?.login ?? 'unknown'}@users.noreply.github.com`,
    date: commit.date,
  };
  const user = commit.author ? toUser(commit.author.login, urls) : null;
  return {
    sha: commit.sha,
    node_id: nodeId('C', commit.sha),
    commit: {
      author: person,
      committer: person,
      message: commit.message,
      tree: {
        sha: fakeSha(`tree:${commit.sha}`),
        url: `${urls.api}/repos/${full}/git/trees/${fakeSha(`tree:${commit.sha}`)}`,
      },
      url: `${urls.api}/repos/${full}/git/commits/${commit.sha}`,
      comment_count: 0,
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
    },
    url: `${urls.api}/repos/${full}/commits/${commit.sha}`,
    html_url: `${urls.web}/${full}/commit/${commit.sha}`,
    comments_url: `${urls.api}/repos/${full}/commits/${commit.sha}/comments`,
    author: user,
    committer: user,
    parents: parent
      ? [
          {
            sha: parent.sha,
            url: `${urls.api}/repos/${full}/commits/${parent.sha}`,
            html_url: `${urls.web}/${full}/commit/${parent.sha}`,
          },
        ]
      : [],
  };
}

export function toTag(repo: RepoState, name: string, sha: string, urls: Urls): Json {
  const full = repoPath(repo);
  return {
    name,
    zipball_url: `${urls.api}/repos/${full}/zipball/refs/tags/${name}`,
    tarball_url: `${urls.api}/repos/${full}/tarball/refs/tags/${name}`,
    commit: { sha, url: `${urls.api}/repos/${full}/commits/${sha}` },
    node_id: nodeId('REF', `${full}:${name}`),
  };
}

export function toRelease(repo: RepoState, release: FixtureRelease, urls: Urls): Json {
  const full = repoPath(repo);
  const api = `${urls.api}/repos/${full}/releases/${release.id}`;
  // Drafts have no tag yet: GitHub links them through an "untagged-…" name.
  const htmlTag = release.draft ? `untagged-${fakeSha(`${release.id}`).slice(0, 20)}` : release.tagName;
  return {
    url: api,
    assets_url: `${api}/assets`,
    upload_url: `${urls.api}/repos/${full}/releases/${release.id}/assets{?name,label}`,
    html_url: `${urls.web}/${full}/releases/tag/${htmlTag}`,
    id: release.id,
    author: toUser(repo.fixture.owner, urls),
    node_id: nodeId('RE', `${full}:${release.id}`),
    tag_name: release.tagName,
    target_commitish: release.targetCommitish,
    name: release.name,
    draft: release.draft,
    immutable: false,
    prerelease: release.prerelease,
    created_at: release.createdAt,
    updated_at: release.publishedAt ?? release.createdAt,
    published_at: release.publishedAt,
    assets: [],
    tarball_url: release.draft ? null : `${urls.api}/repos/${full}/tarball/${release.tagName}`,
    zipball_url: release.draft ? null : `${urls.api}/repos/${full}/zipball/${release.tagName}`,
    body: release.body,
  };
}
