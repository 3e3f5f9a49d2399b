import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FixtureRepo, type GitHubEmulator, startGitHubEmulator } from '@relnotes/github-emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitHubError } from './github-error.js';
import { compareVersions, headShaOf, resolveReleaseRange } from './release-range.js';

const TOKEN = 'ghp_releaseRangeToken_1357924680';
const sha = (n: number) => String(n).padStart(40, 'a');

function fixture(): FixtureRepo {
  return {
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
  };
}

let repo: FixtureRepo;
let emulator: GitHubEmulator;
let dir: string;

beforeEach(async () => {
  repo = fixture();
  emulator = await startGitHubEmulator({ repos: [repo], token: TOKEN });
  dir = await mkdtemp(join(tmpdir(), 'relnotes-range-'));
});
afterEach(async () => {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

const options = () => ({ repository: 'acme/rockets', token: TOKEN, apiUrl: emulator.url, waitScale: 0.001 });
/** Points a tag at another commit, as `git tag -f` and a force push would. */
function moveTag(name: string, to: string): void {
  const tag = repo.tags.find((candidate) => candidate.name === name);
  if (!tag) throw new Error(`no tag ${name}`);
  tag.sha = to;
  emulator.reset();
}

describe('resolveReleaseRange', () => {
  it('resolves both refs to commit dates, with since just after from', async () => {
    const range = await resolveReleaseRange({ ...options(), cacheDir: null, from: 'v1.0.0', to: 'v1.1.0' });
    expect(range).toMatchObject({
      from: 'v1.0.0',
      to: 'v1.1.0',
      base: 'main',
      fromSha: sha(1),
      toSha: sha(3),
      since: '2025-01-01T00:00:01.000Z',
      until: '2025-01-09T12:30:00.000Z',
      requests: 3,
    });
  });

  it('takes the previous release tag when from is omitted, skipping pre-releases', async () => {
    const cacheDir = join(dir, 'cache');
    const range = await resolveReleaseRange({ ...options(), cacheDir, to: 'v1.1.0', base: 'main' });
    expect(range).toMatchObject({ from: 'v1.0.0', fromSha: sha(1), toSha: sha(3), requests: 3 });
    // The tag list gives both SHAs; their dates are cached.
    const again = await resolveReleaseRange({ ...options(), cacheDir, to: 'v1.1.0', base: 'main' });
    expect(again).toEqual({ ...range, requests: 1 });
    const error = await resolveReleaseRange({ ...options(), cacheDir, to: 'main' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubError);
    expect((error as GitHubError).hint).toContain('--from');
  });

  it('asks for the refs on every run but for a commit date once, so a moved tag is seen', async () => {
    const cacheDir = join(dir, 'cache');
    const resolve = () => resolveReleaseRange({ ...options(), cacheDir, from: 'v1.0.0', to: 'v1.1.0', base: 'main' });
    const cold = await resolve();
    expect(cold.requests).toBe(2);
    const warm = await resolve();
    expect(warm).toEqual({ ...cold, requests: 1 });
    expect(emulator.requests.map((entry) => entry.route)).toEqual(
      Array(3).fill('GET /repos/{owner}/{repo}/compare/{basehead}'),
    );

    moveTag('v1.1.0', sha(2));
    const moved = await resolve();
    expect(moved).toMatchObject({ toSha: sha(2), until: '2025-01-05T10:00:00.000Z', requests: 2 });
    moveTag('v1.1.0', sha(3));
    expect(await resolve()).toEqual(warm);

    const files = await readdir(join(dir, 'cache'), { recursive: true });
    expect(files).toContain(
      join('github', new URL(emulator.url).host.replace(':', '_'), 'acme', 'rockets', 'commit-dates.json'),
    );
    for (const file of files) {
      if (file.endsWith('.json')) expect(await readFile(join(dir, 'cache', file), 'utf8')).not.toContain(TOKEN);
    }
  });

  it('reads the head commit of a comparison from its permalink', () => {
    const base = 'bbcd538c8e72b8c175046e27cc8f907076331401';
    const head = '0328041d1152db8ae77652d1618a02e57f745f17';
    expect(headShaOf(`https://github.com/octocat/Hello-World/compare/octocat:${base}...octocat:${head}`)).toBe(head);
    expect(headShaOf(`https://ghe.example/o/r/compare/${base}...${head}`)).toBe(head);
    expect(headShaOf('https://github.com/o/r/compare/v1.0.0...v1.1.0')).toBeNull();
    expect(headShaOf(undefined)).toBeNull();
  });

  it('orders versions by their numbers', () => {
    expect(['v1.10.0', 'v1.9.2', 'v1.10.0-rc.1', 'v1.2.0'].sort(compareVersions)).toEqual([
      'v1.2.0',
      'v1.9.2',
      'v1.10.0-rc.1',
      'v1.10.0',
    ]);
  });
});
