import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { RelnotesError } from '@relnotes/core';
import type { Io } from './io.js';

/** Reads a file, or standard input for `-`, naming the file in any error. */
export async function readText(file: string, io: Io): Promise<string> {
  if (file === '-') return io.readStdin();
  try {
    return await readFile(resolve(io.cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : String(code);
    throw new RelnotesError('E_IO', `cannot read ${file}: ${reason}`, { file });
  }
}

/** Parses JSON; a syntax error names the file, line and column. */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    const where = at ? lineAndColumn(text, Number(at[1])) : undefined;
    const place = where ? `${file}:${where.line}:${where.column}` : file;
    throw new RelnotesError('E_INPUT', `${place}: not valid JSON (${message.split('\n')[0]})`, {
      file,
      ...(where ?? {}),
      hint: 'Fix the JSON syntax at that place.',
    });
  }
}

export async function readJson(file: string, io: Io): Promise<unknown> {
  return parseJson(await readText(file, io), file === '-' ? '<stdin>' : file);
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
