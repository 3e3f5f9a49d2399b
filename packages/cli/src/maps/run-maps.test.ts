import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReleaseNote } from '@relnotes/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import type { Io } from '../io.js';
import { editNotes } from '../pipeline/edit-notes.js';
import { loadOverrides } from './load-overrides.js';
import { readReleaseNotes } from './read-release-notes.js';
import { runMaps } from './run-maps.js';

const fixtures = fileURLToPath(new URL('./__fixtures__/', import.meta.url));
const sample = fileURLToPath(new URL('../../../../examples/sample/', import.meta.url));

function quietIo(cwd: string): Io {
  return { stdout: () => undefined, stderr: () => undefined, readStdin: async () => '', env: {}, cwd };
}

async function run(args: readonly string[], cwd = fixtures): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    readStdin: async () => '',
    env: {},
    cwd,
  };
  const code = await runMaps.run(args, io);
  return { code, stdout, stderr };
}

let temp: string;
beforeEach(async () => {
  temp = await mkdtemp(join(tmpdir(), 'relnotes-maps-'));
});
afterEach(async () => {
  await rm(temp, { recursive: true, force: true });
});

describe('loadOverrides', () => {
  it('reads yaml, yml and json files recursively, in sorted order, skipping dotfiles', async () => {
    const { overrides, diagnostics, files } = await loadOverrides(['maps'], { cwd: fixtures });
    expect(files).toEqual(['maps/nested/more.yml', 'maps/pr-11-map.yaml', 'maps/pr-13-map.json']);
    expect(overrides.map((override) => [override.pr, `${override.file}:${override.line}`])).toEqual([
      [12, 'maps/nested/more.yml:1'],
      [99, 'maps/nested/more.yml:6'],
      [11, 'maps/pr-11-map.yaml:1'],
      [13, 'maps/pr-13-map.json:1'],
    ]);
    expect(diagnostics).toEqual([]);
  });

  it('throws a RelnotesError for a folder that does not exist', async () => {
    await expect(loadOverrides(['no-such-maps'], { cwd: fixtures })).rejects.toMatchObject({
      code: 'E_IO',
      message: 'cannot read override files in no-such-maps: no such file or folder',
    });
  });
});

