import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { excerpt, RelnotesError } from '@relnotes/core';
import { builtinPackDir, listBuiltinPacks } from './builtin-packs.js';

/** A template pack, read from disk: the main template, its partials, and where each came from. */
export interface TemplatePack {
  name: string;
  dir: string;
  /** The main template's source. */
  main: string;
  mainFile: string;
  /** Partial name → source; a child pack's partials override its parent's. */
  partials: Record<string, string>;
  /** Partial name → file path. */
  partialFiles: Record<string, string>;
  description: string;
}

interface PackManifest {
  name: string;
  description: string;
  main: string | null;
  extends: string | null;
}

const MAX_EXTENDS_DEPTH = 8;

/**
 * Loads a pack by built-in name (`kubernetes`) or folder path. A folder holds `pack.json`
 * (`{ name, description, main, extends? }`) and `partials/*.hbs`; `extends` names a built-in
 * pack or a folder relative to this one, whose partials (and main template, if none is given) it inherits.
 */
export async function loadTemplatePack(nameOrDir: string): Promise<TemplatePack> {
  return loadPack(resolvePackDir(nameOrDir, process.cwd()), []);
}

function resolvePackDir(nameOrDir: string, base: string): string {
  const isName = !isAbsolute(nameOrDir) && !nameOrDir.includes('/') && !nameOrDir.includes('\\');
  if (isName && listBuiltinPacks().includes(nameOrDir)) return builtinPackDir(nameOrDir);
  return resolve(base, nameOrDir);
}

async function loadPack(dir: string, chain: readonly string[]): Promise<TemplatePack> {
  if (chain.includes(dir)) {
    throw new RelnotesError(
      'E_TEMPLATE',
      `template packs extend each other in a loop: ${[...chain, dir].join(' → ')}`,
      {
        file: join(dir, 'pack.json'),
        hint: 'Remove one of the "extends" entries.',
      },
    );
  }
  if (chain.length >= MAX_EXTENDS_DEPTH) {
    throw new RelnotesError('E_TEMPLATE', `template packs extend each other more than ${MAX_EXTENDS_DEPTH} deep`, {
      file: join(dir, 'pack.json'),
    });
  }
  await checkIsFolder(dir);
  const manifestFile = join(dir, 'pack.json');
  const manifest = parseManifest(await readText(manifestFile, 'pack.json'), manifestFile);
  const parent =
    manifest.extends === null ? null : await loadPack(resolvePackDir(manifest.extends, dir), [...chain, dir]);

  const own = await readPartials(join(dir, 'partials'));
  const partials: Record<string, string> = { ...parent?.partials };
  const partialFiles: Record<string, string> = { ...parent?.partialFiles };
  for (const [name, file] of own) {
    partials[name] = await readText(file, 'partial');
    partialFiles[name] = file;
  }

  let main: string;
  let mainFile: string;
  if (manifest.main !== null) {
    mainFile = join(dir, manifest.main);
    main = await readText(mainFile, 'main template');
  } else if (parent) {
    main = parent.main;
    mainFile = parent.mainFile;
  } else {
    throw new RelnotesError('E_TEMPLATE', `${manifestFile}: "main" is missing`, {
      file: manifestFile,
      hint: 'Name the main template: { "main": "changelog.md.hbs" }, or "extends" a pack that has one.',
    });
  }
  return { name: manifest.name, dir, main, mainFile, partials, partialFiles, description: manifest.description };
}

async function checkIsFolder(dir: string): Promise<void> {
  const known = listBuiltinPacks().join(', ');
  const notFound = new RelnotesError('E_TEMPLATE', `no template pack at ${dir}`, {
    file: dir,
    hint: `Give a built-in pack name (${known}) or a folder holding a pack.json.`,
  });
  try {
    if (!(await stat(dir)).isDirectory()) throw notFound;
  } catch (error) {
    if (error === notFound || isNotFound(error)) throw notFound;
    throw ioError(dir, error);
  }
}

async function readPartials(dir: string): Promise<[string, string][]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if (isNotFound(error)) return [];
    throw ioError(dir, error);
  }
  return names
    .filter((name) => name.endsWith('.hbs'))
    .sort()
    .map((name) => [basename(name, '.hbs'), join(dir, name)]);
}

async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (isNotFound(error)) {
      throw new RelnotesError('E_TEMPLATE', `${file}: ${what} not found`, {
        file,
        hint: what === 'pack.json' ? 'A template pack folder needs a pack.json.' : 'Check the file name in pack.json.',
      });
    }
    throw ioError(file, error);
  }
}

function parseManifest(text: string, file: string): PackManifest {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new RelnotesError('E_TEMPLATE', `${file}: not valid JSON (${(error as Error).message})`, {
      file,
      hint: 'Example: { "name": "my-pack", "description": "…", "main": "changelog.md.hbs", "extends": "kubernetes" }',
    });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw badField(file, 'the file', 'an object', data);
  }
  const record = data as Record<string, unknown>;
  const name = record.name;
  if (typeof name !== 'string' || name === '') throw badField(file, '"name"', 'a non-empty string', name);
  const description = record.description ?? '';
  if (typeof description !== 'string') throw badField(file, '"description"', 'a string', description);
  const main = record.main ?? null;
  if (main !== null && (typeof main !== 'string' || main === '')) throw badField(file, '"main"', 'a file name', main);
  const parent = record.extends ?? null;
  if (parent !== null && (typeof parent !== 'string' || parent === '')) {
    throw badField(file, '"extends"', 'a pack name or folder', parent);
  }
  return { name, description, main, extends: parent };
}

function badField(file: string, field: string, expected: string, actual: unknown): RelnotesError {
  const shown = actual === undefined ? 'nothing' : excerpt(JSON.stringify(actual) ?? String(actual), 40);
  return new RelnotesError('E_TEMPLATE', `${file}: ${field} must be ${expected}, got ${shown}`, {
    file,
    hint: 'Example: { "name": "my-pack", "description": "…", "main": "changelog.md.hbs", "extends": "kubernetes" }',
  });
}

function ioError(path: string, error: unknown): RelnotesError {
  return new RelnotesError('E_IO', `${path}: ${(error as Error).message}`, { file: path }, { cause: error });
}

function isNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
