import { readFile } from 'node:fs/promises';
import { RelnotesError } from '@relnotes/core';
import { writeFileAtomic } from '../write-file-atomic.js';
import { type InsertedRelease, insertRelease } from './insert-release.js';

/** Inserts (or replaces) one release's section in a changelog file, atomically; a missing file is created. */
export async function writeReleaseIntoFile(file: string, notes: string, release: string): Promise<InsertedRelease> {
  let existing: string | null;
  try {
    existing = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') {
      throw new RelnotesError('E_IO', `cannot read ${file}: ${String(code ?? error)}`, { file }, { cause: error });
    }
    existing = null;
  }
  const inserted = insertRelease(existing, notes, { release, file });
  await writeFileAtomic(file, inserted.text);
  return inserted;
}

/** `--insert` needs a file to insert into and a release to name the section. */
export function checkInsertOptions(
  command: string,
  output: string | null | undefined,
  release: string | null | undefined,
  format: string,
): void {
  const usage = (message: string) =>
    new RelnotesError('E_USAGE', `${command}: ${message}`, {
      hint: `Example: relnotes ${command} … --output CHANGELOG.md --insert --release v1.2.0`,
    });
  if (output === null || output === undefined)
    throw usage('--insert needs --output FILE (the changelog to insert into)');
  if (release === null || release === undefined) throw usage('--insert needs --release VERSION (it names the section)');
  if (format === 'json') throw usage('--insert writes Markdown; it cannot be used with --format json');
}
