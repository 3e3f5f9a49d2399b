import type { ProgressEvent } from '@relnotes/github';
import type { Io } from '../io.js';

/** `live`: one line on a terminal, rewritten in place; `plain`: a start line and a summary line (CI, --quiet). */
export type ProgressMode = 'live' | 'plain';

/** A terminal gets live progress, unless in CI or asked to be quiet. */
export function progressMode(env: Io['env'], quiet: boolean, isTTY: boolean): ProgressMode {
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
  return isTTY && !ci && !quiet ? 'live' : 'plain';
}

export interface ProgressReporter {
  start(what: string): void;
  /** Requests made outside the source's events (the REST range lookup): part of every count shown after. */
  addRequests(count: number): void;
  /** `requests` in events and in the summary are the source's own; the reporter adds the others. */
  onProgress(event: ProgressEvent): void;
  finish(summary: Readonly<{ pullRequests: number; requests: number; cacheHits: number }>): void;
}

const PHASES: Readonly<Record<ProgressEvent['phase'], string>> = {
  check: 'checking the cache',
  fetch: 'fetching',
  originals: 'fetching cherry-pick originals',
  list: 'listing',
};

const CLEAR_LINE = '\r\u001b[2K';

export function createProgressReporter(io: Io, mode: ProgressMode, now: () => number = Date.now): ProgressReporter {
  let started = now();
  let live = false;
  let otherRequests = 0;
  return {
    start(what) {
      started = now();
      io.stderr(`relnotes: gathering ${what}\n`);
    },
    addRequests(count) {
      otherRequests += count;
    },
    onProgress(event) {
      if (mode !== 'live') return;
      live = true;
      const count = event.phase === 'list' ? `${event.fetched} PRs` : `${event.fetched}/${event.total} PRs`;
      io.stderr(
        `${CLEAR_LINE}relnotes: ${PHASES[event.phase]} ${count} · ${event.requests + otherRequests} requests · ${event.cacheHits} from cache`,
      );
    },
    finish({ pullRequests, requests, cacheHits }) {
      if (live) io.stderr(CLEAR_LINE);
      const seconds = ((now() - started) / 1000).toFixed(1);
      io.stderr(
        `relnotes: gathered ${pullRequests} PRs in ${requests + otherRequests} requests (${cacheHits} from cache) in ${seconds} s\n`,
      );
    },
  };
}
