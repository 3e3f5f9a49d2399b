import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../test-helpers/run-cli.js';

const prs = fileURLToPath(new URL('../../../../examples/sample/prs.json', import.meta.url));

describe('relnotes generate', () => {
  it('refuses GitHub gathering options with --input instead of ignoring them', async () => {
    const result = await runCli(['generate', '--input', prs, '--to', 'v0.5.0', '--repo-path', '.', '--no-cache']);
    expect(result).toMatchObject({
      code: 2,
      stdout: '',
      stderr:
        'relnotes: generate: --to, --repo-path, --no-cache only apply when gathering from GitHub (--github OWNER/REPO)\n' +
        '  hint: Drop them, or gather from GitHub instead of --input/--notes.\n',
    });
  });
});
