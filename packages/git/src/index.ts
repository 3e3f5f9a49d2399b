// The public API of @relnotes/git. Named exports only, listed by hand; index.test.ts pins the list.

export type { MergedPullRequests, PrReference, RangeOptions } from './list-merged-pull-requests.js';
export { listMergedPullRequests } from './list-merged-pull-requests.js';
export type { PrKind } from './parse-commit-message.js';
export { previousTag } from './previous-tag.js';
export { workTreeRoot } from './repository.js';
