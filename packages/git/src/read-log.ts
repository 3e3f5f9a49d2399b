import { RelnotesError } from '@relnotes/core';
import { runGit } from './run-git.js';

/** One commit as `git log` prints it with {@link LOG_FORMAT}. */
export interface LogRecord {
  hash: string;
  parents: string[];
  subject: string;
  body: string;
}

/**
 * Four fields, each ended by NUL (`-z` ends the last one): hash, parents, subject, body. Commit messages
 * cannot hold NUL, so no subject or body can be mistaken for a separator; newlines are never split on.
 */
export const LOG_FORMAT = '--format=%H%x00%P%x00%s%x00%b';
const FIELDS = 4;
/** A longer field is cut: no commit message may make us hold gigabytes. */
const MAX_FIELD_BYTES = 1024 * 1024;

const HASH_LENGTHS = new Set([40, 64]);

function isHash(value: string): boolean {
  if (!HASH_LENGTHS.has(value.length)) return false;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    const digit = code >= 48 && code <= 57;
    const lower = code >= 97 && code <= 102;
    if (!digit && !lower) return false;
  }
  return true;
}

/**
 * Splits a stream of NUL-terminated fields into log records, one chunk at a time. Fields are decoded
 * whole, so a UTF-8 character split between two chunks survives.
 */
export function createLogParser(onRecord: (record: LogRecord) => void): { push(chunk: Buffer): void; end(): void } {
  let parts: Buffer[] = [];
  let partBytes = 0;
  let fields: string[] = [];

  const takeField = (): void => {
    fields.push(Buffer.concat(parts).toString('utf8'));
    parts = [];
    partBytes = 0;
    if (fields.length < FIELDS) return;
    const [hash = '', parents = '', subject = '', body = ''] = fields;
    fields = [];
    if (!isHash(hash)) {
      throw new RelnotesError('E_IO', `unexpected git log output: "${hash.slice(0, 40)}" is not a commit hash`);
    }
    onRecord({ hash, parents: parents === '' ? [] : parents.split(' '), subject, body });
  };

  const keep = (piece: Buffer): void => {
    const room = MAX_FIELD_BYTES - partBytes;
    if (room <= 0 || piece.length === 0) return;
    const kept = piece.length > room ? piece.subarray(0, room) : piece;
    parts.push(kept);
    partBytes += kept.length;
  };

  return {
    push(chunk: Buffer): void {
      let start = 0;
      for (let end = chunk.indexOf(0, start); end !== -1; end = chunk.indexOf(0, start)) {
        keep(chunk.subarray(start, end));
        takeField();
        start = end + 1;
      }
      // A chunk is reused by the stream: copy what we keep of it.
      if (start < chunk.length) keep(Buffer.from(chunk.subarray(start)));
    },
    end(): void {
      if (partBytes > 0 || fields.length > 0) {
        throw new RelnotesError('E_IO', 'unexpected git log output: the last commit is incomplete');
      }
    },
  };
}

/**
 * Streams `git log` with the given revision arguments (commit hashes and flags only, never raw user
 * input) and calls `onRecord` for each commit, newest first.
 */
export async function readLog(
  repoPath: string,
  revisionArgs: readonly string[],
  onRecord: (record: LogRecord) => void,
): Promise<void> {
  const parser = createLogParser(onRecord);
  const result = await runGit(repoPath, ['log', '-z', LOG_FORMAT, ...revisionArgs, '--'], {
    onStdout: (chunk) => parser.push(chunk),
  });
  if (result.exitCode !== 0) {
    throw new RelnotesError('E_IO', `git log failed in ${repoPath}: ${result.stderr.trim().split('\n')[0] ?? ''}`);
  }
  parser.end();
}
