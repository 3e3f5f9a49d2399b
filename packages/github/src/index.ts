// The public API of @relnotes/github. Named exports only, listed by hand; index.test.ts pins the list.

export type { DraftReleaseOptions, DraftReleaseResult } from './draft-release.js';
export { createOrUpdateDraftRelease } from './draft-release.js';
export type { GitHubErrorDetails, GitHubErrorKind } from './github-error.js';
export { GitHubError } from './github-error.js';
export type {
  FetchPullRequestsOptions,
  FetchPullRequestsResult,
  GitHubSource,
  GitHubSourceStats,
  ListMergedPullRequestsOptions,
} from './github-source.js';
export { createGitHubSource } from './github-source.js';
export type { GitHubSourceOptions, ProgressEvent } from './options.js';
export { defaultCacheDir } from './pr-cache.js';
export type { ReleaseRange, ReleaseRangeOptions } from './release-range.js';
export { resolveReleaseRange } from './release-range.js';
export type { GitHubRestOptions } from './rest-client.js';
