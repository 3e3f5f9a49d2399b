// What the CLI publishes from hostile notes: the sanitiser's warnings reach the user, and output that GitHub
// renders (a draft release, a job summary, the github-release pack) pings and links nobody.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type GitHubEmulator, startGitHubEmulator } from '@relnotes/github-emulator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { removeDir } from '../../../git/src/test-helpers/git-fixture.js';
import { createReleaseFixture, type ReleaseFixture } from '../github/test-helpers/release-fixture.js';
import { runCli } from '../test-helpers/run-cli.js';

const TOKEN = 'ghp_publishedNotesToken_0123456789';
const MENTIONS = 'Thanks @ada and @acme/release-team, fixes #123.';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relnotes-published-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function pr(number: number, note: string, labels: string[] = ['kind/bug', 'sig/node']) {
  return {
    number,
    title: `PR ${number}`,
    body: `Template text.\n\n\`\`\`release-note\n${note}\n\`\`\`\n`,
    labels: labels.map((name) => ({ name })),
    user: { login: `dev${number}`, html_url: `https://github.com/dev${number}` },
    html_url: `https://github.com/acme/rockets/pull/${number}`,
    merged_at: '2026-01-01T00:00:00Z',
    merge_commit_sha: null,
    base: { ref: 'main' },
  };
}

async function writeInput(prs: readonly unknown[], config: Record<string, unknown> = {}): Promise<string> {
  await writeFile(join(dir, 'relnotes.config.json'), JSON.stringify({ repository: 'acme/rockets', ...config }));
  const input = join(dir, 'prs.json');
  await writeFile(input, JSON.stringify(prs));
  return input;
}

