import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../test-helpers/run-cli.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const prs = join(root, 'examples/sample/prs.json');
const config = join(root, 'examples/sample/relnotes.config.json');

let temp: string;
beforeEach(async () => {
  temp = await mkdtemp(join(tmpdir(), 'relnotes-render-'));
});
afterEach(async () => {
  await rm(temp, { recursive: true, force: true });
});

async function saveSampleContext(extra: readonly string[] = []): Promise<{ context: string; generated: string }> {
  const context = join(temp, 'ctx.json');
  const output = join(temp, 'generated.md');
  const result = await runCli(
    [
      'generate',
      '--input',
      prs,
      '--config',
      config,
      '--save-context',
      context,
      '--output',
      output,
      '--quiet',
      ...extra,
    ],
    { cwd: temp },
  );
  expect(result).toMatchObject({ code: 0, stderr: '' });
  return { context, generated: await readFile(output, 'utf8') };
}

const OVERRIDE_2412 = 'pr: 2412\nreleasenote:\n  text: Topology spread v2 is now beta, rewritten by the lead.\n';

describe('generate --save-context', () => {
  it('saves a versioned context: classified notes before overrides, the features, the release and the rules', async () => {
    await mkdir(join(temp, 'maps'));
    await writeFile(join(temp, 'maps', 'pr-2412.yaml'), OVERRIDE_2412);
    const { context, generated } = await saveSampleContext(['--maps', 'maps']);
    expect(generated).toContain('rewritten by the lead');
    const saved = JSON.parse(await readFile(context, 'utf8'));
    expect(saved).toMatchObject({
      relnotes: 'context',
      version: 1,
      release: { version: 'v0.5.0', previous: 'v0.4.0', date: null, repository: 'harbormaster-dev/harbormaster' },
      config: { repository: 'harbormaster-dev/harbormaster' },
    });
    expect(saved.config.rules.sigNames.cli).toBe('CLI');
    expect(saved.notes).toHaveLength(37);
    const note = saved.notes.find((n: { pr: number }) => n.pr === 2412);
    expect(note.text).not.toContain('rewritten by the lead');
    // Stages are resolved again on render: the saved notes carry none from the features.
    expect(note.features).toEqual([]);
    expect(saved.features.map((f: { id: string }) => f.id).sort()).toEqual([
      'legacy-scheduler',
      'node-drain-budget',
      'pod-snapshots',
      'quota-preemption',
      'topology-spread-v2',
    ]);
    expect(saved.diagnostics.some((d: { ruleId: string }) => d.ruleId === 'missing-block')).toBe(true);
  });
});

describe('relnotes render --context', () => {
  it('renders the same Markdown and JSON as generate, with no input and no features file', async () => {
    const { context, generated } = await saveSampleContext();
    const markdown = await runCli(['render', '--context', context], { cwd: temp });
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toBe(generated);
    expect(markdown.stdout).toContain('Graduated to Stable');

    const json = await runCli(['render', '--context', context, '--format', 'json', '--quiet'], { cwd: temp });
    const fromGenerate = await runCli(['generate', '--input', prs, '--config', config, '--format', 'json', '--quiet'], {
      cwd: temp,
    });
    expect(json.stdout).toBe(fromGenerate.stdout);
  });

  it('applies override files at render time, and names the file of a bad one', async () => {
    const { context } = await saveSampleContext();
    await mkdir(join(temp, 'maps'));
    await writeFile(join(temp, 'maps', 'pr-2412.yaml'), OVERRIDE_2412);
    const output = join(temp, 'out.md');
    const result = await runCli(['render', '--context', 'ctx.json', '--maps', 'maps', '--output', 'out.md'], {
      cwd: temp,
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`relnotes: wrote 30 notes to ${output}\n`);
    expect(await readFile(output, 'utf8')).toContain('Topology spread v2 is now beta, rewritten by the lead.');

    await writeFile(join(temp, 'maps', 'pr-2412.yaml'), 'pr: 2412\nreleasenote:\n  text: `x` y\n');
    const bad = await runCli(['render', '--context', context, '--maps', 'maps'], { cwd: temp });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`${join('maps', 'pr-2412.yaml')}:3:9: not valid YAML`);
  });

  it('takes the rules of an explicit --config instead of the saved ones', async () => {
    const { context } = await saveSampleContext();
    await writeFile(join(temp, 'other.json'), JSON.stringify({ sigNames: { scheduling: 'Scheduling Crew' } }));
    const result = await runCli(['render', '--context', context, '--config', 'other.json', '--quiet'], { cwd: temp });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Scheduling Crew');
  });

  it('refuses a context from a newer relnotes, a broken file and a file that is not a context, naming the file', async () => {
    const { context } = await saveSampleContext();
    const saved = JSON.parse(await readFile(context, 'utf8'));
    await writeFile(join(temp, 'newer.json'), JSON.stringify({ ...saved, version: 2 }));
    const newer = await runCli(['render', '--context', 'newer.json'], { cwd: temp });
    expect(newer.code).toBe(1);
    expect(newer.stderr).toContain(
      'relnotes: newer.json: context version 2 was written by a newer relnotes; this one reads version 1\n',
    );

    await writeFile(join(temp, 'broken.json'), '{\n  "relnotes": "context",\n  "version": 1,,\n}');
    const broken = await runCli(['render', '--context', 'broken.json'], { cwd: temp });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^relnotes: broken\.json:3:\d+: not valid JSON/);

    await writeFile(join(temp, 'prs.json'), '[]');
    const other = await runCli(['render', '--context', 'prs.json'], { cwd: temp });
    expect(other.stderr).toContain('relnotes: prs.json: not a relnotes context: "relnotes" must be "context"');

    const badNote = { ...saved, notes: [{ ...saved.notes[0], kinds: 'bug' }] };
    await writeFile(join(temp, 'bad-note.json'), JSON.stringify(badNote));
    const note = await runCli(['render', '--context', 'bad-note.json'], { cwd: temp });
    expect(note.stderr).toContain(
      `bad-note.json: not a relnotes context: "notes[0]" (PR #${saved.notes[0].pr}): "kinds" must be a list`,
    );

    const missing = await runCli(['render', '--context', 'nope.json'], { cwd: temp });
    expect(missing).toMatchObject({
      code: 2,
      stderr: `relnotes: cannot read nope.json: no such file\n  hint: Check the path; it is read relative to ${temp}.\n`,
    });
  });

  it('needs --context, and --output for --watch', async () => {
    expect((await runCli(['render'], { cwd: temp })).code).toBe(2);
    const watch = await runCli(['render', '--context', 'x.json', '--watch'], { cwd: temp });
    expect(watch).toMatchObject({ code: 2 });
    expect(watch.stderr).toContain('--watch needs --output FILE');
  });
});

