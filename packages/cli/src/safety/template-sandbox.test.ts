import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  applyOverrides,
  buildReleaseNotes,
  compileTemplate,
  createRenderContext,
  notesFromKrelJson,
  parseOverrideFile,
  RelnotesError,
  type RenderContext,
} from '@relnotes/core';
import { listBuiltinPacks, loadTemplatePack } from '@relnotes/templates';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { builtinTemplate, makeNote, makePullRequest } from './test-helpers/pipeline.js';

const POLLUTING_LABELS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

function context(): RenderContext {
  return createRenderContext([makeNote(1, 'A note.', { dataFields: { cve: 'CVE-1' } })]);
}

function render(source: string, data: RenderContext = context()): string {
  return compileTemplate(source)(data);
}

function renderOrError(source: string): string | RelnotesError {
  try {
    return render(source);
  } catch (error) {
    if (error instanceof RelnotesError) return error;
    throw error;
  }
}

function expectPristinePrototypes(): void {
  const probe: Record<string, unknown> = {};
  expect(probe.polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_NAMES);
  expect(Object.prototype.toString.call([])).toBe('[object Array]');
}
const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype).sort();

let printed: ReturnType<typeof vi.spyOn>[] = [];
beforeEach(() => {
  printed = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
    vi.spyOn(console, method).mockImplementation(() => undefined),
  );
});
afterEach(() => {
  for (const spy of printed) spy.mockRestore();
});
const expectNothingPrinted = (): void => {
  for (const spy of printed) expect(spy).not.toHaveBeenCalled();
};

describe('templates cannot reach outside their data', () => {
  it.each([
    '{{constructor}}',
    '{{__proto__}}',
    '{{notes.constructor}}',
    '{{@root.constructor}}',
    '{{lookup this "constructor"}}',
    '{{lookup notes "__proto__"}}',
    '{{#with (lookup this "constructor")}}{{name}}{{/with}}',
    '{{#each notes}}{{lookup this "__proto__"}}{{/each}}',
    '{{__defineGetter__}}',
    '{{hasOwnProperty}}',
    '{{valueOf}}',
    '{{notes.map}}',
  ])('gives nothing for %s, and prints no warning', (source) => {
    const out = renderOrError(source);
    if (typeof out === 'string') {
      expect(out).not.toMatch(/function|native code|Object|\[object/);
    }
    expectNothingPrinted();
  });

  it('cannot walk from a prototype to the Function constructor', () => {
    const out = renderOrError('{{#with constructor}}{{#with constructor}}{{name}}{{/with}}{{/with}}');
    if (typeof out === 'string') expect(out).toBe('');
    expect(renderOrError('{{constructor.constructor}}')).not.toContain('Function');
  });

  it('{{log}} cannot print: the helper is gone', () => {
    expect(renderOrError('{{log "secret"}}')).toBeInstanceOf(RelnotesError);
    expect(renderOrError('{{log}}')).toBeInstanceOf(RelnotesError);
    expect(renderOrError('{{#log "secret"}}x{{/log}}')).toBeInstanceOf(RelnotesError);
    expectNothingPrinted();
  });
});

describe('partial names cannot traverse paths', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'relnotes-sandbox-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a partial named like a path is refused at compile time', () => {
    for (const name of ['../../etc/passwd', '../secret', '/etc/passwd', 'partials/../../x', '"../x"']) {
      let caught: unknown;
      try {
        compileTemplate(`{{> ${name}}}`, { partials: { note: 'x' } });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(RelnotesError);
      expect((caught as RelnotesError).code).toBe('E_TEMPLATE');
    }
  });

  it('a dynamic partial name can only pick a registered partial, never read a file', () => {
    const template = compileTemplate('{{> (lookup release "version")}}', { partials: { note: 'N' } });
    const data = createRenderContext([], { release: { version: '../../../etc/passwd' } });
    expect(() => template(data)).toThrow(RelnotesError);
    expect(template(createRenderContext([], { release: { version: 'note' } }))).toBe('N');
  });

  it('a pack partial that names a path outside the pack is not loaded', async () => {
    const secret = join(dir, 'secret.hbs');
    await writeFile(secret, 'SECRET');
    const pack = join(dir, 'pack');
    await mkdir(join(pack, 'partials'), { recursive: true });
    await writeFile(join(pack, 'pack.json'), JSON.stringify({ name: 'p', main: 'main.hbs' }));
    await writeFile(join(pack, 'main.hbs'), '{{> ../secret}}');
    const loaded = await loadTemplatePack(pack);
    expect(Object.keys(loaded.partials)).toEqual([]);
    expect(() => compileTemplate(loaded.main, { partials: loaded.partials })).toThrow(/unknown partial "..\/secret"/);
  });
});

describe('labels and keys named like prototype members pollute nothing', () => {
  it('labels __proto__, constructor, … are kept as plain names through the pipeline and every pack', async () => {
    const labels = POLLUTING_LABELS.flatMap((name) => [`kind/${name}`, `sig/${name}`, `area/${name}`]);
    const { notes } = buildReleaseNotes([makePullRequest(1, '```release-note\nA note.\n```', labels)]);
    expect(notes[0]?.sigs).toEqual(POLLUTING_LABELS);
    const data = createRenderContext(notes);
    // In the context, label-derived text is Markdown-safe: `__proto__` reads as itself, `\_\_proto\_\_`.
    const safe = POLLUTING_LABELS.map((name) => name.replaceAll('_', '\\_'));
    expect(data.bySig.map((group) => group.sig).sort()).toEqual([...safe].sort());
    expect(data.notes[0]?.kinds).toEqual(safe);
    for (const pack of listBuiltinPacks()) {
      const out = (await builtinTemplate(pack))(data);
      expect(out, pack).toContain('A note.');
      expect(out, pack).not.toMatch(/function|native code|\[object/);
    }
    expectPristinePrototypes();
  });

  it('__proto__ keys in krel JSON and override files stay data', () => {
    const note =
      '{"commit": "c", "text": "A note.", "markdown": "", "author": "a", "author_url": "https://github.com/a",' +
      ' "pr_url": "https://github.com/x/y/pull/1", "pr_number": 1, "kinds": ["__proto__"], "sigs": ["constructor"],' +
      ' "__proto__": {"polluted": true}}';
    expect(() => notesFromKrelJson(`{"__proto__": ${note}}`, { file: 'notes.json' })).toThrow(/PR numbers/);
    const read = notesFromKrelJson(`{"1": ${note}}`, { file: 'notes.json' });
    expect(read.notes.map((n) => n.sigs)).toEqual([['constructor']]);
    const override = parseOverrideFile(
      'pr: 1\nreleasenote:\n  text: Edited.\n  sigs: [__proto__]\ndatafields:\n  __proto__: {polluted: true}\n  constructor: x\n',
      'pr-1-map.yaml',
    );
    const applied = applyOverrides(read.notes, override.overrides);
    const out = compileTemplate('{{#each notes}}{{text}} {{dataFields.constructor}}{{/each}}')(
      createRenderContext(applied.notes),
    );
    expect(out).not.toMatch(/function|native code/);
    expectPristinePrototypes();
  });
});