describe('the sanitiser is heard: one warning per PR whose note had to change', () => {
  const hostile = () => [
    pr(1, 'Fixed\u200b the\u200b gauge. [docs](javascript:alert(1))'),
    pr(2, 'Plain words.'),
    pr(3, '# Injected section\n\n<details open>x</details>'),
  ];

  it('generate names each PR and what was removed or neutralised', async () => {
    const input = await writeInput(hostile());
    const result = await runCli(['generate', '--input', input], { cwd: dir });
    expect(result.code).toBe(0);
    const warnings = result.stderr.split('\n').filter((line) => line.includes('note-sanitized'));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/#1\b.*zero-width.*javascript:/);
    expect(warnings[1]).toMatch(/#3\b.*heading.*raw HTML/);
  });

  it('render --context reports them again for the notes it renders', async () => {
    const input = await writeInput(hostile());
    const context = join(dir, 'context.json');
    await runCli(['generate', '--input', input, '--save-context', context, '--quiet'], { cwd: dir });
    const result = await runCli(['render', '--context', context], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr.split('\n').filter((line) => line.includes('note-sanitized'))).toHaveLength(2);
  });

  it('check --body shows them to the PR author, in text and JSON', async () => {
    const body = join(dir, 'body.md');
    await writeFile(body, pr(7, 'See <script>alert(1)</script>\u2066 now.').body);
    const text = await runCli(['check', '--body', body, '--pr', '7'], { cwd: dir });
    expect(text.code).toBe(0);
    expect(text.stderr).toMatch(/PR #7 .*raw HTML made inert.*\[note-sanitized\]/);
    expect(text.stderr).toContain('bidi-control');
    const json = await runCli(['check', '--body', body, '--pr', '7', '--json'], { cwd: dir });
    const ruleIds = (JSON.parse(json.stdout) as { diagnostics: { ruleId: string }[] }).diagnostics.map((d) => d.ruleId);
    expect(ruleIds).toEqual(['bidi-control', 'note-sanitized']);
  });
});

describe('mentions in output GitHub renders', () => {
  let fixture: ReleaseFixture;
  let emulator: GitHubEmulator;
  beforeAll(async () => {
    fixture = createReleaseFixture();
    emulator = await startGitHubEmulator({ repos: [fixture.repo], token: TOKEN });
  });
  afterAll(async () => {
    await emulator.close();
    removeDir(fixture.git.path);
  });

  const env = (summary: string) => ({
    GITHUB_TOKEN: TOKEN,
    GITHUB_API_URL: emulator.url,
    GITHUB_STEP_SUMMARY: summary,
  });

  async function draftBody(tag: string): Promise<string> {
    const response = await fetch(`${emulator.url}/repos/acme/rockets/releases?per_page=100`, {
      headers: { authorization: `token ${TOKEN}` },
    });
    const releases = (await response.json()) as { tag_name: string; body: string }[];
    return releases.find((release) => release.tag_name === tag)?.body ?? '';
  }

  it('the kubernetes pack: the file keeps mentions, the draft release and the job summary neutralise them', async () => {
    const input = await writeInput([pr(10, MENTIONS)]);
    const summary = join(dir, 'summary.md');
    const output = join(dir, 'CHANGELOG.md');
    const args = ['generate', '--input', input, '--release', 'v9.0.0', '--github-release', 'draft', '--output', output];
    const result = await runCli(args, { cwd: dir, env: env(summary) });
    expect(result.code).toBe(0);
    expect(await readFile(output, 'utf8')).toContain(`- ${MENTIONS} (`);
    const neutralised =
      '- Thanks `@ada` and `@acme/release-team`, fixes `#123`. ([#10](https://github.com/acme/rockets/pull/10), [@dev10](https://github.com/dev10))';
    expect(await draftBody('v9.0.0')).toContain(neutralised);
    expect(await readFile(summary, 'utf8')).toContain(neutralised);
  });

  it('config "mentions": true lets them through everywhere, the github-release pack included', async () => {
    const input = await writeInput([pr(11, MENTIONS)], { mentions: true, template: 'github-release' });
    const summary = join(dir, 'summary.md');
    const result = await runCli(['generate', '--input', input, '--release', 'v9.1.0', '--github-release', 'draft'], {
      cwd: dir,
      env: env(summary),
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`- ${MENTIONS} (`);
    expect(await draftBody('v9.1.0')).toContain(`- ${MENTIONS} (`);
    expect(await readFile(summary, 'utf8')).toContain(`- ${MENTIONS} (`);
  });

  it('the github-release pack neutralises them by default, in a file too; author credits stay links', async () => {
    const input = await writeInput([pr(12, MENTIONS)]);
    const result = await runCli(['generate', '--input', input, '--template', 'github-release'], { cwd: dir });
    expect(result.stdout).toContain('- Thanks `@ada` and `@acme/release-team`, fixes `#123`. ([#12]');
    expect(result.stdout).toContain('[@dev12](https://github.com/dev12)');
  });

  it('the github-release pack neutralises mentions GitHub reads in character references or after a scheme with no host', async () => {
    const note = 'Thanks &#64;ada, &commat;bob and http://"@carol" for fixing &#35;123 and https://(#77).';
    const input = await writeInput([pr(15, note)]);
    const result = await runCli(['generate', '--input', input, '--template', 'github-release'], { cwd: dir });
    expect(result.stdout).toContain(
      '- Thanks `@ada`, `@bob` and http://"`@carol`" for fixing `#123` and https://(`#77`). ([#15]',
    );
  });

  it('config "mentions" must be true or false, and the error names the file and the key', async () => {
    const input = await writeInput([pr(14, MENTIONS)], { mentions: 'yes' });
    const result = await runCli(['generate', '--input', input], { cwd: dir });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/relnotes\.config\.json: "mentions" must be true or false, got "yes"/);
  });

  it('config "mentions": false neutralises them in the kubernetes pack too', async () => {
    const input = await writeInput([pr(13, MENTIONS)], { mentions: false });
    const result = await runCli(['generate', '--input', input], { cwd: dir });
    expect(result.stdout).toContain('- Thanks `@ada` and `@acme/release-team`, fixes `#123`. ([#13]');
  });
});
