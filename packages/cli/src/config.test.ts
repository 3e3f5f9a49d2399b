import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_RULES, RelnotesError } from '@relnotes/core';
import { builtinPackDir, loadTemplatePack } from '@relnotes/templates';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

function configFile(name: string, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'relnotes-config-'));
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

describe('loadConfig', () => {
  it('merges SIG names onto the Kubernetes defaults and resolves paths against the config folder', async () => {
    const file = configFile(
      'relnotes.config.json',
      JSON.stringify({ repository: 'acme/widget', sigNames: { ui: 'User Interface' }, keps: 'enhancements' }),
    );
    const config = await loadConfig(file);
    expect(config.repository).toBe('acme/widget');
    expect(config.rules.sigNames.ui).toBe('User Interface');
    expect(config.rules.sigNames['api-machinery']).toBe('API Machinery');
    expect(config.keps).toBe(join(file, '..', 'enhancements'));
  });

  it('replaces the section list and keeps the other rules', async () => {
    const file = configFile(
      'relnotes.config.yaml',
      'sections:\n  - title: Fixes\n    kinds: [bug]\nuncategorized: Misc\n',
    );
    const config = await loadConfig(file);
    expect(config.rules.sections).toEqual([{ title: 'Fixes', kinds: ['bug'] }]);
    expect(config.rules.uncategorized).toBe('Misc');
    expect(config.rules.labelPrefixes).toEqual(DEFAULT_RULES.labelPrefixes);
  });

  it('names the file, line, column and key of a wrong value in YAML', async () => {
    const file = configFile(
      'relnotes.config.yaml',
      'repository: acme/widget\nsections:\n  - title: Fixes\n    kinds: bug\n',
    );
    const error = await configError(file);
    expect(error.message).toBe(`${file}:4:12: "sections.0.kinds" must be a list of strings, got "bug"`);
    expect([error.line, error.column]).toEqual([4, 12]);
  });

  it('rejects an unknown key and lists the known ones', async () => {
    const error = await configError(configFile('relnotes.config.json', '{"repo": "acme/widget"}'));
    expect(error.message).toContain('"repo" must be one of the known keys (repository, release');
  });

  it('rejects a stage label that maps to no stage', async () => {
    const error = await configError(configFile('relnotes.config.json', '{"stageLabels": {"stage/ga": "ga"}}'));
    expect(error.message).toContain('"stageLabels.stage/ga" must be one of alpha, beta, stable, deprecated, removed');
  });

  it('names the line and column of a YAML syntax error', async () => {
    const error = await configError(configFile('relnotes.config.yaml', 'repository: [acme\n'));
    expect(error.message).toMatch(/relnotes\.config\.yaml:\d+:\d+: not valid YAML/);
  });

  it('names the file of a JSON syntax error', async () => {
    const file = configFile('relnotes.config.json', '{"repository": }');
    const error = await configError(file);
    expect(error.message).toMatch(new RegExp(`^${file.replace(/[.]/g, '\\.')}:1:16: not valid JSON`));
    expect(error).toMatchObject({ file, line: 1, column: 16 });
  });

  it('takes a bare built-in pack name in "template" as that pack, and a path as a folder next to the config', async () => {
    const builtin = configFile('relnotes.config.json', '{"template": "github-release"}');
    const config = await loadConfig(builtin);
    expect(config.template).toBe('github-release');
    expect((await loadTemplatePack(config.template ?? '')).dir).toBe(builtinPackDir('github-release'));

    const yaml = await loadConfig(configFile('relnotes.config.yaml', 'template: sig-digest\n'));
    expect(yaml.template).toBe('sig-digest');
    for (const value of ['./github-release', 'packs/github-release', 'my-pack', '../shared/pack']) {
      const file = configFile('relnotes.config.json', JSON.stringify({ template: value }));
      expect((await loadConfig(file)).template, value).toBe(join(file, '..', value));
    }
  });

  it('rejects a repository that is not owner/name, naming the key and giving an example', async () => {
    for (const value of ['kubernetes', 'https://github.com/kubernetes/kubernetes', 'a/b/c', '/name', 'owner/']) {
      const file = configFile('relnotes.config.json', JSON.stringify({ repository: value }));
      const error = await configError(file);
      expect(error.code).toBe('E_CONFIG');
      expect(error.message).toBe(
        `${file}: "repository" must be owner/name, e.g. "kubernetes/kubernetes", got "${value}"`,
      );
    }
    const yaml = configFile('relnotes.config.yaml', 'release: v1\nrepository: kubernetes\n');
    expect((await configError(yaml)).message).toBe(
      `${yaml}:2:13: "repository" must be owner/name, e.g. "kubernetes/kubernetes", got "kubernetes"`,
    );
    for (const value of ['kubernetes/kubernetes', 'kubernetes-sigs/release-notes_v2.x', 'a/b']) {
      const file = configFile('relnotes.config.json', JSON.stringify({ repository: value }));
      expect((await loadConfig(file)).repository).toBe(value);
    }
  });
});
