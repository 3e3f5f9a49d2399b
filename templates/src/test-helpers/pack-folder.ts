import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RelnotesError } from '@relnotes/core';
import { afterEach, beforeEach } from 'vitest';
import { loadTemplatePack } from '../load-template-pack.js';

export interface PackFolder {
  /** The temporary folder of the current test. */
  readonly dir: string;
  /** Writes `files` (relative path → text) into `dir/folder`; returns that folder. */
  writePack(folder: string, files: Record<string, string>): Promise<string>;
  /** The RelnotesError that loading the pack throws; fails the test if it loads. */
  loadError(nameOrDir: string): Promise<RelnotesError>;
}

/** A fresh temporary folder for each test of the calling file, for packs written on the fly. */
export function usePackFolder(prefix: string): PackFolder {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir;
    },
    async writePack(folder, files) {
      const root = join(dir, folder);
      for (const [name, text] of Object.entries(files)) {
        await mkdir(join(root, name, '..'), { recursive: true });
        await writeFile(join(root, name), text);
      }
      return root;
    },
    async loadError(nameOrDir) {
      const error = await loadTemplatePack(nameOrDir).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      if (error instanceof RelnotesError) return error;
      throw new Error(`expected a RelnotesError, got ${String(error)}`);
    },
  };
}
