import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const bin = `${root}packages/cli/dist/bin.js`;

/** The README's first command runs `pnpm demo`; this runs the same CLI call on the built binary. */
function runDemo(): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(
    process.execPath,
    [bin, 'generate', '--input', 'examples/sample/prs.json', '--config', 'examples/sample/relnotes.config.json'],
    { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.skipIf(!existsSync(bin) && process.env.CI !== 'true')('the README demo (built CLI on examples/sample)', () => {
  const demo = runDemo();

  it('exits 0 with no token and no network', () => {
    expect(demo.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(demo.status).toBe(0);
  });

  it('renders the urgent notes first, then every Kubernetes section the sample covers, in order', () => {
    const headings = demo.stdout.split('\n').filter((line) => /^#{2,3} /.test(line));
    const urgent = headings.indexOf('## Urgent Upgrade Notes');
    const byKind = headings.indexOf('## Changes by Kind');
    expect(urgent).toBeGreaterThanOrEqual(0);
    expect(byKind).toBeGreaterThan(urgent);
    expect(headings.slice(byKind + 1).filter((h) => h.startsWith('### '))).toEqual([
      '### Deprecation',
      '### API Change',
      '### Feature',
      '### Design',
      '### Documentation',
      '### Failing Test',
      '### Bug or Regression',
      '### Other (Cleanup or Flake)',
      '### Uncategorized',
    ]);
  });

  it('publishes no note for NONE, N/A, "NONE", the release-note-none label, a missing or an empty block', () => {
    for (const pr of [2488, 2491, 2494, 2497, 2500, 2503, 2506]) expect(demo.stdout).not.toContain(`[#${pr}]`);
  });

  it('keeps the good note when a second, empty block follows it', () => {
    expect(demo.stdout).toContain('[#2509]');
  });

  it('reports the content problems it found as diagnostics naming the PR', () => {
    expect(demo.stderr).toContain('PR #2506');
    expect(demo.stderr).toContain('[empty-block]');
    expect(demo.stderr).toContain('PR #2488');
  });
});
