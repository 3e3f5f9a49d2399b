import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Explanation } from '../context/explain-note.js';
import { runCli } from '../test-helpers/run-cli.js';

const fixtures = fileURLToPath(new URL('./__fixtures__/widgets/', import.meta.url));
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const widgets = ['--input', 'prs.json', '--features', 'features.yaml', '--release', 'v1.1.0'];

let temp: string;
beforeEach(async () => {
  temp = await mkdtemp(join(tmpdir(), 'relnotes-explain-'));
});
afterEach(async () => {
  await rm(temp, { recursive: true, force: true });
});

async function explainJson(args: readonly string[], cwd = fixtures): Promise<Explanation> {
  const result = await runCli(['explain', ...args, '--json'], { cwd });
  expect(result).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(result.stdout) as Explanation;
}

describe('relnotes explain', () => {
  it('prints the block, each field with its provenance, the features, the stage decision and the section', async () => {
    const { code, stdout } = await runCli(['explain', '101', ...widgets], { cwd: fixtures });
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines.slice(0, 6)).toEqual([
      'PR #101: Graduate the widget gate',
      '  https://github.com/acme/widgets/pull/101',
      '  from prs.json',
      '',
      'Release-note block: note: the PR body has a release-note block with a note',
      '  | The `WidgetGate` feature gate graduated to GA.',
    ]);
    expect(stdout).toContain(
      '  kinds            feature\n                     ← label: label kind/feature (confidence 1)\n',
    );
    expect(stdout).toContain(
      '  features         widget-gate\n                     ← features: widget-gate via gate (gate WidgetGate) (confidence 0.8)\n',
    );
    expect(stdout).toContain(
      'Features:\n  widget-gate Widget gate (via gate, confidence 0.8) https://github.com/acme/enhancements/issues/7\n',
    );
    expect(stdout).toMatch(
      /\n {2}stage_change: beta — decided by features: feature widget-gate reached beta in v1\.1 \(.*features\.yaml\), linked via gate/,
    );
    expect(stdout).toContain(
      '  conflict: #101: feature widget-gate reached beta in v1.1, but its words say stable ("graduated to GA"); using beta from the KEP\n',
    );
    expect(stdout).toContain('\nSection: Feature — the first section that takes one of its kinds (feature)\n');
  });

  it('prints the same as JSON', async () => {
    const explanation = await explainJson(['101', ...widgets]);
    expect(explanation.block).toMatchObject({ status: 'note', text: 'The `WidgetGate` feature gate graduated to GA.' });
    expect(explanation.fields.find((f) => f.field === 'sigs')).toEqual({
      field: 'sigs',
      value: ['widgets'],
      provenance: [{ source: 'label', detail: 'label sig/widgets', confidence: 1 }],
    });
    expect(explanation.stage).toMatchObject({ stage: 'beta', stageChange: 'beta', decidedBy: { source: 'features' } });
    expect(explanation.stage.conflicts).toHaveLength(1);
    expect(explanation.features).toEqual([
      {
        id: 'widget-gate',
        kep: null,
        gate: 'WidgetGate',
        via: 'gate',
        confidence: 0.8,
        title: 'Widget gate',
        url: 'https://github.com/acme/enhancements/issues/7',
      },
    ]);
    expect(explanation.placement).toEqual({
      published: true,
      urgent: false,
      section: 'Feature',
      why: 'the first section that takes one of its kinds (feature)',
    });
  });

  it('says why a note is not published, and what its block held', async () => {
    const explanation = await explainJson(['#103', '--input', 'prs.json']);
    expect(explanation.block).toMatchObject({
      status: 'none',
      why: 'the release-note block says there is no note (NONE)',
      noneMarker: 'NONE',
    });
    expect(explanation.placement).toEqual({
      published: false,
      urgent: false,
      section: null,
      why: 'not published: label: label release-note-none; text: the release-note block says there is no note (NONE)',
    });
    const { stdout } = await runCli(['explain', '103', '--input', 'prs.json'], { cwd: fixtures });
    expect(stdout).toContain('\nSection: (not published) — not published: label: label release-note-none;');
  });

  it('shows the diagnostics of the PR and the urgent section on the sample project', async () => {
    const sample = ['--input', 'examples/sample/prs.json', '--config', 'examples/sample/relnotes.config.json'];
    const two = await explainJson(['2509', ...sample], root);
    expect(two.diagnostics.map((d) => d.ruleId)).toEqual(['multiple-blocks']);
    const urgent = await explainJson(['2455', ...sample], root);
    expect(urgent.placement).toMatchObject({ section: 'Urgent Upgrade Notes', urgent: true });
    expect(urgent.fields.find((f) => f.field === 'actionRequired')?.provenance[0]).toMatchObject({
      source: 'label',
      detail: 'label release-note-action-required',
    });
  });

  it('explains from a saved context with override files: the override is the provenance', async () => {
    const context = join(temp, 'ctx.json');
    const saved = await runCli(['generate', ...widgets, '--save-context', context, '--quiet'], { cwd: fixtures });
    expect(saved.code).toBe(0);
    await mkdir(join(temp, 'maps'));
    await writeFile(join(temp, 'maps', 'pr-102.yaml'), 'pr: 102\nreleasenote:\n  sigs: [gears]\n  stage: alpha\n');
    const explanation = await explainJson(['102', '--context', context, '--maps', join(temp, 'maps')], temp);
    expect(explanation.block).toMatchObject({
      status: 'saved',
      text: 'Sprockets no longer leak when a widget is deleted.',
    });
    expect(explanation.fields.find((f) => f.field === 'sigs')).toMatchObject({
      value: ['gears'],
      provenance: [{ source: 'override' }],
    });
    expect(explanation.stage.stage).toBe('alpha');
    // The saved features still link and decide stages, with no features.yaml at hand.
    const linked = await explainJson(['101', '--context', context], temp);
    expect(linked.stage.stageChange).toBe('beta');
    expect(linked.features[0]?.title).toBe('Widget gate');
  });

  it('fails with exit 1 naming the PR and the input for a PR that is not there', async () => {
    const result = await runCli(['explain', '999', '--input', 'prs.json'], { cwd: fixtures });
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n')[0]).toBe('relnotes: PR #999 is not in prs.json');
  });

  it('needs one PR number and exactly one input', async () => {
    expect((await runCli(['explain', '--input', 'prs.json'], { cwd: fixtures })).code).toBe(2);
    expect((await runCli(['explain', 'abc', '--input', 'prs.json'], { cwd: fixtures })).code).toBe(2);
    expect((await runCli(['explain', '101'], { cwd: fixtures })).code).toBe(2);
    const two = await runCli(['explain', '101', '--input', 'prs.json', '--context', 'x.json'], { cwd: fixtures });
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('give exactly one of');
  });
});
