import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { RelnotesError } from '@relnotes/core';
import { listBuiltinPacks } from '@relnotes/templates';
import type { Io } from '../io.js';
import { watchFiles } from './watch-files.js';

export interface WatchRenderOptions {
  signal: AbortSignal;
  /** Renders and writes once; returns how many notes were published. Errors are reported, not fatal. */
  render: () => Promise<number>;
  /** Where `render` writes, for the report line (and so its own writes do not trigger a run). */
  output: string;
  /** The saved context, override folders and the template pack (a name or a folder). */
  contextFile: string;
  maps: readonly string[];
  template: string;
  debounceMs?: number;
}

/**
 * Re-renders whenever the context file, an override file or a file of the template pack (and of the packs
 * it extends) changes, until `signal` aborts. Each run loads the pack again; an edited helpers.mjs is
 * imported afresh (loadTemplatePack versions its URL by content), not served from Node's module cache. Each run prints `rendered N notes to FILE in T ms`, or one
 * line naming the file, line and column of what went wrong; the loop goes on either way.
 */
export async function watchRender(options: Readonly<WatchRenderOptions>, io: Io): Promise<void> {
  const output = resolve(options.output);
  await watchFiles({
    signal: options.signal,
    debounceMs: options.debounceMs ?? 100,
    ignore: (path) => resolve(path) === output,
    targets: async () => [options.contextFile, ...options.maps, ...(await packFolders(options.template))],
    run: async () => {
      const started = performance.now();
      try {
        const count = await options.render();
        const ms = Math.round(performance.now() - started);
        io.stdout(`rendered ${count} notes to ${options.output} in ${ms} ms\n`);
      } catch (error) {
        io.stderr(`relnotes: ${describeError(error)}\n`);
      }
    },
  });
}

/** One line: `file:line:col: problem` for errors a user can act on. */
export function describeError(error: unknown): string {
  if (error instanceof RelnotesError) {
    const first = error.message.split('\n')[0] ?? '';
    const where =
      error.file === undefined
        ? undefined
        : error.line === undefined
          ? error.file
          : `${error.file}:${error.line}:${error.column ?? 1}`;
    return where === undefined || first.startsWith(error.file ?? '') ? first : `${where}: ${first}`;
  }
  return `internal error: ${error instanceof Error ? error.message : String(error)}`;
}

/** A pack folder and the folders it extends; built-in packs are not watched. */
export async function packFolders(template: string): Promise<string[]> {
  const folders: string[] = [];
  let next: string | null = isBuiltin(template) ? null : resolve(template);
  while (next !== null && !folders.includes(next) && folders.length < 8) {
    const dir: string = next;
    folders.push(dir);
    next = null;
    const parent = await readExtends(join(dir, 'pack.json'));
    if (parent !== null && !isBuiltin(parent)) next = isAbsolute(parent) ? parent : resolve(dir, parent);
  }
  return folders;
}

function isBuiltin(name: string): boolean {
  return !name.includes('/') && !name.includes('\\') && listBuiltinPacks().includes(name);
}

/** The pack.json's `extends`, or null. A pack.json being edited may be broken: the render reports that. */
async function readExtends(file: string): Promise<string | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError) return null;
    throw error;
  }
  const parent = (data as { extends?: unknown } | null)?.extends;
  return typeof parent === 'string' && parent !== '' ? parent : null;
}
