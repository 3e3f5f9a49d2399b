import { type FSWatcher, watch } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

export interface WatchFilesOptions {
  /** Aborting it closes every watcher; `watchFiles` then resolves. */
  signal: AbortSignal;
  /**
   * The files and folders to watch (folders with everything below them). Asked again after each run, so
   * new folders, and files named after a change (a pack's new `extends`), are watched too.
   */
  targets: () => Promise<readonly string[]>;
  /** Runs once at the start, then once per burst of changes; never twice at the same time. Must not reject. */
  run: () => Promise<void>;
  /** Changes to these paths are ignored: the output file, when it sits in a watched folder. */
  ignore?: (path: string) => boolean;
  /** Quiet time after the last change before running (default 100 ms): editors write a file in steps. */
  debounceMs?: number;
}

const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

/**
 * Watches files and folder trees and calls `run` after changes. `fs.watch` with `recursive` does not work
 * on Linux before Node 22, so each folder is watched on its own; a file is watched through its folder, so
 * that an editor's save-by-rename (a new inode) is still seen.
 */
export async function watchFiles(options: Readonly<WatchFilesOptions>): Promise<void> {
  const { signal } = options;
  const debounceMs = options.debounceMs ?? 100;
  const watchers = new Map<string, FSWatcher>();
  // Folder → the names watched in it, or null for every (non-dot) name.
  let wanted = new Map<string, Set<string> | null>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let failed: ((error: unknown) => void) | undefined;

  const onEvent = (dir: string, name: string | null) => {
    if (signal.aborted) return;
    if (name !== null) {
      const names = wanted.get(dir);
      if (names === undefined) return;
      if (names === null ? name.startsWith('.') : !names.has(name)) return;
      if (options.ignore?.(join(dir, name))) return;
    }
    clearTimeout(timer);
    timer = setTimeout(fire, debounceMs);
  };

  const sync = async () => {
    const next = await scanTargets(await options.targets());
    for (const [dir, watcher] of watchers) {
      if (!next.has(dir)) {
        watcher.close();
        watchers.delete(dir);
      }
    }
    for (const dir of next.keys()) {
      if (watchers.has(dir) || signal.aborted) continue;
      try {
        const watcher = watch(dir, (_event, name) => onEvent(dir, name === null ? null : String(name)));
        // A folder that disappears ends its watcher; the next scan watches it again if it comes back.
        watcher.on('error', () => {
          watcher.close();
          watchers.delete(dir);
        });
        watchers.set(dir, watcher);
      } catch (error) {
        // Gone between the scan and the watch: the next scan decides again.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    wanted = next;
  };

  const cycle = async () => {
    do {
      again = false;
      // Watch before running, so that an edit made while (or just after) the run is never missed.
      await sync();
      await options.run();
    } while (again && !signal.aborted);
  };

  function fire() {
    if (running) {
      again = true;
      return;
    }
    running = cycle()
      .catch((error: unknown) => failed?.(error))
      .finally(() => {
        running = undefined;
      });
  }

  await new Promise<void>((resolvePromise, reject) => {
    const stop = () => {
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
      void (running ?? Promise.resolve()).then(() => resolvePromise());
    };
    failed = (error) => {
      stop();
      reject(error);
    };
    if (signal.aborted) return resolvePromise();
    signal.addEventListener('abort', stop, { once: true });
    fire();
  });
}

/** Every folder to watch, with the names that matter in it. A missing file is watched for in its folder. */
async function scanTargets(targets: readonly string[]): Promise<Map<string, Set<string> | null>> {
  const wanted = new Map<string, Set<string> | null>();
  const addName = (dir: string, name: string) => {
    const names = wanted.get(dir);
    if (names === null) return;
    wanted.set(dir, new Set([...(names ?? []), name]));
  };
  for (const target of targets.map((path) => resolve(path))) {
    const kind = await kindOf(target);
    if (kind === 'folder') {
      for (const dir of await listFolders(target)) wanted.set(dir, null);
    } else {
      const dir = dirname(target);
      if ((await kindOf(dir)) === 'folder') addName(dir, basename(target));
    }
  }
  return wanted;
}

async function kindOf(path: string): Promise<'folder' | 'file' | 'missing'> {
  try {
    return (await stat(path)).isDirectory() ? 'folder' : 'file';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
}

async function listFolders(root: string): Promise<string[]> {
  const found: string[] = [];
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    found.push(dir);
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      // Removed while scanning: nothing below it to watch.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    for (const entry of entries) {
      if (entry.isDirectory() && !entry.name.startsWith('.') && !SKIPPED_FOLDERS.has(entry.name)) {
        pending.push(join(dir, entry.name));
      }
    }
  }
  return found;
}