describe('relnotes maps check', () => {
  it('passes good files, with a summary line', async () => {
    const { code, stdout } = await run(['check', 'maps']);
    expect(code).toBe(0);
    expect(stdout).toBe('3 override files, 4 overrides, 0 problems\n');
  });

  it('warns about a PR that is not in the release; --strict makes it an error', async () => {
    const loose = await run(['check', 'maps', '--notes', 'release.json']);
    expect(loose.code).toBe(0);
    expect(loose.stdout).toBe(
      'maps/nested/more.yml:6:1: warning: PR #99 is not in this release; the override is not used (add "add: true" to add the PR, or delete the file)\n' +
        '3 override files, 4 overrides, 1 problem (0 errors, 1 warning)\n',
    );
    const strict = await run(['check', 'maps', '--notes', 'release.json', '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('maps/nested/more.yml:6:1: PR #99 is not in this release');
  });

  it('prints every problem of every file as file:line:col: message, and exits 1', async () => {
    await writeFile(
      join(temp, 'a.yaml'),
      'pr: 5\nreleasenote:\n  text: `gears` spin.\n---\npr: 6\nreleasenote:\n  sig: [x]\n',
    );
    await writeFile(join(temp, 'b.yaml'), '# the same PR again\npr: 6\nreleasenote:\n  text: Gears.\n');
    await writeFile(join(temp, 'c.yaml'), 'pr: 6\nreleasenote:\n  text: Gears again.\n');
    const { code, stdout } = await run(['check', '.'], temp);
    expect(code).toBe(1);
    expect(stdout.split('\n')).toEqual([
      'a.yaml:3:9: not valid YAML: Plain value cannot start with reserved character `. Quote the text, e.g. text: "`gears` spin.", or write it as a block after `text: |-`',
      'a.yaml:7:3: unknown field "releasenote.sig"; the known fields are text, author, author_url, pr_url, documentation, kinds, sigs, areas, feature, action_required, do_not_publish, stage, stage_change, highlight',
      'c.yaml:1:1: a second override for PR #6; the first is at b.yaml:2:1. Merge them into one',
      '3 override files, 2 overrides, 3 problems',
      '',
    ]);
  });

  it('needs a folder', async () => {
    await expect(run(['check'])).rejects.toMatchObject({ code: 'E_USAGE' });
    await expect(run(['frobnicate'])).rejects.toMatchObject({ code: 'E_USAGE' });
  });
});

describe('relnotes maps new', () => {
  it('writes a starter override with the note’s fields, the derived ones as commented-out hints', async () => {
    const { code, stdout } = await run(['new', '13', '--notes', join(fixtures, 'release.json'), '--dir', 'maps'], temp);
    expect(code).toBe(0);
    expect(stdout).toBe(`wrote ${join('maps', 'pr-13-map.yaml')}\n`);
    const written = await readFile(join(temp, 'maps', 'pr-13-map.yaml'), 'utf8');
    expect(written).toBe(
      [
        'pr: 13',
        'commit: "3333333333333333333333333333333333333333"',
        'releasenote:',
        '  text: |-',
        '    Gears turn `faster`:',
        '    now at twice the speed.',
        '  author: cy',
        '  documentation:',
        '    - description: "[KEP]"',
        '      url: https://example.com/keps/3',
        '      type: KEP',
        '  kinds:',
        '    - feature',
        '  sigs:',
        '    - gears',
        '    - docs',
        '  areas:',
        '    - speed',
        '  feature: true',
        '  action_required: false',
        '  do_not_publish: false',
        '  # Derived by relnotes on every run, not overridden; uncomment a line to override it:',
        '  # stage: null',
        '  # stage_change: null',
        '  # highlight: false',
        '',
      ].join('\n'),
    );
    const check = await run(['check', 'maps', '--notes', join(fixtures, 'release.json')], temp);
    expect(check).toMatchObject({ code: 0, stdout: '1 override file, 1 override, 0 problems\n' });
  });

  it('a starter applied unchanged leaves every note identical, the stages derived from features too', async () => {
    const args = ['--input', join(sample, 'prs.json'), '--config', join(sample, 'relnotes.config.json')];
    const config = await loadConfig(join(sample, 'relnotes.config.json'));
    const { notes } = await readReleaseNotes({ input: join(sample, 'prs.json') }, config.rules, quietIo(temp));
    const before = await editNotes(notes, config, {}, quietIo(temp));
    const maps = join(temp, 'maps');
    for (const note of notes) {
      expect((await run(['new', String(note.pr), ...args, '--dir', maps], temp)).code).toBe(0);
    }
    const starter = await readFile(join(maps, 'pr-2412-map.yaml'), 'utf8');
    expect(starter).toContain(
      '\n  # stage: beta  # now from features: feature topology-spread-v2 reached beta in v0.5',
    );
    expect(starter).toContain('\n  # stage_change: beta  # now from features: ');
    expect(starter).not.toMatch(/^ {2}(stage|stage_change|highlight):/m);

    const after = await editNotes(notes, config, { maps: [maps] }, quietIo(temp));
    expect(after.diagnostics.filter((d) => d.ruleId.startsWith('override'))).toEqual([]);
    const withoutProvenance = (list: readonly ReleaseNote[]) => list.map(({ provenance: _p, ...rest }) => rest);
    expect(after.notes).toHaveLength(notes.length);
    expect(withoutProvenance(after.notes)).toEqual(withoutProvenance(before.notes));
    const pr2412 = after.notes.find((note) => note.pr === 2412);
    expect([pr2412?.stage, pr2412?.stageChange]).toEqual(['beta', 'beta']);
    // The stage still comes from the features, not from the override file.
    expect(pr2412?.provenance.stage?.[0]?.source).toBe('features');
    expect(pr2412?.provenance.text?.[0]?.source).toBe('override');
  });

  it('an uncommented stage hint overrides the derived stage', async () => {
    const args = ['--input', join(sample, 'prs.json'), '--config', join(sample, 'relnotes.config.json')];
    const maps = join(temp, 'maps');
    await run(['new', '2412', ...args, '--dir', maps], temp);
    const file = join(maps, 'pr-2412-map.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('  # stage: beta', '  stage: stable'));
    const config = await loadConfig(join(sample, 'relnotes.config.json'));
    const { notes } = await readReleaseNotes({ input: join(sample, 'prs.json') }, config.rules, quietIo(temp));
    const after = await editNotes(notes, config, { maps: [maps] }, quietIo(temp));
    const note = after.notes.find((candidate) => candidate.pr === 2412);
    expect(note?.stage).toBe('stable');
    expect(note?.provenance.stage?.[0]).toMatchObject({ source: 'override', detail: `${file}:20` });
  });

  it('refuses a PR that an override file edits already, naming its file, line and column', async () => {
    const maps = join(temp, 'maps');
    await mkdir(maps);
    await writeFile(
      join(maps, 'edits.yaml'),
      'pr: 11\nreleasenote:\n  text: x\n---\npr: 13\nreleasenote:\n  text: y\n',
    );
    const error = await run(['new', '13', '--notes', join(fixtures, 'release.json'), '--dir', maps]).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toMatchObject({
      code: 'E_OVERRIDE',
      message: `PR #13 has an override already, at ${join(maps, 'edits.yaml')}:5:1`,
      line: 5,
      column: 1,
    });
    expect(existsSync(join(maps, 'pr-13-map.yaml'))).toBe(false);
  });

  it('never overwrites an existing file', async () => {
    const args = ['new', '11', '--notes', join(fixtures, 'release.json'), '--dir', temp];
    await run(args);
    await writeFile(join(temp, 'pr-11-map.yaml'), 'pr: 11\n# hand edits\n');
    await expect(run(args)).rejects.toMatchObject({ code: 'E_OVERRIDE', file: join(temp, 'pr-11-map.yaml') });
    expect(await readFile(join(temp, 'pr-11-map.yaml'), 'utf8')).toBe('pr: 11\n# hand edits\n');
  });

  it('refuses a PR that is not in the release', async () => {
    await expect(run(['new', '404', '--notes', 'release.json', '--dir', temp])).rejects.toMatchObject({
      code: 'E_OVERRIDE',
      message: 'PR #404 is not in release.json',
    });
  });

  it('needs one PR number and one source of notes', async () => {
    await expect(run(['new', 'abc', '--notes', 'release.json'])).rejects.toMatchObject({ code: 'E_USAGE' });
    await expect(run(['new', '11'])).rejects.toMatchObject({ code: 'E_USAGE' });
  });
});

const kubernetes = fileURLToPath(new URL('../../../../../shared/data/kubernetes/release-1.29/', import.meta.url));

describe.skipIf(!existsSync(kubernetes))('relnotes maps check on the real Kubernetes 1.29 maps', () => {
  it('reads all 246 files; names the one whose PR is not in the release, and quotes kept inside blocks', async () => {
    const { code, stdout } = await run(['check', 'maps', '--notes', 'release-notes-draft.json'], kubernetes);
    expect(code).toBe(0);
    const quoted = (pr: number) =>
      `maps/pr-${pr}-map.yaml:3:9: warning: the text is a block (after "|" or ">") and is wrapped in quotes: in a block, quotes are part of the text. Remove them`;
    expect(stdout.split('\n')).toEqual([
      ...[119142, 119346, 119859, 119994, 120064].map(quoted),
      'maps/pr-120777-map.yaml:1:1: warning: PR #120777 is not in this release; the override is not used (add "add: true" to add the PR, or delete the file)',
      '246 override files, 246 overrides, 6 problems (0 errors, 6 warnings)',
      '',
    ]);
  });
});
