// `relnotes explain --github`: the PR body comes from GitHub (the emulator), so the block is re-read.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type GitHubEmulator, startGitHubEmulator } from '@relnotes/github-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir } from '../../../git/src/test-helpers/git-fixture.js';
import type { Explanation } from '../context/explain-note.js';
import { createReleaseFixture, type ReleaseFixture } from '../github/test-helpers/release-fixture.js';
import { runCli } from '../test-helpers/run-cli.js';

const TOKEN = 'ghp_explainSecretToken_0123456789ABCDEF';
let fixture: ReleaseFixture;
let emulator: GitHubEmulator;
let dir: string;

beforeAll(async () => {
  fixture = createReleaseFixture();
  emulator = await startGitHubEmulator({ repos: [fixture.repo], token: TOKEN });
  dir = await mkdtemp(join(tmpdir(), 'relnotes-explain-github-'));
});
afterAll(async () => {
  await emulator.close();
  removeDir(fixture.git.path);
  await rm(dir, { recursive: true, force: true });
});

const explain = (pr: string, extra: readonly string[] = []) =>
  runCli(
    [
      'explain',
      pr,
      '--github',
      'acme/rockets',
      '--repo-path',
      fixture.git.path,
      '--from',
      'v1.0.0',
      '--to',
      'v1.1.0',
      ...extra,
    ],
    {
      cwd: dir,
      env: { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: emulator.url, XDG_CACHE_HOME: join(dir, 'xdg'), CI: 'true' },
    },
  );

describe('relnotes explain --github', () => {
  it('re-reads the block of the PR body that GitHub gives', async () => {
    const result = await explain('101', ['--json']);
    expect(result.code).toBe(0);
    const explanation = JSON.parse(result.stdout) as Explanation;
    expect(explanation.block).toMatchObject({ status: 'note', text: fixture.notes.get(101) });
    expect(explanation.placement.published).toBe(true);
    expect(result.stderr).not.toContain(TOKEN);
  });

  it('names the repository for a PR outside the range', async () => {
    const result = await explain('90');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('relnotes: PR #90 is not in acme/rockets v1.0.0..v1.1.0\n');
  });
});
