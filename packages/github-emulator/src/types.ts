/** A pull request as the emulator stores it; REST and GraphQL shapes are derived from it. */
export interface FixturePullRequest {
  number: number;
  title: string;
  body: string;
  labels: string[];
  author: { login: string };
  state: 'open' | 'closed';
  merged: boolean;
  mergedAt: string | null;
  updatedAt: string;
  /** Defaults to `updatedAt` when absent. */
  createdAt?: string;
  baseRefName: string;
  mergeCommitOid: string | null;
}

/** A commit on the default branch, oldest first in `FixtureRepo.commits`. */
export interface FixtureCommit {
  sha: string;
  message: string;
  date: string;
  author: { login: string; name?: string; email?: string } | null;
}

export interface FixtureRelease {
  id: number;
  tagName: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  targetCommitish: string;
  createdAt: string;
  publishedAt: string | null;
}

export interface FixtureTag {
  name: string;
  sha: string;
}

export interface FixtureRepo {
  owner: string;
  name: string;
  defaultBranch: string;
  pullRequests: FixturePullRequest[];
  tags: FixtureTag[];
  /**
   * First-parent history of the default branch, oldest first. When absent it is derived from the
   * merged pull requests into the default branch (by `mergedAt`), one merge commit each.
   */
  commits?: FixtureCommit[];
  releases?: FixtureRelease[];
}

export type FaultKind = '502' | 'secondary-rate-limit' | 'primary-rate-limit' | 'drop-connection';

export interface Fault {
  kind: FaultKind;
  /**
   * `'graphql'`, or a glob over the REST path without query string, optionally preceded by a method
   * (`'GET /repos/*\/*\/pulls'`). `*` matches within one path segment, `**` across segments.
   */
  on: string;
  /** How many matching requests fail in a row (default 1). */
  times?: number;
  /** The first matching request that fails, 1-based (default 1: the first one). */
  nth?: number;
  /** `retry-after` for secondary limits; seconds until `x-ratelimit-reset` for primary ones (default 1). */
  retryAfterSeconds?: number;
}

export type FaultPlan = readonly Fault[];

export interface EmulatorOptions {
  repos: FixtureRepo[];
  /** When set, every request must carry `authorization: token X` or `bearer X` (401 otherwise). */
  token?: string;
  /** Delay applied to every request before it is answered. */
  latencyMs?: number;
  faults?: FaultPlan;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Serve under `/api/v3` and `/api/graphql`, like GitHub Enterprise Server. */
  enterprise?: boolean;
  /** Hourly budgets; GitHub's defaults for a token are 5000 each. */
  rateLimit?: { core?: number; graphql?: number };
  /** Host of `html_url`/`url` links to pull requests and releases (default https://github.com). */
  webUrl?: string;
}

export interface RequestLogEntry {
  method: string;
  /** Path without query string and without the enterprise prefix. */
  path: string;
  query: Record<string, string>;
  /** Route name, like `GET /repos/{owner}/{repo}/pulls` or `graphql`; `unknown` when none matched. */
  route: string;
  /** 0 when the connection was dropped. */
  status: number;
  notModified: boolean;
  fault: FaultKind | null;
  authorization: 'none' | 'valid' | 'invalid';
  /** GraphQL only: the top-level response keys queried, like `["rateLimit","repository"]`. */
  graphqlFields?: string[];
}

export interface EmulatorStats {
  requests: number;
  byRoute: Record<string, number>;
}

export interface GitHubEmulator {
  /** REST base, like https://api.github.com (or `${host}/api/v3` in enterprise mode). */
  url: string;
  graphqlUrl: string;
  /** Live log of handled requests, oldest first. */
  requests: RequestLogEntry[];
  stats(): EmulatorStats;
  /** Replace the fault plan; counters start again. */
  setFaults(plan: FaultPlan): void;
  /** Clear the log, fault counters and rate limits, and restore the fixture releases. */
  reset(): void;
  close(): Promise<void>;
}
