import { access } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CONFIG_FILE_NAMES, defaultConfig, loadConfig, type RelnotesConfig } from './config.js';

/** The config named by --config, else the first relnotes.config.* in the working directory, else defaults. */
export async function findConfig(explicit: string | undefined, cwd: string): Promise<RelnotesConfig> {
  if (explicit !== undefined) return loadConfig(resolve(cwd, explicit));
  for (const name of CONFIG_FILE_NAMES) {
    const candidate = join(cwd, name);
    if (await exists(candidate)) return loadConfig(candidate);
  }
  return defaultConfig();
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
