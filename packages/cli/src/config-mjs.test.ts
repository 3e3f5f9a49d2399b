import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RelnotesError } from '@relnotes/core';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { findConfig } from './find-config.js';

function mjs(content: string, name = 'relnotes.config.mjs'): string {
  const dir = mkdtempSync(join(tmpdir(), 'relnotes-mjs-'));
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

async function configError(file: string): Promise<RelnotesError> {
  const error = await loadConfig(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RelnotesError);
  return error as RelnotesError;
}

describe('relnotes.config.mjs', () => {
  it('reads a default-exported object, resolving paths against its folder', async () => {
    const file = mjs('export default { repository: "acme/widget", maps: "maps", sigNames: { ui: "UI" } };\n');
    const config = await loadConfig(file);
    expect(config).toMatchObject({ file, repository: 'acme/widget', maps: [join(file, '..', 'maps')] });
    expect(config.rules.sigNames.ui).toBe('UI');
  });

  it('calls a default-exported function, also an async one', async () => {
    const file = mjs('export default async () => ({ release: "v" + (1 + 1) + ".0" });\n');
    expect((await loadConfig(file)).release).toBe('v2.0');
  });

  it('is found in the working directory like the JSON and YAML files', async () => {
    const file = mjs('export default { repository: "acme/found" };\n');
    expect((await findConfig(undefined, join(file, '..'))).repository).toBe('acme/found');
  });

  it('validates what it exports like any config, naming the file and the key', async () => {
    const file = mjs('export default { repository: "a/b", stageLabels: { "stage/ga": "ga" } };\n');
    const error = await configError(file);
    expect(error.message).toBe(
      `${file}: "stageLabels.stage/ga" must be one of alpha, beta, stable, deprecated, removed, got "ga"`,
    );
  });

  it('names the file, line and column when the config function throws', async () => {
    const file = mjs('export default () => {\n  throw new Error("no release set");\n};\n');
    const error = await configError(file);
    expect(error.message).toBe(`${file}:2:9: the exported config function threw: no release set`);
    expect([error.file, error.line, error.column]).toEqual([file, 2, 9]);
  });

  it('names the file of a syntax error, of a missing default export and of a missing file', async () => {
    const syntax = mjs('export default { repository: };\n');
    const syntaxError = await configError(syntax);
    expect(syntaxError.message).toMatch(
      new RegExp(`^${syntax.replace(/[.]/g, '\\.')}(:\\d+:\\d+)?: cannot be loaded: `),
    );
    // Where the loader says where, the message has it; else the hint says how to find out.
    if (syntaxError.line === undefined) expect(syntaxError.hint ?? '').toContain('node --check');
    else expect(syntaxError.message).toContain(`${syntax}:${syntaxError.line}:`);

    const named = mjs('export const config = { repository: "a/b" };\n');
    expect((await configError(named)).message).toBe(`${named}: has no default export`);

    const missing = join(mkdtempSync(join(tmpdir(), 'relnotes-mjs-')), 'relnotes.config.mjs');
    expect(await configError(missing)).toMatchObject({
      code: 'E_IO',
      message: `cannot read config file ${missing}: no such file`,
    });
  });
});
