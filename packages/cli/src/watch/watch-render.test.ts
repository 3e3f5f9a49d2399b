import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../config.js';
import { renderContextFile } from '../context/render-context-file.js';
import type { Io } from '../io.js';
import { runCli } from '../test-helpers/run-cli.js';
import { describeError, packFolders, watchRender } from './watch-render.js';

const fixtures = fileURLToPath(new URL('../commands/__fixtures__/widgets/', import.meta.url));

let temp: string;
beforeEach(async () => {
  temp = await mkdtemp(join(tmpdir(), 'relnotes-watch-'));
});
afterEach(async () => {
  await rm(temp, { recursive: true, force: true });
});

function captureIo(cwd: string): Io & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    readStdin: async () => '',
    env: {},
    cwd,
  };
}

async function waitFor(what: string, check: () => Promise<boolean> | boolean, ms = 8000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 20));
  }
}

describe('watchRender', () => {
  it('re-renders when a partial or an override file changes, reports an error and recovers', async () => {
    const context = join(temp, 'ctx.json');
    const saved = await runCli(
      [
        'generate',
        '--input',
        'prs.json',
        '--features',
        'features.yaml',
        '--release',
        'v1.1.0',
        '--save-context',
        context,
      ],
      { cwd: fixtures },
    );
    expect(saved.code).toBe(0);
    const pack = join(temp, 'pack');
    await mkdir(join(pack, 'partials'), { recursive: true });
    await writeFile(join(pack, 'pack.json'), JSON.stringify({ name: 'mine', main: 'main.hbs' }));
    await writeFile(join(pack, 'main.hbs'), '{{#each notes}}{{> item}}{{/each}}');
    const partial = join(pack, 'partials', 'item.hbs');
    await writeFile(partial, '- {{text}}\n');
    const maps = join(temp, 'maps');
    await mkdir(maps);
    const output = join(temp, 'out', 'notes.md');

    const io = captureIo(temp);
    const controller = new AbortController();
    const read = () => readFile(output, 'utf8').catch(() => '');
    const loop = watchRender(
      {
        signal: controller.signal,
        render: () =>
          renderContextFile(
            {
              context,
              config: defaultConfig(),
              configRules: false,
              maps: [maps],
              template: pack,
              format: 'markdown',
              release: undefined,
              strict: false,
              output,
              insert: false,
              diagnostics: 'none',
            },
            io,
          ),
        output,
        contextFile: context,
        maps: [maps],
        template: pack,
        debounceMs: 50,
      },
      io,
    );
    const runs = () => io.out.filter((line) => line.startsWith('rendered ')).length;
    await waitFor('the first run', () => runs() === 1);
    expect(io.out[0]).toMatch(new RegExp(`^rendered 2 notes to ${output.replace(/[.]/g, '\\.')} in \\d+ ms\\n$`));
    expect(await read()).toBe(
      '- The `WidgetGate` feature gate graduated to GA.\n- Sprockets no longer leak when a widget is deleted.\n',
    );

    await writeFile(partial, '* {{text}}\n');
    await waitFor('the partial edit', async () => (await read()).startsWith('* '));

    await writeFile(partial, '* {{#if text}}{{text}}{{/each}}\n');
    await waitFor('the error', () => io.err.length > 0);
    expect(io.err[0]).toMatch(new RegExp(`^relnotes: ${partial.replace(/[.]/g, '\\.')}:1:\\d+: .+\\n$`));
    expect(io.err[0]?.split('\n')).toHaveLength(2);

    await writeFile(partial, '+ {{text}}\n');
    await waitFor('the recovery', async () => (await read()).startsWith('+ '));

    // A file in a folder made after the watch started is seen too.
    await mkdir(join(maps, 'nested'));
    await writeFile(join(maps, 'nested', 'pr-102.yaml'), 'pr: 102\nreleasenote:\n  text: Sprockets are freed.\n');
    await waitFor('the override', async () => (await read()).includes('+ Sprockets are freed.\n'));

    // A broken override file: one line naming file, line and column; the loop goes on.
    const override = join(maps, 'nested', 'pr-102.yaml');
    await writeFile(override, 'pr: 102\nreleasenote:\n  text: `freed`\n');
    await waitFor('the override error', () => io.err.length > 1);
    await new Promise((done) => setTimeout(done, 150));
    expect(io.err).toHaveLength(2);
    expect(io.err[1]?.startsWith(`relnotes: ${override}:3:9: not valid YAML: `)).toBe(true);
    expect(io.err[1]?.split('\n')).toHaveLength(2);
    await writeFile(override, 'pr: 102\nreleasenote:\n  text: Sprockets are freed again.\n');
    await waitFor('the fixed override', async () => (await read()).includes('+ Sprockets are freed again.\n'));

    // The context file is watched as well.
    const data = JSON.parse(await readFile(context, 'utf8'));
    data.notes[0].text = 'Widgets, saved again.';
    await writeFile(context, JSON.stringify(data));
    await waitFor('the context', async () => (await read()).startsWith('+ Widgets, saved again.\n'));

    controller.abort();
    await loop;
    const count = runs();
    await writeFile(partial, '= {{text}}\n');
    await new Promise((done) => setTimeout(done, 300));
    expect(runs()).toBe(count);
    expect(await read()).not.toContain('= ');
  });
});

