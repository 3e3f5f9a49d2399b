import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../test-helpers/run-cli.js';

const fence = (lang: string, content: string) => `\`\`\`${lang}\n${content}\n\`\`\``;
const body = (note: string) => `#### What this PR does\n\nFixes the widget.\n\n${fence('release-note', note)}\n`;

describe('relnotes check', () => {
  it('exits 0 and prints the note when the body has one', async () => {
    const result = await runCli(['check', '--body', '-'], { stdin: body('Fixed the widget crash on empty input.') });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Fixed the widget crash on empty input.');
  });

  it('exits 0 for an explicit NONE and names the marker', async () => {
    const result = await runCli(['check', '--body', '-'], { stdin: body('N/A') });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('"N/A"');
  });

  it('exits 1 when the block is missing, and shows an example of the right block', async () => {
    const result = await runCli(['check', '--body', '-'], { stdin: 'Just a description.\n' });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/no ```release-note block/);
    expect(result.stdout).toContain('```release-note\n');
  });

  it('exits 1 when the block is empty', async () => {
    const result = await runCli(['check', '--body', '-'], { stdin: body('   ') });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('empty');
  });

  it('accepts a missing block when the PR carries the release-note-none label', async () => {
    const result = await runCli(['check', '--body', '-', '--labels', 'kind/cleanup, release-note-none'], {
      stdin: 'No note here.',
    });
    expect(result.code).toBe(0);
  });

  it('prints the documented JSON shape with --json', async () => {
    const result = await runCli(['check', '--body', '-', '--json'], {
      stdin: body('ACTION REQUIRED: the `--legacy` flag is gone.'),
    });
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(Object.keys(json).sort()).toEqual(['diagnostics', 'noneByLabel', 'noneMarker', 'note', 'ok', 'status']);
    expect(json.ok).toBe(true);
    expect(json.status).toBe('note');
    expect(json.note.actionRequired).toBe(true);
    expect(json.note.text).toBe('The `--legacy` flag is gone.');
    expect(Object.keys(json.note).sort()).toEqual(['actionRequired', 'docs', 'text']);
  });

  it('prints status "missing" and a null note as JSON', async () => {
    const result = await runCli(['check', '--body', '-', '--json'], { stdin: 'nothing' });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'missing', note: null });
  });

  it('says in the JSON which NONE marker the body used', async () => {
    const result = await runCli(['check', '--body', '-', '--json'], { stdin: body('"N/A"') });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'none', ok: true, noneMarker: '"N/A"', note: null });
  });

  it('passes a missing block when the release-note-none label is set, and says why in the JSON', async () => {
    const result = await runCli(['check', '--body', '-', '--json', '--labels', 'kind/bug,release-note-none'], {
      stdin: 'nothing',
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'missing', ok: true, noneByLabel: true });
  });

  it('names the configured "no note" label it passed by, and does not warn about the missing block', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relnotes-check-'));
    writeFileSync(join(dir, 'relnotes.config.json'), '{"doNotPublishLabels": ["skip-notes"]}');
    const result = await runCli(['check', '--body', '-', '--labels', 'skip-notes'], { cwd: dir, stdin: 'nothing' });
    expect(result).toMatchObject({
      code: 0,
      stdout: 'ok: no release-note block, and the PR carries the skip-notes label\n',
      stderr: '',
    });
  });

  it('marks the note action-required when the release-note-action-required label is set', async () => {
    const result = await runCli(['check', '--body', '-', '--json', '--labels', 'release-note-action-required'], {
      stdin: body('The `--legacy` flag is gone.'),
    });
    expect(JSON.parse(result.stdout).note).toMatchObject({ actionRequired: true });
    const text = await runCli(['check', '--body', '-', '--labels', 'release-note-action-required'], {
      stdin: body('The `--legacy` flag is gone.'),
    });
    expect(text.stdout).toMatch(/^ok: release note found \(action required\)\n/);
  });

  it('reads the body from a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relnotes-check-'));
    writeFileSync(join(dir, 'body.md'), body('NONE'));
    const result = await runCli(['check', '--body', 'body.md'], { cwd: dir });
    expect(result.code).toBe(0);
  });

  it('exits 2 with a one-line error when the body file does not exist', async () => {
    const result = await runCli(['check', '--body', 'nope.md'], { cwd: tmpdir() });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `relnotes: cannot read nope.md: no such file\n  hint: Check the path; it is read relative to ${tmpdir()}.\n`,
    );
  });

  it('exits 2, not 1 ("no valid note"), when its config file is broken', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relnotes-check-'));
    writeFileSync(join(dir, 'relnotes.config.json'), '{"labelPrefixes": 3}');
    const result = await runCli(['check', '--body', '-'], { cwd: dir, stdin: body('Gears.') });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('relnotes.config.json');
  });

  it('exits 2 on a usage error and names the option', async () => {
    const missing = await runCli(['check']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--body FILE is required');
    const unknown = await runCli(['check', '--bdy', 'x']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("'--bdy'");
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
  });
});
