import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FixtureRepo, type GitHubEmulator, startGitHubEmulator } from '@relnotes/github-emulator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOrUpdateDraftRelease, MAX_RELEASE_BODY, truncateReleaseBody } from './draft-release.js';
import { GitHubError } from './github-error.js';

const TOKEN = 'ghp_draftReleaseToken_9876543210';
const sha = (n: number) => String(n).padStart(40, 'a');

const repo: FixtureRepo = {
  owner: 'acme',
  name: 'rockets',
  defaultBranch: 'main',
  pullRequests: [],
  tags: [
    { name: 'v1.0.0', sha: sha(1) },
    { name: 'v1.1.0-rc.0', sha: sha(2) },
    { name: 'v1.1.0', sha: sha(3) },
  ],
  commits: [
    { sha: sha(1), message: 'Release v1.0.0', date: '2025-01-01T00:00:00Z', author: null },
    { sha: sha(2), message: 'Add boosters (#5)', date: '2025-01-05T10:00:00Z', author: null },
    { sha: sha(3), message: 'Fix gauge (#6)', date: '2025-01-09T12:30:00Z', author: null },
  ],
  releases: [
    {
      id: 7,
      tagName: 'v1.0.0',
      name: 'v1.0.0',
      body: 'First.',
      draft: false,
      prerelease: false,
      targetCommitish: 'main',
      createdAt: '2025-01-01T00:00:00Z',
      publishedAt: '2025-01-01T00:00:00Z',
    },
  ],
};

let emulator: GitHubEmulator;
let dir: string;

beforeAll(async () => {
  emulator = await startGitHubEmulator({ repos: [repo], token: TOKEN });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(async () => {
  emulator.reset();
  emulator.setFaults([]);
  dir = await mkdtemp(join(tmpdir(), 'relnotes-draft-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const options = { repository: 'acme/rockets', token: TOKEN, waitScale: 0.001 };
const drafts = async () => {
  const response = await fetch(`${emulator.url}/repos/acme/rockets/releases?per_page=100`, {
    headers: { authorization: `token ${TOKEN}` },
  });
  const releases = (await response.json()) as { id: number; tag_name: string; draft: boolean; body: string }[];
  return releases.filter((release) => release.draft);
};

describe('createOrUpdateDraftRelease', () => {
  it('creates one draft, then edits it in place, and sends nothing when nothing changed', async () => {
    const first = await createOrUpdateDraftRelease({ ...options, apiUrl: emulator.url, tag: 'v1.2.0', body: 'A' });
    expect(first).toMatchObject({ action: 'created', truncated: false, duplicates: [] });
    const second = await createOrUpdateDraftRelease({ ...options, apiUrl: emulator.url, tag: 'v1.2.0', body: 'B' });
    expect(second).toMatchObject({ action: 'updated', id: first.id });
    const third = await createOrUpdateDraftRelease({ ...options, apiUrl: emulator.url, tag: 'v1.2.0', body: 'B' });
    expect(third).toMatchObject({ action: 'unchanged', id: first.id });
    expect(emulator.requests.filter((entry) => entry.method !== 'GET').map((entry) => entry.method)).toEqual([
      'POST',
      'PATCH',
    ]);
    const all = await drafts();
    expect(all.map((release) => [release.tag_name, release.body])).toEqual([['v1.2.0', 'B']]);
  });

  it('creates exactly one draft when the create and the listing meet faults', async () => {
    emulator.setFaults([
      { kind: 'drop-connection', on: 'POST /repos/*/*/releases', times: 1 },
      { kind: '502', on: 'GET /repos/*/*/releases', nth: 2, times: 2 },
      { kind: 'secondary-rate-limit', on: 'POST /repos/*/*/releases', nth: 2, times: 1, retryAfterSeconds: 1 },
    ]);
    const result = await createOrUpdateDraftRelease({ ...options, apiUrl: emulator.url, tag: 'v1.2.0', body: 'A' });
    expect(result.action).toBe('created');
    expect(await drafts()).toHaveLength(1);
  });

  it('refuses to touch a published release', async () => {
    const error = await createOrUpdateDraftRelease({
      ...options,
      apiUrl: emulator.url,
      tag: 'v1.0.0',
      body: 'A',
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitHubError);
    expect((error as GitHubError).message).toContain('already published');
  });

  it('cuts a long body at a note boundary, within the limit, with a visible notice', async () => {
    const note = (n: number) => `- Note number ${n} ${'x'.repeat(80)}\n  continued line\n`;
    let body = '# Changes\n\n## Feature\n\n';
    for (let n = 0; body.length < MAX_RELEASE_BODY + 5000; n += 1) body += note(n);
    const result = await createOrUpdateDraftRelease({
      ...options,
      apiUrl: emulator.url,
      tag: 'v1.2.0',
      body,
      fullNotesUrl: 'https://example.com/notes.md',
    });
    expect(result.truncated).toBe(true);
    const [stored] = await drafts();
    expect(stored?.body.length).toBeLessThanOrEqual(MAX_RELEASE_BODY);
    expect(stored?.body.endsWith('_Truncated: see the full notes at https://example.com/notes.md_\n')).toBe(true);
    // The kept part ends with a whole note.
    expect(stored?.body).toMatch(/ continued line\n\n_Truncated/);
  });

  it('never writes the token into a recording', async () => {
    const record = join(dir, 'rec');
    await createOrUpdateDraftRelease({ ...options, apiUrl: emulator.url, tag: 'v1.2.0', body: 'A', record });
    const files = await readdir(record);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(await readFile(join(record, file), 'utf8')).not.toContain(TOKEN);
  });
});

describe('truncateReleaseBody', () => {
  it('leaves a short body alone and cuts before a top-level note', () => {
    expect(truncateReleaseBody('short', undefined)).toEqual({ body: 'short', truncated: false });
    const body = `## A\n\n- one\n- ${'two '.repeat(10)}\n- ${'three '.repeat(10)}\n`;
    const cut = truncateReleaseBody(body, 'URL', 100);
    expect(cut.truncated).toBe(true);
    expect(cut.body.length).toBeLessThanOrEqual(100);
    expect(cut.body.startsWith('## A\n\n- one\n- two')).toBe(true);
    expect(cut.body).not.toContain('three');
    expect(cut.body).toContain('_Truncated: see the full notes at URL_');
  });
});
