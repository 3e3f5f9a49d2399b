import { describe, expect, it } from 'vitest';
import { generateFixtureRepo } from './generate-fixture-repo.js';

describe('generateFixtureRepo', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = generateFixtureRepo({ owner: 'o', name: 'r', pullRequests: 300, seed: 42 });
    const b = generateFixtureRepo({ owner: 'o', name: 'r', pullRequests: 300, seed: 42 });
    const c = generateFixtureRepo({ owner: 'o', name: 'r', pullRequests: 300, seed: 43 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a.pullRequests)).not.toBe(JSON.stringify(c.pullRequests));
  });

  it('creates realistic pull requests with notes, NONE, action-required and k8s-style labels', () => {
    const repo = generateFixtureRepo({ owner: 'o', name: 'r', pullRequests: 1000, seed: 9 });
    const prs = repo.pullRequests;
    expect(prs).toHaveLength(1000);
    const numbers = prs.map((pr) => pr.number);
    expect(numbers).toEqual([...numbers].sort((x, y) => x - y));
    expect(new Set(numbers).size).toBe(1000);
    const share = (test: (body: string) => boolean): number => prs.filter((pr) => test(pr.body)).length / prs.length;
    expect(share((body) => body.includes('```release-note'))).toBeGreaterThan(0.9);
    expect(share((body) => /```release-note\r?\n(NONE|None|N\/A)\r?\n/.test(body))).toBeGreaterThan(0.15);
    expect(share((body) => body.includes('ACTION REQUIRED:'))).toBeGreaterThan(0.01);
    expect(share((body) => body.includes('\r\n'))).toBeGreaterThan(0.02);
    for (const pr of prs) {
      expect(pr.labels.some((l) => l.startsWith('kind/'))).toBe(true);
      expect(pr.labels.some((l) => l.startsWith('sig/'))).toBe(true);
      if (pr.merged) {
        expect(pr.mergeCommitOid).toMatch(/^[0-9a-f]{40}$/);
        expect(pr.state).toBe('closed');
        expect(pr.mergedAt !== null && pr.mergedAt <= pr.updatedAt).toBe(true);
      } else {
        expect(pr.mergeCommitOid).toBeNull();
        expect(pr.mergedAt).toBeNull();
      }
    }
    expect(prs.some((pr) => pr.labels.some((l) => l.startsWith('area/')))).toBe(true);
    expect(prs.some((pr) => pr.state === 'open')).toBe(true);
    expect(prs.some((pr) => pr.baseRefName === 'release-1.0')).toBe(true);
    expect(new Set(prs.map((pr) => pr.author.login)).size).toBeGreaterThan(5);
  });

  it('tags v1.0.0 before the first merge and v1.1.0 at the last, with one commit per merged PR between', () => {
    const repo = generateFixtureRepo({ owner: 'o', name: 'r', pullRequests: 200, seed: 1, baseRefName: 'trunk' });
    expect(repo.defaultBranch).toBe('trunk');
    const commits = repo.commits ?? [];
    const merged = repo.pullRequests.filter((pr) => pr.merged && pr.baseRefName === 'trunk');
    expect(commits).toHaveLength(merged.length + 1);
    expect(repo.tags).toEqual([
      { name: 'v1.0.0', sha: commits[0]?.sha },
      { name: 'v1.1.0', sha: commits.at(-1)?.sha },
    ]);
    expect(new Set(commits.slice(1).map((c) => c.sha))).toEqual(new Set(merged.map((pr) => pr.mergeCommitOid)));
    const dates = commits.map((c) => c.date);
    expect(dates).toEqual([...dates].sort());
  });

  it('makes exactly as many PRs merged into the base branch as asked, all in the release v1.0.0..v1.1.0', () => {
    const repo = generateFixtureRepo({ owner: 'o', name: 'r', pullRequests: 0, mergedIntoBase: 500, seed: 3 });
    const merged = repo.pullRequests.filter((pr) => pr.merged && pr.baseRefName === 'main');
    expect(merged).toHaveLength(500);
    expect(repo.pullRequests.length).toBeGreaterThan(500);
    // The commits between the two tags are exactly those merges.
    expect(
      (repo.commits ?? [])
        .slice(1)
        .map((commit) => commit.sha)
        .sort(),
    ).toEqual(merged.map((pr) => pr.mergeCommitOid).sort());
    expect(repo.tags.map((tag) => tag.name)).toEqual(['v1.0.0', 'v1.1.0']);
  });
});
