import { join } from 'node:path';
import { cacheError, readCacheFile } from './pr-cache.js';
import { writeJsonAtomic } from './write-json-atomic.js';

const VERSION = 1;
/** Oldest entries go first beyond this; each run adds at most two. */
const MAX_ENTRIES = 1000;

/**
 * Commit dates by SHA, `<cacheDir>/github/<host>/<owner>/<name>/commit-dates.json`. A SHA names its
 * content, date included, so an entry never goes stale: a moved tag has a new SHA and misses.
 */
export interface CommitDateCache {
  read(): Promise<Map<string, string>>;
  /** Adds to what is on disk (another run may have added some meanwhile). */
  add(dates: ReadonlyMap<string, string>): Promise<void>;
}

interface CommitDatesFile {
  version: typeof VERSION;
  repository: string;
  dates: Record<string, string>;
}

export function openCommitDateCache(repositoryDir: string, repository: string): CommitDateCache {
  const file = join(repositoryDir, 'commit-dates.json');
  const read = async (): Promise<Map<string, string>> => {
    const text = await readCacheFile(file);
    return text === null ? new Map() : parseDates(text, repository);
  };
  return {
    read,
    async add(dates) {
      if (dates.size === 0) return;
      const all = await read();
      for (const [sha, date] of dates) {
        all.delete(sha);
        all.set(sha, date);
      }
      const kept = [...all].slice(-MAX_ENTRIES);
      const content: CommitDatesFile = { version: VERSION, repository, dates: Object.fromEntries(kept) };
      try {
        await writeJsonAtomic(file, content);
      } catch (error) {
        throw cacheError('write', file, error);
      }
    },
  };
}

function parseDates(text: string, repository: string): Map<string, string> {
  const dates = new Map<string, string>();
  let value: Partial<CommitDatesFile>;
  try {
    value = JSON.parse(text) as Partial<CommitDatesFile>;
  } catch {
    return dates; // A torn or hand-edited file: the dates are asked again and the file rewritten.
  }
  if (value === null || typeof value !== 'object' || value.version !== VERSION || value.repository !== repository)
    return dates;
  if (value.dates === null || typeof value.dates !== 'object') return dates;
  for (const [sha, date] of Object.entries(value.dates)) {
    if (isSha(sha) && typeof date === 'string' && !Number.isNaN(Date.parse(date))) dates.set(sha, date);
  }
  return dates;
}

/** A full commit id: 40 (SHA-1) or 64 (SHA-256) hex digits. */
export function isSha(value: string): boolean {
  if (value.length !== 40 && value.length !== 64) return false;
  for (const char of value) {
    if (!((char >= '0' && char <= '9') || (char >= 'a' && char <= 'f'))) return false;
  }
  return true;
}
