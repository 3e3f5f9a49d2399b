import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { RelnotesError } from '@relnotes/core';

/**
 * Writes a file so that readers see the old content or the new, never half of it. A write that the file
 * system refuses (a folder in the way, no permission, a full disk) is an `E_IO` error naming the file.
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  // A device or pipe (`--output /dev/null`, `/dev/stdout`, a FIFO) is written to, never replaced.
  if (await isSpecialFile(path))
    return writeFile(path, content).catch((error: unknown) => {
      throw toWriteError(error, path);
    });
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.relnotes-${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(temp, content, { flag: 'wx' });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw toWriteError(error, path);
  }
}

async function isSpecialFile(path: string): Promise<boolean> {
  try {
    const info = await stat(path);
    return !info.isFile() && !info.isDirectory();
  } catch {
    // Missing (the usual case) or unreadable: the atomic write below reports what is wrong.
    return false;
  }
}

const REASONS: Readonly<Record<string, [reason: string, hint: string]>> = {
  EISDIR: ['it is a folder', 'Give a file name, for example --output CHANGELOG.md.'],
  ENOTEMPTY: ['it is a folder', 'Give a file name, for example --output CHANGELOG.md.'],
  ENOTDIR: ['a part of its path is a file, not a folder', 'Check the path.'],
  EEXIST: ['a part of its path is a file, not a folder', 'Check the path.'],
  EACCES: ['permission denied', 'Write somewhere you have write access to.'],
  EPERM: ['permission denied', 'Write somewhere you have write access to.'],
  EROFS: ['the file system is read-only', 'Write somewhere else.'],
  ENOSPC: ['the disk is full', 'Free some space; the old file, if any, is unchanged.'],
};

function toWriteError(error: unknown, path: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const known = code === undefined ? undefined : REASONS[code];
  if (known === undefined) return error;
  const [reason, hint] = known;
  return new RelnotesError('E_IO', `cannot write ${path}: ${reason}`, { file: path, hint }, { cause: error });
}
