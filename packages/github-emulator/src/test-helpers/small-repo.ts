import type { FixturePullRequest, FixtureRepo } from '../types.js';

/** A hand-written repository: PR n merged on day n into main, except where noted. */
export function smallRepo(count = 5): FixtureRepo {
  const pullRequests: FixturePullRequest[] = [];
  for (let n = 1; n <= count; n++) {
    const day = String(n).padStart(2, '0');
    pullRequests.push({
      number: n,
      title: `Change number ${n}`,
      body: `Body ${n}\n\n\`\`\`release-note\nNote ${n}\n\`\`\``,
      labels: ['kind/feature', `sig/group-${n % 2}`],
      author: { login: n === 2 ? 'helper[bot]' : `author-${n}` },
      state: 'closed',
      merged: true,
      mergedAt: `2025-03-${day}T10:00:00Z`,
      updatedAt: `2025-03-${day}T11:00:00Z`,
      createdAt: `2025-02-${day}T09:00:00Z`,
      baseRefName: 'main',
      mergeCommitOid: `${String(n).repeat(40)}`.slice(0, 40),
    });
  }
  return {
    owner: 'acme',
    name: 'rockets',
    defaultBranch: 'main',
    pullRequests,
    tags: [{ name: 'v0.1.0', sha: '1'.repeat(40) }],
  };
}
