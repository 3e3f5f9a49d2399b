// The no-clone path end to end against the emulator: resolveReleaseRange, then listMergedPullRequests,
// cold and warm, with PRs and tags changing between runs.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PullRequest } from '@relnotes/core';
import {
  type FixtureRepo,
  type GitHubEmulator,
  generateFixtureRepo,
  startGitHubEmulator,
} from '@relnotes/github-emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGitHubSource } from './github-source.js';
import { resolveReleaseRange } from './release-range.js';

const TOKEN = 'ghp_rangeListingToken_24681357';

let repo: FixtureRepo;
let emulator: GitHubEmulator;
let dir: string;

beforeEach(async () => {
  repo = generateFixtureRepo({ owner: 'acme', name: 'rockets', pullRequests: 1200, seed: 11 });
  emulator = await startGitHubEmulator({ repos: [repo], token: TOKEN });
  dir = await mkdtemp(join(tmpdir(), 'relnotes-range-listing-'));
});
afterEach(async () => {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

interface Run {
  pullRequests: PullRequest[];
  requests: number;
  cacheHits: number;
}

/** What `relnotes generate --github` does without a clone; requests as the emulator counted them. */
async function gather(cacheDir: string | null, from = 'v1.0.0', to = 'v1.1.0'): Promise<Run> {
  emulator.reset();
  const connection = { repository: 'acme/rockets', token: TOKEN, apiUrl: emulator.url, waitScale: 0.001 };
  const range = await resolveReleaseRange({ ...connection, cacheDir, from, to });
  const source = createGitHubSource({ ...connection, cacheDir });
  const pullRequests = await source.listMergedPullRequests({
    base: range.base,
    since: range.since,
    until: range.until,
  });
  return { pullRequests, requests: emulator.stats().requests, cacheHits: source.stats().cacheHits };
}

/** The fixture's truth: PRs merged into main after the `from` commit, up to the `to` commit. */
function expectedNumbers(from = 'v1.0.0', to = 'v1.1.0'): number[] {
  const dateOf = (tag: string) => {
    const sha = repo.tags.find((candidate) => candidate.name === tag)?.sha;
    return Date.parse(repo.commits?.find((commit) => commit.sha === sha)?.date ?? '');
  };
  const since = dateOf(from) + 1000;
  const until = dateOf(to);
  return repo.pullRequests
    .filter((pr) => pr.merged && pr.baseRefName === 'main' && pr.mergedAt !== null)
    .filter((pr) => Date.parse(pr.mergedAt ?? '') >= since && Date.parse(pr.mergedAt ?? '') <= until)
    .map((pr) => pr.number)
    .sort((a, b) => a - b);
}

const numbersOf = (run: Run) => run.pullRequests.map((pr) => pr.number).sort((a, b) => a - b);

function moveTag(name: string, commitIndex: number): void {
  const tag = repo.tags.find((candidate) => candidate.name === name);
  const commit = repo.commits?.[commitIndex];
  if (!tag || !commit) throw new Error(`cannot move ${name}`);
  tag.sha = commit.sha;
}

describe('a release range without a clone', () => {
  it('costs at most 5 requests on a re-run with nothing changed, with the same answer', async () => {
    const cacheDir = join(dir, 'cache');
    const cold = await gather(cacheDir);
    expect(numbersOf(cold)).toEqual(expectedNumbers());
    expect(cold.pullRequests.length).toBeGreaterThan(500);

    const warm = await gather(cacheDir);
    expect(warm.requests).toBeLessThanOrEqual(5);
    expect(emulator.stats().byRoute).toEqual({
      'GET /repos/{owner}/{repo}': 1,
      'GET /repos/{owner}/{repo}/compare/{basehead}': 1,
      graphql: 1,
    });
    expect(warm.pullRequests).toEqual(cold.pullRequests);
    // The one page walked returns up to 100 PRs afresh; the rest come from the cache.
    expect(warm.cacheHits).toBeGreaterThanOrEqual(cold.pullRequests.length - 100);

    const files = await readdir(cacheDir, { recursive: true });
    expect(files.some((file) => file.endsWith(join('listings', 'main.json')))).toBe(true);
    for (const file of files) {
      if (file.endsWith('.json')) expect(await readFile(join(cacheDir, file), 'utf8')).not.toContain(TOKEN);
    }
  });

  it('picks up a PR merged into the window and a PR edited after the first run', async () => {
    const cacheDir = join(dir, 'cache');
    const cold = await gather(cacheDir);
    const now = new Date().toISOString();
    const edited = repo.pullRequests.find((pr) => pr.number === numbersOf(cold)[10]);
    if (!edited) throw new Error('no PR to edit');
    edited.labels = [...edited.labels, 'kind/regression'];
    edited.body = 'Edited after the first run.\n\n```release-note\nAn invented, edited note.\n```';
    edited.updatedAt = now;
    const middle = cold.pullRequests[Math.floor(cold.pullRequests.length / 2)];
    const added = {
      ...(repo.pullRequests.find((pr) => pr.number === middle?.number) ?? edited),
      number: 99_999,
      title: 'A late merge',
      updatedAt: now,
      mergeCommitOid: 'f'.repeat(40),
    };
    repo.pullRequests.push(added);

    const warm = await gather(cacheDir);
    expect(warm.requests).toBeLessThanOrEqual(5);
    expect(numbersOf(warm)).toEqual([...numbersOf(cold), 99_999].sort((a, b) => a - b));
    const again = warm.pullRequests.find((pr) => pr.number === edited.number);
    expect(again?.labels).toContain('kind/regression');
    expect(again?.body).toContain('An invented, edited note.');
    // Exactly what a run without the cache sees.
    expect(warm.pullRequests).toEqual((await gather(null)).pullRequests);
  });

  it('follows a moved tag, and walks again when the window starts before the cached listing', async () => {
    const cacheDir = join(dir, 'cache');
    const commits = repo.commits?.length ?? 0;
    await gather(cacheDir);

    moveTag('v1.1.0', Math.floor(commits / 2));
    const shorter = await gather(cacheDir);
    expect(shorter.requests).toBeLessThanOrEqual(5);
    expect(numbersOf(shorter)).toEqual(expectedNumbers());
    expect(shorter.pullRequests.length).toBeLessThan(commits - 100);
    expect(shorter.pullRequests).toEqual((await gather(null)).pullRequests);

    // A later start stays inside the cached listing.
    moveTag('v1.0.0', 100);
    const later = await gather(cacheDir);
    expect(later.requests).toBeLessThanOrEqual(5);
    expect(numbersOf(later)).toEqual(expectedNumbers());

    // The listing still covers the first window, so going back is cheap too.
    moveTag('v1.0.0', 0);
    const back = await gather(cacheDir);
    expect(back.requests).toBeLessThanOrEqual(5);
    expect(numbersOf(back)).toEqual(expectedNumbers());
  });

  it('walks again when the window starts before anything cached', async () => {
    const cacheDir = join(dir, 'cache');
    moveTag('v1.0.0', 300);
    const first = await gather(cacheDir);
    expect(numbersOf(first)).toEqual(expectedNumbers());
    moveTag('v1.0.0', 0);
    const wider = await gather(cacheDir);
    expect(wider.requests).toBeGreaterThan(5);
    expect(numbersOf(wider)).toEqual(expectedNumbers());
    expect(wider.pullRequests).toEqual((await gather(null)).pullRequests);
    expect((await gather(cacheDir)).requests).toBeLessThanOrEqual(5);
  });
});
