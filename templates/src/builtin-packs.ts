import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: packs are folders next to `src/` and `dist/`. */
const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The names of the built-in template packs (folders of this package holding a pack.json). */
export function listBuiltinPacks(): string[] {
  return readdirSync(PACKAGE_ROOT, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(PACKAGE_ROOT, entry.name, 'pack.json')))
    .map((entry) => entry.name)
    .sort();
}

/** The folder of a built-in pack (it may not exist: check with `listBuiltinPacks`). */
export function builtinPackDir(name: string): string {
  return join(PACKAGE_ROOT, name);
}
