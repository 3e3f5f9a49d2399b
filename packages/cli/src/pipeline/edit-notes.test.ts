import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../test-helpers/run-cli.js';

const sample = fileURLToPath(new URL('../../../../examples/sample/', import.meta.url));

describe('generate --features', () => {
  it('fails, listing every broken entry with its line, instead of silently dropping a feature', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relnotes-features-'));
    const file = join(dir, 'features.yaml');
    writeFileSync(file, 'features:\n  - id: gears\n    title: Gears\n  - id: levers\n    sig: node\n');
    const result = await runCli(
      ['generate', '--input', join(sample, 'prs.json'), '--features', file, '--release', 'v0.5.0'],
      { cwd: dir },
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    // Named relative to the working folder, as provenance in the published JSON is.
    expect(result.stderr).toContain('error  features.yaml 2:5  feature "gears" needs a sig  [features-yaml]\n');
    expect(result.stderr).toContain('error  features.yaml 4:5  feature "levers" needs a title  [features-yaml]\n');
    expect(result.stderr).toContain(
      'relnotes: features.yaml:2:5: feature "gears" needs a sig (and 1 more, listed above)\n',
    );
  });
});
