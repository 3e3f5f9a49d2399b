import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinPackDir, listBuiltinPacks, loadTemplatePack } from '@relnotes/templates';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../test-helpers/run-cli.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'relnotes-templates-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('relnotes templates list', () => {
  it('prints each built-in pack with its description', async () => {
    const result = await runCli(['templates', 'list']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.map((line) => line.split(' ')[0])).toEqual(listBuiltinPacks());
    expect(lines.find((line) => line.startsWith('keep-a-changelog'))).toMatch(/Added, Changed, Deprecated/);
  });
});

describe('relnotes templates eject', () => {
  it('copies every file of the pack and records where it came from', async () => {
    const result = await runCli(['templates', 'eject', 'kubernetes', 'my-pack'], { cwd: root });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--template ./my-pack\n');
    const target = join(root, 'my-pack');
    const copied = (await readdir(target, { recursive: true })).sort();
    const original = (await readdir(builtinPackDir('kubernetes'), { recursive: true })).sort();
    expect(copied).toEqual(original);
    const manifest = JSON.parse(await readFile(join(target, 'pack.json'), 'utf8'));
    expect(manifest).toMatchObject({ name: 'kubernetes', main: 'changelog.md.hbs' });
    expect(manifest.ejectedFrom).toEqual({ pack: 'kubernetes', relnotes: expect.any(String) });
    const note = join('partials', 'note.hbs');
    expect(await readFile(join(target, note), 'utf8')).toBe(
      await readFile(join(builtinPackDir('kubernetes'), note), 'utf8'),
    );
    // The copy is a working pack: same templates as the built-in.
    const [mine, builtin] = await Promise.all([loadTemplatePack(target), loadTemplatePack('kubernetes')]);
    expect(mine.main).toBe(builtin.main);
    expect(mine.partials).toEqual(builtin.partials);
  });

  it('hints a path that selects the copy, not the built-in pack of the same name', async () => {
    const result = await runCli(['templates', 'eject', 'sig-digest', 'sig-digest'], { cwd: root });
    expect(result.stdout).toContain('--template ./sig-digest\n');
  });

  it('ejects into an existing empty folder', async () => {
    const result = await runCli(['templates', 'eject', 'sig-digest', root]);
    expect(result.code).toBe(0);
    expect(await readdir(root)).toContain('pack.json');
  });

  it('refuses a folder that is not empty, and writes nothing', async () => {
    await writeFile(join(root, 'keep.md'), 'mine\n');
    const result = await runCli(['templates', 'eject', 'kubernetes', root]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is not empty; nothing was written/);
    expect(await readdir(root)).toEqual(['keep.md']);
  });

  it('names the built-in packs when the name is unknown, and wants both arguments', async () => {
    const unknown = await runCli(['templates', 'eject', 'nope', 'x'], { cwd: root });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no built-in pack "nope"');
    expect(unknown.stderr).toContain('kubernetes');
    const missing = await runCli(['templates', 'eject', 'kubernetes']);
    expect(missing.code).toBe(2);
    expect((await runCli(['templates', 'frob'])).stderr).toContain('unknown action "frob"');
  });
});
