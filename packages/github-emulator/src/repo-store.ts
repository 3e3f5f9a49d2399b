import { fakeSha, hashString } from './prng.js';
import type { FixtureCommit, FixturePullRequest, FixtureRelease, FixtureRepo, FixtureTag } from './types.js';

/** One repository's data plus the state that requests can change (releases, tags). */
export interface RepoState {
  readonly fixture: FixtureRepo;
  readonly id: number;
  readonly commits: readonly FixtureCommit[];
  readonly commitIndex: ReadonlyMap<string, number>;
  readonly pullsByNumber: ReadonlyMap<number, FixturePullRequest>;
  tags: FixtureTag[];
  releases: FixtureRelease[];
}

function deriveCommits(repo: FixtureRepo): FixtureCommit[] {
  const merged = repo.pullRequests
    .filter(
      (pr) => pr.merged && pr.mergedAt !== null && pr.mergeCommitOid !== null && pr.baseRefName === repo.defaultBranch,
    )
    .sort((a, b) => (a.mergedAt ?? '').localeCompare(b.mergedAt ?? '') || a.number - b.number);
  return merged.map((pr) => ({
    sha: pr.mergeCommitOid ?? fakeSha(`${pr.number}`),
    message: `Merge pull request #${pr.number} from ${pr.author.login}/topic-${pr.number}\n\n${pr.title}`,
    date: pr.mergedAt ?? pr.updatedAt,
    author: { login: pr.author.login },
  }));
}

function createRepoState(fixture: FixtureRepo): RepoState {
  const commits = fixture.commits ?? deriveCommits(fixture);
  const commitIndex = new Map<string, number>();
  for (const [index, commit] of commits.entries()) commitIndex.set(commit.sha, index);
  return {
    fixture,
    id: (hashString(`${fixture.owner}/${fixture.name}`) % 900_000_000) + 100_000_000,
    commits,
    commitIndex,
    pullsByNumber: new Map(fixture.pullRequests.map((pr) => [pr.number, pr])),
    tags: fixture.tags.map((tag) => ({ ...tag })),
    releases: (fixture.releases ?? []).map((release) => ({ ...release })),
  };
}

export class RepoStore {
  private readonly byName = new Map<string, RepoState>();
  private readonly byId = new Map<number, RepoState>();
  private nextReleaseId = 1;

  constructor(private readonly fixtures: readonly FixtureRepo[]) {
    this.reset();
  }

  reset(): void {
    this.byName.clear();
    this.byId.clear();
    let maxRelease = 0;
    for (const fixture of this.fixtures) {
      const state = createRepoState(fixture);
      this.byName.set(`${fixture.owner}/${fixture.name}`.toLowerCase(), state);
      this.byId.set(state.id, state);
      for (const release of state.releases) maxRelease = Math.max(maxRelease, release.id);
    }
    this.nextReleaseId = Math.max(maxRelease + 1, 1000);
  }

  /** Owner and name are case-insensitive on GitHub. */
  find(owner: string, name: string): RepoState | undefined {
    return this.byName.get(`${owner}/${name}`.toLowerCase());
  }

  findById(id: number): RepoState | undefined {
    return this.byId.get(id);
  }

  allocateReleaseId(): number {
    return this.nextReleaseId++;
  }
}

/** Resolve a branch, tag or (abbreviated) sha to an index in the default branch's history. */
export function resolveRef(repo: RepoState, ref: string): number | undefined {
  if (ref === repo.fixture.defaultBranch || ref === 'HEAD') return repo.commits.length - 1;
  const tag = repo.tags.find((t) => t.name === ref);
  if (tag) return repo.commitIndex.get(tag.sha);
  const exact = repo.commitIndex.get(ref);
  if (exact !== undefined) return exact;
  if (ref.length >= 7 && ref.length < 40) {
    const index = repo.commits.findIndex((commit) => commit.sha.startsWith(ref));
    if (index >= 0) return index;
  }
  return undefined;
}
