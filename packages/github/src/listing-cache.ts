import { join } from 'node:path';
import { cacheError, readCacheFile } from './pr-cache.js';
import { writeJsonAtomic } from './write-json-atomic.js';

export const LISTING_VERSION = 1;

/** One merged pull request of a listing; its data lives in the pull-request cache. */
export interface ListedPullRequest {
  number: number;
  mergedAt: string;
  updatedAt: string;
}

/**
 * Every pull request merged into `base` at or after `since`, as GitHub showed them at `checkedAt`:
 * `<cacheDir>/github/<host>/<owner>/<name>/listings/<base>.json`. A window inside it is answered from it
 * once the PRs updated since `checkedAt` are walked.
 */
export interface MergedListing {
  version: typeof LISTING_VERSION;
  repository: string;
  base: string;
  /** null: every merged PR of the branch is listed. */
  since: string | null;
  /** Server time (minus a safety margin) at which the listing was known to be complete. */
  checkedAt: string;
  pullRequests: ListedPullRequest[];
}

export interface ListingCache {
  read(base: string): Promise<MergedListing | null>;
  write(listing: Readonly<MergedListing>): Promise<void>;
}

export function openListingCache(repositoryDir: string, repository: string): ListingCache {
  const dir = join(repositoryDir, 'listings');
  // Branch names may hold `/`: encoded, they stay one file name inside `dir`.
  const fileOf = (base: string) => join(dir, `${encodeURIComponent(base)}.json`);
  return {
    async read(base) {
      const text = await readCacheFile(fileOf(base));
      return text === null ? null : parseListing(text, repository, base);
    },
    async write(listing) {
      try {
        await writeJsonAtomic(fileOf(listing.base), listing);
      } catch (error) {
        throw cacheError('write', fileOf(listing.base), error);
      }
    },
  };
}

/** A damaged, outdated or foreign listing (say `Main` on a case-insensitive disk) is a miss. */
function parseListing(text: string, repository: string, base: string): MergedListing | null {
  let value: Partial<MergedListing>;
  try {
    value = JSON.parse(text) as Partial<MergedListing>;
  } catch {
    return null; // A torn or hand-edited file: listed again and rewritten.
  }
  if (
    value === null ||
    typeof value !== 'object' ||
    value.version !== LISTING_VERSION ||
    value.repository !== repository ||
    value.base !== base ||
    !(value.since === null || isTime(value.since)) ||
    !isTime(value.checkedAt) ||
    !Array.isArray(value.pullRequests)
  ) {
    return null;
  }
  const ok = value.pullRequests.every(
    (item: Partial<ListedPullRequest> | null) =>
      item !== null &&
      typeof item === 'object' &&
      Number.isSafeInteger(item.number) &&
      isTime(item.mergedAt) &&
      isTime(item.updatedAt),
  );
  return ok ? (value as MergedListing) : null;
}

function isTime(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}
