import { readdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { RelnotesError } from '@relnotes/core';
import { builtinPackDir, listBuiltinPacks, loadTemplatePack } from '@relnotes/templates';
import type { Io } from '../io.js';
import { type Command, VERSION } from '../main.js';
import { parseOptions } from '../parse-options.js';
import { usageError } from '../usage-error.js';
import { writeFileAtomic } from '../write-file-atomic.js';

const HELP = `Usage: relnotes templates list
       relnotes templates eject NAME DIR

Template packs render the notes: a folder with a pack.json, a main template,
partials/*.hbs and a README that documents the context the templates receive.

templates list
  Prints the built-in packs with their descriptions.

templates eject NAME DIR
  Copies the built-in pack NAME into DIR to edit it, then use it with
  \`relnotes generate --template DIR\`. The copied pack.json records the pack and
  relnotes version it came from ("ejectedFrom"). DIR must not exist or be empty:
  nothing is ever overwritten. To change one partial only, write a pack whose
  pack.json says { "extends": "NAME" } instead (see templates/README.md).

Examples:
  relnotes templates list
  relnotes templates eject kubernetes .relnotes/templates
`;

export const runTemplates: Command = {
  summary: 'List the built-in template packs, or copy one out for editing',
  help: HELP,
  async run(args, io) {
    const [action, ...rest] = args;
    if (action === 'list') return listPacks(rest, io);
    if (action === 'eject') return ejectPack(rest, io);
    throw usageError(
      action === undefined
        ? 'templates: say list or eject'
        : `templates: unknown action "${action}"; use list or eject`,
      'Run `relnotes templates --help` for the actions.',
    );
  },
};

async function listPacks(args: readonly string[], io: Io): Promise<number> {
  parseOptions('templates list', args, {});
  const names = listBuiltinPacks();
  const width = Math.max(...names.map((name) => name.length)) + 2;
  for (const name of names) {
    const pack = await loadTemplatePack(name);
    io.stdout(`${name.padEnd(width)}${pack.description}\n`);
  }
  return 0;
}

async function ejectPack(args: readonly string[], io: Io): Promise<number> {
  const { positionals } = parseOptions('templates eject', args, {}, true);
  const [name, dir, extra] = positionals;
  if (name === undefined || dir === undefined || extra !== undefined) {
    throw usageError(
      'templates eject: give a pack name and a folder',
      'Try: relnotes templates eject kubernetes my-pack',
    );
  }
  const builtins = listBuiltinPacks();
  if (!builtins.includes(name)) {
    throw usageError(`templates eject: no built-in pack "${name}"`, `The built-in packs are: ${builtins.join(', ')}.`);
  }
  const target = resolve(io.cwd, dir);
  await checkEmpty(target);
  const source = builtinPackDir(name);
  const files = await listFiles(source);
  for (const file of files) {
    const text = await readFile(join(source, file), 'utf8');
    const content = file === 'pack.json' ? recordOrigin(text, name) : text;
    await writeFileAtomic(join(target, file), content);
  }
  // A bare folder name like `sig-digest` would select the built-in pack of that name: say `./sig-digest`.
  const asPath = isAbsolute(dir) || dir.startsWith('.') || dir.includes('/') || dir.includes('\\') ? dir : `./${dir}`;
  io.stdout(
    `Copied the "${name}" pack to ${dir} (${files.length} files).\n` +
      `Edit its templates, then render with: relnotes generate … --template ${asPath}\n`,
  );
  return 0;
}

async function checkEmpty(dir: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code === 'ENOTDIR') throw usageError(`templates eject: ${dir} is a file, not a folder`);
    throw new RelnotesError('E_IO', `${dir}: ${(error as Error).message}`, { file: dir }, { cause: error });
  }
  if (entries.length > 0) {
    throw usageError(
      `templates eject: ${dir} is not empty; nothing was written`,
      'Give a new or empty folder: eject never overwrites files.',
    );
  }
}

/** Every file below `dir`, as paths relative to it, sorted. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

function recordOrigin(text: string, name: string): string {
  const manifest = JSON.parse(text) as Record<string, unknown>;
  return `${JSON.stringify({ ...manifest, ejectedFrom: { pack: name, relnotes: VERSION } }, null, 2)}\n`;
}
