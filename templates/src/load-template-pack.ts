import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { excerpt, type HelperFn, markdownHelpers, RelnotesError } from '@relnotes/core';
import { builtinPackDir, listBuiltinPacks } from './builtin-packs.js';
import { loadPackHelpers } from './load-pack-helpers.js';

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
  /** Helper name → function, from `helpers.mjs`; a child pack's helpers override its parent's. */
  helpers: Record<string, HelperFn>;
  /** Helper name → the helpers.mjs that defines it. */
  helperFiles: Record<string, string>;
  description: string;
  /**
   * pack.json's `mentions` (a parent's when unset): `false` when the pack is for output GitHub renders, so
   * that `@user` and `#123` in note texts are neutralised by default; `null` when no pack in the chain says.
   */
  mentions: boolean | null;
}

interface PackManifest {
  name: string;
  description: string;
  main: string | null;
  extends: string | null;
  /** Built-in helpers this pack's helpers.mjs replaces on purpose. */
  overrideHelpers: string[];
  mentions: boolean | null;
}

/** Handlebars' own helpers: the templates' control flow, never replaced. */
const HANDLEBARS_HELPERS = new Set([
  'if',
  'unless',
  'each',
  'with',
  'lookup',
  'log',
  'blockHelperMissing',
  'helperMissing',
]);
/** A name a template can call: `{{sig-count sigs}}`. */
const HELPER_NAME = /^[A-Za-z_$][\w$-]*$/;

const MAX_EXTENDS_DEPTH = 8;

/**
 * Loads a pack by built-in name (`kubernetes`) or folder path. A folder holds `pack.json`
 * (`{ name, description, main, extends?, overrideHelpers? }`), `partials/*.hbs` and maybe `helpers.mjs`;
 * `extends` names a built-in pack or a folder relative to this one, whose partials, helpers (and main
 * template, if none is given) it inherits. A helper named like a built-in one must be listed in
 * `overrideHelpers`, so that no built-in is replaced by accident.
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

  const { helpers, helperFiles } = await mergeHelpers(dir, manifest, manifestFile, parent);

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
  return {
    name: manifest.name,
    dir,
    main,
    mainFile,
    partials,
    partialFiles,
    helpers,
    helperFiles,
    description: manifest.description,
    mentions: manifest.mentions ?? parent?.mentions ?? null,
  };
}

/** The parent's helpers, then this pack's helpers.mjs over them, checked against `overrideHelpers`. */
async function mergeHelpers(
  dir: string,
  manifest: Readonly<PackManifest>,
  manifestFile: string,
  parent: Readonly<TemplatePack> | null,
): Promise<{ helpers: Record<string, HelperFn>; helperFiles: Record<string, string> }> {
  const file = join(dir, 'helpers.mjs');
  const own = await loadPackHelpers(file);
  const helpers: Record<string, HelperFn> = { ...parent?.helpers };
  const helperFiles: Record<string, string> = { ...parent?.helperFiles };
  for (const [name, fn] of Object.entries(own ?? {})) {
    if (!HELPER_NAME.test(name)) {
      throw new RelnotesError(
        'E_TEMPLATE',
        `${file}: helper "${excerpt(name, 40)}" is not a name a template can call`,
        {
          file,
          hint: 'Use letters, digits, "-" and "_", starting with a letter: "sig-count".',
        },
      );
    }
    if (HANDLEBARS_HELPERS.has(name)) {
      throw new RelnotesError('E_TEMPLATE', `${file}: helper "${name}" would replace Handlebars' own "${name}"`, {
        file,
        hint: 'Give the helper another name.',
      });
    }
    if (Object.hasOwn(markdownHelpers, name) && !manifest.overrideHelpers.includes(name)) {
      throw new RelnotesError('E_TEMPLATE', `${file}: helper "${name}" would replace the built-in helper "${name}"`, {
        file,
        hint: `To replace it on purpose, list it in ${manifestFile}: "overrideHelpers": ["${name}"]. Else rename the helper.`,
      });
    }
    helpers[name] = fn;
    helperFiles[name] = file;
  }
  for (const name of manifest.overrideHelpers) {
    if (!Object.hasOwn(markdownHelpers, name)) {
      throw new RelnotesError(
        'E_TEMPLATE',
        `${manifestFile}: "overrideHelpers" names "${name}", which is not a built-in helper`,
        {
          file: manifestFile,
          hint: 'List only built-in helpers (see templates/README.md#helpers) that helpers.mjs replaces.',
        },
      );
    }
    if (own === null || !Object.hasOwn(own, name)) {
      throw new RelnotesError(
        'E_TEMPLATE',
        `${manifestFile}: "overrideHelpers" names "${name}", but ${file} does not define it`,
        {
          file: manifestFile,
          hint: `Define "${name}" in the helpers object of ${file}, or remove it from "overrideHelpers".`,
        },
      );
    }
  }
  return { helpers, helperFiles };
}

async function checkIsFolder(dir: string): Promise<void> {
  const known = listBuiltinPacks().join(', ');
  const notFound = new RelnotesError('E_IO', `no template pack at ${dir}`, {
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
  const overrideHelpers = record.overrideHelpers ?? [];
  if (!Array.isArray(overrideHelpers) || overrideHelpers.some((item) => typeof item !== 'string')) {
    throw badField(file, '"overrideHelpers"', 'a list of built-in helper names', overrideHelpers);
  }
  const mentions = record.mentions ?? null;
  if (mentions !== null && typeof mentions !== 'boolean') throw badField(file, '"mentions"', 'true or false', mentions);
  return { name, description, main, extends: parent, overrideHelpers: overrideHelpers as string[], mentions };
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
