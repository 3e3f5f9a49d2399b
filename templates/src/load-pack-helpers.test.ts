import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RelnotesError, type RenderContext } from '@relnotes/core';
import { describe, expect, it } from 'vitest';
import { compileTemplatePack } from './compile-template-pack.js';
import { loadTemplatePack } from './load-template-pack.js';
import { usePackFolder } from './test-helpers/pack-folder.js';

const packs = usePackFolder('relnotes-helpers-');
const { writePack, loadError } = packs;

const ctx = (value: unknown) => value as RenderContext;

describe('helpers.mjs of a pack', () => {
  it('gives the pack its helpers; a child pack overrides its parent’s and inherits the rest', async () => {
    await writePack('base', {
      'pack.json': JSON.stringify({ name: 'base', main: 'main.hbs' }),
      'main.hbs': '{{> line}}',
      'partials/line.hbs': '{{shout title}} {{tag title}}',
      'helpers.mjs': [
        'export const helpers = {',
        '  shout: (value) => value + "!",',
        '  tag: (value) => "<" + value + ">",',
        '};',
      ].join('\n'),
    });
    const child = await writePack('child', {
      'pack.json': JSON.stringify({ name: 'child', extends: '../base' }),
      'helpers.mjs': 'export const helpers = { shout: (value) => String(value).toUpperCase() };\n',
    });
    const pack = await loadTemplatePack(child);
    expect(Object.keys(pack.helpers).sort()).toEqual(['shout', 'tag']);
    expect(pack.helperFiles).toEqual({
      shout: join(child, 'helpers.mjs'),
      tag: join(packs.dir, 'base', 'helpers.mjs'),
    });
    expect(compileTemplatePack(pack)(ctx({ title: 'gears' }))).toBe('GEARS <gears>');
    const base = await loadTemplatePack(join(packs.dir, 'base'));
    expect(compileTemplatePack(base)(ctx({ title: 'gears' }))).toBe('gears! <gears>');
  });

  it('leaves a pack without helpers.mjs with no helpers (the built-in packs too)', async () => {
    expect((await loadTemplatePack('kubernetes')).helpers).toEqual({});
    const root = await writePack('plain', {
      'pack.json': JSON.stringify({ name: 'plain', main: 'm.hbs' }),
      'm.hbs': 'x',
    });
    expect((await loadTemplatePack(root)).helperFiles).toEqual({});
  });

  it('refuses a helper named like a built-in one unless pack.json lists it in overrideHelpers', async () => {
    const files = {
      'main.hbs': '{{pr-link this}}',
      'helpers.mjs': 'export const helpers = { "pr-link": (note) => "PR " + note.pr };\n',
    };
    const accidental = await writePack('accidental', {
      ...files,
      'pack.json': JSON.stringify({ name: 'accidental', main: 'main.hbs' }),
    });
    const error = await loadError(accidental);
    expect(error.code).toBe('E_TEMPLATE');
    expect(error.file).toBe(join(accidental, 'helpers.mjs'));
    expect(error.message).toBe(
      `${join(accidental, 'helpers.mjs')}: helper "pr-link" would replace the built-in helper "pr-link"`,
    );
    expect(error.hint).toContain('"overrideHelpers": ["pr-link"]');

    const deliberate = await writePack('deliberate', {
      ...files,
      'pack.json': JSON.stringify({ name: 'deliberate', main: 'main.hbs', overrideHelpers: ['pr-link'] }),
    });
    expect(compileTemplatePack(await loadTemplatePack(deliberate))(ctx({ pr: 7 }))).toBe('PR 7');
  });

  it('never lets a pack replace Handlebars’ own helpers such as each', async () => {
    const root = await writePack('each', {
      'pack.json': JSON.stringify({ name: 'each', main: 'm.hbs', overrideHelpers: ['each'] }),
      'm.hbs': 'x',
      'helpers.mjs': 'export const helpers = { each: () => "" };\n',
    });
    const error = await loadError(root);
    expect(error.message).toBe(`${join(root, 'helpers.mjs')}: helper "each" would replace Handlebars' own "each"`);
  });

  it('names pack.json when overrideHelpers lists a helper that is not built in, or not defined', async () => {
    const unknown = await writePack('unknown', {
      'pack.json': JSON.stringify({ name: 'unknown', main: 'm.hbs', overrideHelpers: ['shout'] }),
      'm.hbs': 'x',
      'helpers.mjs': 'export const helpers = { shout: (v) => v };\n',
    });
    expect((await loadError(unknown)).message).toBe(
      `${join(unknown, 'pack.json')}: "overrideHelpers" names "shout", which is not a built-in helper`,
    );
    const undefinedOne = await writePack('stale', {
      'pack.json': JSON.stringify({ name: 'stale', main: 'm.hbs', overrideHelpers: ['sig-list'] }),
      'm.hbs': 'x',
    });
    const error = await loadError(undefinedOne);
    expect(error.file).toBe(join(undefinedOne, 'pack.json'));
    expect(error.message).toContain('"overrideHelpers" names "sig-list", but');
    const notAList = await writePack('bad', {
      'pack.json': JSON.stringify({ name: 'bad', main: 'm.hbs', overrideHelpers: 'sig-list' }),
      'm.hbs': 'x',
    });
    expect((await loadError(notAList)).message).toBe(
      `${join(notAList, 'pack.json')}: "overrideHelpers" must be a list of built-in helper names, got "sig-list"`,
    );
  });

  it('a syntax error in helpers.mjs names the file, and how to find the line', async () => {
    const root = await writePack('syntax', {
      'pack.json': JSON.stringify({ name: 'syntax', main: 'm.hbs' }),
      'm.hbs': 'x',
      'helpers.mjs': 'export const helpers = {\n  shout(value) { return ) },\n};\n',
    });
    const error = await loadError(root);
    expect(error.code).toBe('E_TEMPLATE');
    expect(error.file).toBe(join(root, 'helpers.mjs'));
    expect(error.message.startsWith(`${join(root, 'helpers.mjs')}`)).toBe(true);
    expect(error.message).toMatch(/helpers\.mjs(:\d+:\d+)?: cannot be loaded: /);
    // Node 20 gives no place for a module's syntax error (a test runner's loader may): the hint says how.
    if (error.line === undefined)
      expect(error.hint).toBe(`Run \`node --check ${join(root, 'helpers.mjs')}\` to see where.`);
    else expect(error.message).toContain(`helpers.mjs:${error.line}:`);
  });

  it('a throw while helpers.mjs loads names the file, line and column', async () => {
    const root = await writePack('throws', {
      'pack.json': JSON.stringify({ name: 'throws', main: 'm.hbs' }),
      'm.hbs': 'x',
      'helpers.mjs': 'export const helpers = {};\nthrow new Error("no config");\n',
    });
    const error = await loadError(root);
    expect(error.message).toBe(`${join(root, 'helpers.mjs')}:2:7: cannot be loaded: no config`);
    expect(error.line).toBe(2);
    expect(error.column).toBe(7);
  });

  it('an export that is not a function names the file and the helper', async () => {
    const root = await writePack('value', {
      'pack.json': JSON.stringify({ name: 'value', main: 'm.hbs' }),
      'm.hbs': 'x',
      'helpers.mjs': 'export const helpers = { ok: () => "", greeting: "hello" };\n',
    });
    const error = await loadError(root);
    expect(error.message).toBe(`${join(root, 'helpers.mjs')}: helper "greeting" must be a function, got "hello"`);
    expect(error.hint).toContain('export const helpers = {');
  });

  it('helpers.mjs without a helpers object says what it exports instead', async () => {
    const root = await writePack('named', {
      'pack.json': JSON.stringify({ name: 'named', main: 'm.hbs' }),
      'm.hbs': 'x',
      'helpers.mjs': 'export function shout(v) { return v; }\nexport default { shout };\n',
    });
    const error = await loadError(root);
    expect(error.message).toBe(
      `${join(root, 'helpers.mjs')}: exports no "helpers" object (found only "default", "shout")`,
    );
    const list = await writePack('list', {
      'pack.json': JSON.stringify({ name: 'list', main: 'm.hbs' }),
      'm.hbs': 'x',
      'helpers.mjs': 'export const helpers = [() => ""];\n',
    });
    expect((await loadError(list)).message).toBe(
      `${join(list, 'helpers.mjs')}: "helpers" must be an object of functions, got a list`,
    );
  });

  it('imports an edited helpers.mjs afresh instead of serving it from the module cache', async () => {
    const root = await writePack('edited', {
      'pack.json': JSON.stringify({ name: 'edited', main: 'm.hbs' }),
      'm.hbs': '{{mark title}}',
      'helpers.mjs': 'export const helpers = { mark: (v) => "[" + v + "]" };\n',
    });
    const render = async () => compileTemplatePack(await loadTemplatePack(root))(ctx({ title: 't' }));
    expect(await render()).toBe('[t]');
    await writeFile(join(root, 'helpers.mjs'), 'export const helpers = { mark: (v) => "(" + v + ")" };\n');
    expect(await render()).toBe('(t)');
    // The same content again: the same module, not a third import.
    const first = await loadTemplatePack(root);
    const second = await loadTemplatePack(root);
    expect(second.helpers.mark).toBe(first.helpers.mark);
  });

  it('a pack helper that throws names itself, its helpers.mjs, the pack, the template file, line and column', async () => {
    const root = await writePack('boom', {
      'pack.json': JSON.stringify({ name: 'boom-pack', main: 'main.hbs' }),
      'main.hbs': '# Notes\n{{#each notes}}\n- {{sig-count this}}\n{{/each}}\n',
      'helpers.mjs': 'export const helpers = {\n  "sig-count"(note) { return String(note.sigs.length); },\n};\n',
    });
    const template = compileTemplatePack(await loadTemplatePack(root));
    const failure = (() => {
      try {
        template(ctx({ notes: [{ sigs: ['node'] }, { title: 'no sigs' }] }));
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(failure).toBeInstanceOf(RelnotesError);
    const error = failure as RelnotesError;
    expect(error.code).toBe('E_TEMPLATE_RENDER');
    expect(error.file).toBe(join(root, 'main.hbs'));
    expect(error.message.split('\n')[0]).toBe(
      `${join(root, 'main.hbs')}:3:3: in pack "boom-pack": helper "sig-count" from ${join(root, 'helpers.mjs')} failed: Cannot read properties of undefined (reading 'length')`,
    );
    expect(error.message).toContain('\n3 | - {{sig-count this}}\n      ^');
  });
});
