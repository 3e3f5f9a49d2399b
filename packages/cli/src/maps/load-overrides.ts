import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { type Diagnostic, type NoteOverride, parseOverrideFile, RelnotesError } from '@relnotes/core';

export interface LoadOverridesOptions {
  /** Relative folders are read from here (default: the process's working directory). */
  cwd?: string;
}

const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/**
 * Reads every override file (`*.yaml`, `*.yml`, `*.json`) below the folders, recursively, in sorted
 * path order, skipping dotfiles and dot-folders; a path that is a file is read as one. Content
 * problems come back as diagnostics naming the file as the user wrote its folder. A folder that
 * cannot be read throws `RelnotesError('E_IO')`. Duplicate PRs across files are found by
 * `applyOverrides` (or `findDuplicateOverrides`), not here.
 */
export async function loadOverrides(
  dirs: readonly string[],
  options: Readonly<LoadOverridesOptions> = {},
): Promise<{ overrides: NoteOverride[]; diagnostics: Diagnostic[]; files: string[] }> {
  const cwd = options.cwd ?? process.cwd();
  const files: string[] = [];
  for (const dir of dirs) files.push(...(await findOverrideFiles(dir, cwd)));
  const overrides: NoteOverride[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    let source: string;
    try {
      source = await readFile(resolve(cwd, file), 'utf8');
    } catch (error) {
      throw ioError(file, error);
    }
    const parsed = parseOverrideFile(source.replace(/^\uFEFF/, ''), file);
    overrides.push(...parsed.overrides);
    diagnostics.push(...parsed.diagnostics);
  }
  return { overrides, diagnostics, files };
}

async function findOverrideFiles(root: string, cwd: string): Promise<string[]> {
  try {
    if (!(await stat(resolve(cwd, root))).isDirectory()) return [root];
  } catch (error) {
    throw ioError(root, error);
  }
  const found: string[] = [];
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    let entries: Dirent[];
    try {
      entries = await readdir(resolve(cwd, dir), { withFileTypes: true });
    } catch (error) {
      throw ioError(dir, error);
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) pending.push(path);
      else if (entry.isFile() && EXTENSIONS.has(extname(entry.name).toLowerCase())) found.push(path);
    }
  }
  // Code-unit order, not locale order: the same on every machine.
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function ioError(path: string, error: unknown): RelnotesError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === 'ENOENT' ? 'no such file or folder' : String(code ?? error);
  return new RelnotesError(
    'E_IO',
    `cannot read override files in ${path}: ${reason}`,
    { file: path, hint: 'Give the folder that holds the pr-N-map.yaml files.' },
    { cause: error },
  );
}
