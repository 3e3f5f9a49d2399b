import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseJsonText, RelnotesError } from '@relnotes/core';
import type { Io } from './io.js';

/** Reads a file, or standard input for `-`, naming the file in any error. */
export async function readText(file: string, io: Io): Promise<string> {
  if (file === '-') return io.readStdin();
  try {
    return await readFile(resolve(io.cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : String(code);
    throw new RelnotesError('E_IO', `cannot read ${file}: ${reason}`, {
      file,
      hint: code === 'ENOENT' ? `Check the path; it is read relative to ${io.cwd}.` : 'Check the path.',
    });
  }
}

export async function readJson(file: string, io: Io): Promise<unknown> {
  return parseJsonText(await readText(file, io), file === '-' ? '<stdin>' : file);
}
