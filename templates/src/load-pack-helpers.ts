import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { excerpt, type HelperFn, RelnotesError } from '@relnotes/core';

const EXAMPLE = 'Example: export const helpers = { "sig-count"(sigs) { return String(sigs.length); } };';

/**
 * Imports a pack's `helpers.mjs` and returns its helpers (name → function), or null when the pack has
 * none. The module exports one object, `helpers`; every value of it must be a function.
 *
 * The URL carries a hash of the file's content, so that an edited file is imported afresh (Node caches an
 * ES module by URL for the life of the process: `render --watch` would keep the old helpers otherwise), and
 * an unchanged one is not imported twice. Modules that helpers.mjs imports itself stay cached.
 */
export async function loadPackHelpers(file: string): Promise<Record<string, HelperFn> | null> {
  let source: Buffer;
  try {
    source = await readFile(file);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw new RelnotesError('E_IO', `${file}: ${(error as Error).message}`, { file }, { cause: error });
  }
  const version = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const url = `${pathToFileURL(file).href}?v=${version}`;
  let module: Record<string, unknown>;
  try {
    module = (await import(url)) as Record<string, unknown>;
  } catch (error) {
    throw importError(file, url, error);
  }
  return checkHelpers(module, file);
}

function checkHelpers(module: Readonly<Record<string, unknown>>, file: string): Record<string, HelperFn> {
  const exported = module.helpers;
  if (exported === undefined) {
    const others = Object.keys(module).sort();
    const found = others.length === 0 ? 'no exports' : `only ${others.map((name) => `"${name}"`).join(', ')}`;
    throw new RelnotesError('E_TEMPLATE', `${file}: exports no "helpers" object (found ${found})`, {
      file,
      hint: EXAMPLE,
    });
  }
  if (typeof exported !== 'object' || exported === null || Array.isArray(exported)) {
    throw new RelnotesError('E_TEMPLATE', `${file}: "helpers" must be an object of functions, got ${shown(exported)}`, {
      file,
      hint: EXAMPLE,
    });
  }
  const helpers: Record<string, HelperFn> = {};
  for (const [name, value] of Object.entries(exported)) {
    if (typeof value !== 'function') {
      throw new RelnotesError('E_TEMPLATE', `${file}: helper "${name}" must be a function, got ${shown(value)}`, {
        file,
        hint: EXAMPLE,
      });
    }
    helpers[name] = value as HelperFn;
  }
  return helpers;
}

/**
 * Names the file, and the line and column when the stack points into it (it does for a throw while loading;
 * Node names the module by URL, a test runner that loads modules itself by path).
 */
function importError(file: string, url: string, error: unknown): RelnotesError {
  const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  const query = url.slice(url.indexOf('?'));
  let position: { line: number; column: number } | undefined;
  for (const name of [url, `${file}${query}`, file]) {
    const at = stack.indexOf(`${name}:`);
    const place = at === -1 ? null : /^(\d+):(\d+)/.exec(stack.slice(at + name.length + 1));
    if (place) {
      position = { line: Number(place[1]), column: Number(place[2]) };
      break;
    }
  }
  const where = position === undefined ? file : `${file}:${position.line}:${position.column}`;
  return new RelnotesError(
    'E_TEMPLATE',
    `${where}: cannot be loaded: ${message}`,
    {
      file,
      ...position,
      // Node 20 does not say where a syntax error of a module is; node --check does.
      hint: position === undefined ? `Run \`node --check ${file}\` to see where.` : 'Fix the line named above.',
    },
    { cause: error },
  );
}

function shown(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `"${excerpt(value, 40)}"`;
  return typeof value === 'object' ? 'an object' : excerpt(String(value), 40);
}