describe('watchRender and helpers.mjs', () => {
  it('re-renders with the new helpers when a parent pack’s helpers.mjs changes, and reports a broken one', async () => {
    const context = join(temp, 'ctx.json');
    const saved = await runCli(['generate', '--input', 'prs.json', '--save-context', context], { cwd: fixtures });
    expect(saved.code).toBe(0);
    const base = join(temp, 'base');
    const child = join(temp, 'child');
    await mkdir(join(base, 'partials'), { recursive: true });
    await mkdir(child);
    await writeFile(join(base, 'pack.json'), JSON.stringify({ name: 'base', main: 'main.hbs' }));
    await writeFile(join(base, 'main.hbs'), '{{#each notes}}{{> item}}{{/each}}');
    await writeFile(join(base, 'partials', 'item.hbs'), '- {{label pr}}\n');
    const helpers = join(base, 'helpers.mjs');
    await writeFile(helpers, 'export const helpers = { label: (pr) => "PR " + pr };\n');
    await writeFile(join(child, 'pack.json'), JSON.stringify({ name: 'child', extends: '../base' }));
    const output = join(temp, 'notes.md');

    const io = captureIo(temp);
    const controller = new AbortController();
    const read = () => readFile(output, 'utf8').catch(() => '');
    const loop = watchRender(
      {
        signal: controller.signal,
        render: () =>
          renderContextFile(
            {
              context,
              config: defaultConfig(),
              configRules: false,
              maps: [],
              template: child,
              format: 'markdown',
              release: undefined,
              strict: false,
              output,
              insert: false,
              diagnostics: 'none',
            },
            io,
          ),
        output,
        contextFile: context,
        maps: [],
        template: child,
        debounceMs: 50,
      },
      io,
    );
    await waitFor('the first run', async () => (await read()).startsWith('- PR 101\n'));

    await writeFile(helpers, 'export const helpers = { label: (pr) => "#" + pr };\n');
    await waitFor('the helpers edit', async () => (await read()).startsWith('- #101\n'));

    await writeFile(helpers, 'export const helpers = { label: (pr) => { return ) } };\n');
    await waitFor('the error', () => io.err.length > 0);
    expect(io.err[0]?.startsWith(`relnotes: ${helpers}`)).toBe(true);
    expect(io.err[0]).toContain(': cannot be loaded: ');
    expect(io.err[0]?.split('\n')).toHaveLength(2);

    await writeFile(helpers, 'export const helpers = { label: (pr) => "pull " + pr };\n');
    await waitFor('the recovery', async () => (await read()).startsWith('- pull 101\n'));
    controller.abort();
    await loop;
  });
});

describe('packFolders', () => {
  it('follows "extends" to folders, and stops at built-in packs', async () => {
    await mkdir(join(temp, 'base'));
    await mkdir(join(temp, 'child'));
    await writeFile(join(temp, 'base', 'pack.json'), JSON.stringify({ name: 'base', extends: 'kubernetes' }));
    await writeFile(join(temp, 'child', 'pack.json'), JSON.stringify({ name: 'child', extends: '../base' }));
    expect(await packFolders(join(temp, 'child'))).toEqual([join(temp, 'child'), join(temp, 'base')]);
    expect(await packFolders('kubernetes')).toEqual([]);
  });
});

describe('describeError', () => {
  it('puts file, line and column first, on one line', async () => {
    const { RelnotesError } = await import('@relnotes/core');
    expect(describeError(new RelnotesError('E_INPUT', 'bad thing', { file: 'a.yaml', line: 3, column: 9 }))).toBe(
      'a.yaml:3:9: bad thing',
    );
    expect(describeError(new RelnotesError('E_TEMPLATE', 'p.hbs:1:2: oops\n  1 | {{x}}\n', { file: 'p.hbs' }))).toBe(
      'p.hbs:1:2: oops',
    );
    expect(describeError(new Error('boom'))).toBe('internal error: boom');
  });
});
