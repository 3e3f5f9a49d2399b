import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinPackDir, listBuiltinPacks } from './builtin-packs.js';
import { loadTemplatePack } from './load-template-pack.js';
import { usePackFolder } from './test-helpers/pack-folder.js';

const packs = usePackFolder('relnotes-pack-');
const { writePack, loadError } = packs;

describe('built-in packs', () => {
  it('lists the kubernetes pack', () => {
    expect(listBuiltinPacks()).toContain('kubernetes');
  });

  it('loads the kubernetes pack by name', async () => {
    const pack = await loadTemplatePack('kubernetes');
    expect(pack.name).toBe('kubernetes');
    expect(pack.dir).toBe(builtinPackDir('kubernetes'));
    expect(pack.mainFile).toBe(join(builtinPackDir('kubernetes'), 'changelog.md.hbs'));
    expect(pack.main).toContain('{{> changes-by-kind}}');
    expect(Object.keys(pack.partials).sort()).toEqual([
      'changes-by-kind',
      'highlight-feature',
      'highlights',
      'note',
      'urgent',
    ]);
    expect(pack.partialFiles.note).toBe(join(builtinPackDir('kubernetes'), 'partials', 'note.hbs'));
    expect(pack.description).not.toBe('');
  });
});

describe('loadTemplatePack from a folder', () => {
  it('extends a built-in pack: the parent main and partials, the child overriding one', async () => {
    const root = await writePack('mine', {
      'pack.json': JSON.stringify({ name: 'mine', extends: 'kubernetes' }),
      'partials/note.hbs': '* {{note-text this}}\n',
    });
    const pack = await loadTemplatePack(root);
    const parent = await loadTemplatePack('kubernetes');
    expect(pack.name).toBe('mine');
    expect(pack.main).toBe(parent.main);
    expect(pack.partials.note).toBe('* {{note-text this}}\n');
    expect(pack.partialFiles.note).toBe(join(root, 'partials', 'note.hbs'));
    expect(pack.partials.urgent).toBe(parent.partials.urgent);
    expect(pack.partialFiles.urgent).toBe(parent.partialFiles.urgent);
  });

  it('extends a folder relative to the pack, and uses its own main when it has one', async () => {
    await writePack('base', {
      'pack.json': JSON.stringify({ name: 'base', main: 'main.hbs' }),
      'main.hbs': 'base',
      'partials/a.hbs': 'A',
      'partials/b.hbs': 'B',
    });
    const child = await writePack('child', {
      'pack.json': JSON.stringify({ name: 'child', main: 'own.hbs', extends: '../base' }),
      'own.hbs': 'own',
      'partials/b.hbs': 'b2',
      'partials/notes.txt': 'ignored',
    });
    const pack = await loadTemplatePack(child);
    expect(pack.main).toBe('own');
    expect(pack.partials).toEqual({ a: 'A', b: 'b2' });
  });

  it('names a missing pack and lists the built-in ones', async () => {
    const error = await loadError(join(packs.dir, 'nope'));
    expect(error.code).toBe('E_IO');
    expect(error.message).toBe(`no template pack at ${join(packs.dir, 'nope')}`);
    expect(error.hint).toContain('kubernetes');
  });

  it('names a folder without pack.json', async () => {
    const root = await writePack('empty', { 'main.hbs': 'x' });
    const error = await loadError(root);
    expect(error.message).toBe(`${join(root, 'pack.json')}: pack.json not found`);
    expect(error.file).toBe(join(root, 'pack.json'));
  });

  it('names a pack.json that is not JSON', async () => {
    const root = await writePack('bad', { 'pack.json': '{ "name": ' });
    const error = await loadError(root);
    expect(error.code).toBe('E_TEMPLATE');
    expect(error.message.startsWith(`${join(root, 'pack.json')}: not valid JSON (`)).toBe(true);
  });

  it('names a bad field of pack.json and shows its value', async () => {
    const root = await writePack('bad', { 'pack.json': JSON.stringify({ name: 'x', main: 7 }) });
    const error = await loadError(root);
    expect(error.message).toBe(`${join(root, 'pack.json')}: "main" must be a file name, got 7`);
  });

  it('names a missing main template', async () => {
    const root = await writePack('nomain', { 'pack.json': JSON.stringify({ name: 'x', main: 'gone.hbs' }) });
    const error = await loadError(root);
    expect(error.message).toBe(`${join(root, 'gone.hbs')}: main template not found`);
  });

  it('requires a main template when nothing is extended', async () => {
    const root = await writePack('nomain', { 'pack.json': JSON.stringify({ name: 'x' }) });
    const error = await loadError(root);
    expect(error.message).toBe(`${join(root, 'pack.json')}: "main" is missing`);
  });

  it('refuses packs that extend each other in a loop', async () => {
    await writePack('a', { 'pack.json': JSON.stringify({ name: 'a', extends: '../b' }) });
    const b = await writePack('b', { 'pack.json': JSON.stringify({ name: 'b', extends: '../a' }) });
    const error = await loadError(b);
    expect(error.message).toMatch(/extend each other in a loop/);
  });
});
