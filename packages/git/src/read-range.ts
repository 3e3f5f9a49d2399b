import { type ParsedCommitMessage, parseCommitMessage } from './parse-commit-message.js';
import { readLog } from './read-log.js';

/** A commit of the range, reduced to what the walk needs. */
export interface RangeCommit {
  hash: string;
  parents: string[];
  /** Kept only for commits that name no PR (their diagnostics quote it). */
  subject: string;
  pr: ParsedCommitMessage | null;
  /** The `(cherry picked from commit X)` line `git cherry-pick -x` adds: X. */
  cherryPickedFrom?: string;
}

const PICKED_MARKER = '(cherry picked from commit ';
const HASH_LENGTHS = [64, 40];

function isHexDigit(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 102);
}

/** The commit `git cherry-pick -x` names in a body; linear scanning, no regex. */
export function cherryPickedFrom(body: string): string | undefined {
  const at = body.lastIndexOf(PICKED_MARKER);
  if (at === -1) return undefined;
  const start = at + PICKED_MARKER.length;
  let end = start;
  while (end < body.length && end - start <= 64 && isHexDigit(body.charCodeAt(end))) end++;
  const length = end - start;
  return HASH_LENGTHS.includes(length) && body[end] === ')' ? body.slice(start, end) : undefined;
}

/**
 * Every commit reachable from `to` and not from `from` (what `git log from..to` shows), by hash: one
 * streamed `git log`, so the walk costs one git process however many merges the range holds.
 */
export async function readRange(repoPath: string, toHash: string, fromHash: string): Promise<Map<string, RangeCommit>> {
  const commits = new Map<string, RangeCommit>();
  await readLog(repoPath, [toHash, '--not', fromHash], (record) => {
    const pr = parseCommitMessage(record.subject, record.body);
    const commit: RangeCommit = {
      hash: record.hash,
      parents: record.parents,
      subject: pr === null ? record.subject : '',
      pr,
    };
    const picked = cherryPickedFrom(record.body);
    if (picked !== undefined) commit.cherryPickedFrom = picked;
    commits.set(record.hash, commit);
  });
  return commits;
}