describe('--insert', () => {
  it('generate and render insert one section below the title, and replace it on a re-run', async () => {
    const changelog = join(temp, 'CHANGELOG.md');
    const before = '# Changelog\r\n\r\n## v0.4.0\r\n\r\n- An older, hand-written entry.\r\n';
    await writeFile(changelog, before);
    const args = ['--output', 'CHANGELOG.md', '--insert', '--quiet'];
    const generated = await runCli(
      ['generate', '--input', prs, '--config', config, '--save-context', 'ctx.json', ...args],
      { cwd: temp },
    );
    expect(generated.code).toBe(0);
    const once = await readFile(changelog, 'utf8');
    expect(once.startsWith('# Changelog\r\n\r\n<!-- relnotes:release v0.5.0 sha256:')).toBe(true);
    expect(once.endsWith(`<!-- relnotes:release-end v0.5.0 -->\r\n${before.slice('# Changelog\r\n'.length)}`)).toBe(
      true,
    );

    const rendered = await runCli(['render', '--context', 'ctx.json', ...args], { cwd: temp });
    expect(rendered.code).toBe(0);
    expect(await readFile(changelog, 'utf8')).toBe(once);

    await mkdir(join(temp, 'maps'));
    await writeFile(join(temp, 'maps', 'pr-2412.yaml'), OVERRIDE_2412);
    await runCli(['render', '--context', 'ctx.json', '--maps', 'maps', ...args], { cwd: temp });
    const twice = await readFile(changelog, 'utf8');
    expect(twice.split('<!-- relnotes:release v0.5.0').length).toBe(2);
    expect(twice).toContain('rewritten by the lead');
    expect(twice.endsWith(before.slice('# Changelog\r\n'.length))).toBe(true);
  });

  it('creates a missing file, and needs --output, a release and Markdown', async () => {
    const created = await runCli(['generate', '--input', prs, '--config', config, '--output', 'NEW.md', '--insert'], {
      cwd: temp,
    });
    expect(created.code).toBe(0);
    expect(await readFile(join(temp, 'NEW.md'), 'utf8')).toMatch(/^<!-- relnotes:release v0\.5\.0 sha256:/);

    const noOutput = await runCli(['generate', '--input', prs, '--config', config, '--insert'], { cwd: temp });
    expect(noOutput.code).toBe(2);
    expect(noOutput.stderr).toContain('--insert needs --output FILE');
    const noRelease = await runCli(['generate', '--input', prs, '--output', 'x.md', '--insert'], { cwd: temp });
    expect(noRelease.stderr).toContain('--insert needs --release VERSION');
    const json = await runCli(
      ['generate', '--input', prs, '--config', config, '--output', 'x.md', '--insert', '--format', 'json'],
      { cwd: temp },
    );
    expect(json.stderr).toContain('cannot be used with --format json');
  });

  it('refuses to overwrite a section edited by hand and leaves the file as it was', async () => {
    const args = ['generate', '--input', prs, '--config', config, '--output', 'CHANGELOG.md', '--insert', '--quiet'];
    await runCli(args, { cwd: temp });
    const changelog = join(temp, 'CHANGELOG.md');
    const edited = (await readFile(changelog, 'utf8')).replace('## Changes by Kind', '## Changes by Kind (edited)');
    await writeFile(changelog, edited);
    const again = await runCli(args, { cwd: temp });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`${changelog}:1:1: the section of v0.5.0 was edited by hand`);
    expect(await readFile(changelog, 'utf8')).toBe(edited);
  });
});
