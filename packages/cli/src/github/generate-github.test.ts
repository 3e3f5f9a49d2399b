// End to end: the real CLI against the GitHub emulator and a real git repository in a temp folder.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Fault, type GitHubEmulator, startGitHubEmulator } from '@relnotes/github-emulator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { removeDir } from '../../../git/src/test-helpers/git-fixture.js';
import type { Io } from '../io.js';
import { type CliResult, runCli } from '../test-helpers/run-cli.js';
import { gatherFromGitHub } from './gather-from-github.js';
import { resolveGitHubSettings } from './github-settings.js';
import { createProgressReporter } from './progress.js';
import { createReleaseFixture, type ReleaseFixture } from './test-helpers/release-fixture.js';

const TOKEN = 'ghp_e2eSecretToken_ZYXWVU9876543210';
const BIN = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

let fixture: ReleaseFixture;
let emulator: GitHubEmulator;
let dir: string;
const outputs: CliResult[] = [];

beforeAll(async () => {
  fixture = createReleaseFixture();
  emulator = await startGitHubEmulator({ repos: [fixture.repo], token: TOKEN });
});
afterAll(async () => {
  await emulator.close();
  removeDir(fixture.git.path);
});
beforeEach(async () => {
  emulator.reset();
  emulator.setFaults([]);
  dir = await mkdtemp(join(tmpdir(), 'relnotes-cli-github-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function env(extra: Record<string, string> = {}): Record<string, string> {
  return {
    GITHUB_TOKEN: TOKEN,
    GITHUB_API_URL: emulator.url,
    XDG_CACHE_HOME: join(dir, 'xdg'),
    RELNOTES_WAIT_SCALE: '0.001',
    CI: 'true',
    ...extra,
  };
}

async function generate(args: readonly string[], extraEnv: Record<string, string> = {}): Promise<CliResult> {
  const result = await runCli(['generate', '--github', 'acme/rockets', ...args], {
    env: env(extraEnv),
    cwd: dir,
  });
  outputs.push(result);
  return result;
}

const cloneRange = () => ['--repo-path', fixture.git.path, '--from', 'v1.0.0', '--to', 'v1.1.0'];
const gatheredLine = (stderr: string) => /gathered (\d+) PRs in (\d+) requests \((\d+) from cache\)/.exec(stderr);
const count = (text: string, part: string) => text.split(part).length - 1;

/** The notes a v1.0.0..v1.1.0 release must hold, each exactly once. */
function expectReleaseNotes(markdown: string): void {
  for (const pr of [100, 101, 102, 103, 104]) {
    const note = fixture.notes.get(pr) ?? '';
    expect(count(markdown, note.slice(0, -1)), `note of #${pr}`).toBe(1);
  }
  expect(markdown).not.toContain('launch pad for small rockets'); // #90 shipped in v1.0.0
  expect(markdown).not.toContain('NONE');
  expect(markdown).not.toMatch(/#105\b/);
}

describe('relnotes generate --github with a clone', () => {
  it('lists merge, squash, revert, cherry-pick and synced-branch PRs, then serves a re-run from the cache', async () => {
    const cold = await generate(cloneRange());
    expect(cold.stderr).not.toMatch(/error/i);
    expect(cold.code).toBe(0);
    expectReleaseNotes(cold.stdout);
    expect(cold.stderr).toContain('relnotes: gathering the pull requests of acme/rockets v1.0.0..v1.1.0');
    expect(gatheredLine(cold.stderr)?.slice(1, 4)).toEqual(['6', expect.any(String), '0']);

    const warm = await generate(cloneRange());
    expect(warm.stdout).toBe(cold.stdout);
    const [, prs, requests, hits] = gatheredLine(warm.stderr) ?? [];
    expect([prs, hits]).toEqual(['6', '6']);
    expect(Number(requests)).toBeLessThanOrEqual(5);
    // The cache is where XDG says, not in the clone.
    expect(existsSync(join(dir, 'xdg', 'relnotes'))).toBe(true);
    expect(fixture.git.git('status', '--porcelain')).toBe('');
  });

  it('credits the cherry-pick PR #104 to the author of the PR it picks (#100 by grace)', async () => {
    const result = await generate([...cloneRange(), '--no-cache']);
    expect(result.code).toBe(0);
    const line = result.stdout.split('\n').find((text) => text.includes(fixture.notes.get(104) ?? '?'));
    expect(line).toContain('[#104](');
    expect(line).toContain('[@grace](');
    expect(line).not.toContain('release-robot');
    // #100's own note is credited to grace as well, and no other note to the robot.
    expect(result.stdout).not.toContain('@release-robot');
  });

  it('takes the previous tag when --from is omitted', async () => {
    const result = await generate(['--repo-path', fixture.git.path, '--to', 'v1.1.0', '--no-cache']);
    expect(result.code).toBe(0);
    expectReleaseNotes(result.stdout);
  });

  const faults: Fault[] = [
    { kind: '502', on: 'graphql', times: 2 },
    { kind: 'secondary-rate-limit', on: 'graphql', times: 2, retryAfterSeconds: 2 },
    { kind: 'primary-rate-limit', on: 'graphql', times: 1, retryAfterSeconds: 2 },
    { kind: 'drop-connection', on: 'graphql', times: 2 },
  ];
  it.each(faults)('gives the same notes when GitHub answers $kind', async (fault) => {
    const clean = await generate([...cloneRange(), '--no-cache']);
    emulator.setFaults([fault, { ...fault, nth: 4 }]);
    const faulty = await generate([...cloneRange(), '--no-cache']);
    expect(faulty.code).toBe(0);
    expect(faulty.stdout).toBe(clean.stdout);
    expect(emulator.requests.filter((entry) => entry.fault === fault.kind).length).toBeGreaterThan(0);
  });

  it('fails with exit 1 naming a PR GitHub does not have, or lists it with --allow-missing', async () => {
    const range = ['--repo-path', fixture.git.path, '--from', 'v1.1.0', '--to', 'v1.1.1'];
    const failed = await generate(range);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('#199');
    expect(failed.stderr).toContain('--allow-missing');
    expect(failed.stdout).toBe('');

    const allowed = await generate([...range, '--allow-missing']);
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toMatch(/not found in acme\/rockets.*#199/);
  });

  it('records, then replays with no server, and fails clearly on a request it has no answer for', async () => {
    const record = join(dir, 'recording');
    const recorded = await generate([...cloneRange(), '--record', record]);
    expect(recorded.code).toBe(0);
    const before = emulator.stats().requests;
    const offline = { GITHUB_API_URL: 'http://127.0.0.1:9' };
    const replayed = await generate([...cloneRange(), '--replay', record], offline);
    expect(replayed.code).toBe(0);
    expect(replayed.stdout).toBe(recorded.stdout);
    expect(emulator.stats().requests).toBe(before);

    const miss = await generate(
      ['--repo-path', fixture.git.path, '--from', 'v1.0.0', '--to', 'v1.1.1', '--replay', record],
      offline,
    );
    expect(miss.code).toBe(2);
    expect(miss.stderr).toMatch(/recording in .* has no answer for POST \/graphql/);
    expect(miss.stderr).toContain('hint: Record again');
  });
});

describe('relnotes generate --github without a clone', () => {
  it('lists the PRs merged into the base branch between the two refs', async () => {
    const result = await generate(['--from', 'v1.0.0', '--to', 'main', '--base', 'main', '--no-cache']);
    expect(result.code).toBe(0);
    for (const pr of [100, 101, 102, 103]) expect(result.stdout).toContain(fixture.notes.get(pr));
    expect(result.stdout).not.toContain(fixture.notes.get(104)); // merged into release-1.1
    expect(result.stdout).not.toContain(fixture.notes.get(90)); // merged by the v1.0.0 commit itself

    emulator.setFaults([
      { kind: '502', on: 'GET /repos/*/*/compare/**', times: 1 },
      { kind: 'drop-connection', on: 'GET /repos/*/*', times: 1 },
      { kind: 'secondary-rate-limit', on: 'graphql', times: 1, retryAfterSeconds: 1 },
    ]);
    const faulty = await generate(['--from', 'v1.0.0', '--to', 'main', '--no-cache']);
    expect(faulty.code).toBe(0);
    expect(faulty.stdout).toBe(result.stdout);
    expect(emulator.requests.filter((entry) => entry.fault !== null)).toHaveLength(3);
  });

  it('on a terminal, counts the REST range requests in the live line as in the summary', async () => {
    let stderr = '';
    const io: Io = {
      stdout: () => undefined,
      stderr: (text) => {
        stderr += text;
      },
      readStdin: async () => '',
      env: {},
      cwd: dir,
    };
    const settings = await resolveGitHubSettings(
      'acme/rockets',
      { from: 'v1.0.0', to: 'main', 'no-cache': true },
      {
        ...io,
        env: env(),
      },
    );
    await gatherFromGitHub(settings, io, createProgressReporter(io, 'live'));
    const live = [...stderr.matchAll(/· (\d+) requests ·/g)].map((match) => Number(match[1]));
    const summary = Number(gatheredLine(stderr)?.[2]);
    expect(live.length).toBeGreaterThan(0);
    // The range took REST requests before the first live line: it already counts them.
    expect(live[0]).toBeGreaterThan(1);
    expect(live.at(-1)).toBe(summary);
    expect(summary).toBe(emulator.stats().requests);
  });

  it('serves a re-run from the cache in at most 5 requests, counted as the emulator counts them', async () => {
    const args = ['--from', 'v1.0.0', '--to', 'main'];
    const cold = await generate(args);
    expect(cold.code).toBe(0);
    emulator.reset();
    const warm = await generate(args);
    expect(warm.code).toBe(0);
    expect(warm.stdout).toBe(cold.stdout);
    const [, prs, requests] = gatheredLine(warm.stderr) ?? [];
    expect(Number(prs)).toBeGreaterThan(0);
    expect(Number(requests)).toBe(emulator.stats().requests);
    expect(emulator.stats().requests).toBeLessThanOrEqual(5);
  });
});

describe('drafting and job summaries', () => {
  it('creates one draft release, edits it in place on re-runs, and appends to GITHUB_STEP_SUMMARY', async () => {
    const summary = join(dir, 'summary.md');
    await writeFile(summary, '# Earlier step\n');
    const draft = ['--release', 'v1.1.0', '--github-release', 'draft'];
    const first = await generate(['--repo-path', fixture.git.path, '--from', 'v1.0.0', '--to', 'v1.0.0', ...draft], {
      GITHUB_STEP_SUMMARY: summary,
    });
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/created the draft release v1\.1\.0/);
    const second = await generate([...cloneRange(), ...draft], { GITHUB_STEP_SUMMARY: summary });
    expect(second.stderr).toMatch(/updated the draft release v1\.1\.0/);
    const third = await generate([...cloneRange(), ...draft]);
    expect(third.stderr).toMatch(/unchanged the draft release v1\.1\.0/);

    const response = await fetch(`${emulator.url}/repos/acme/rockets/releases?per_page=100`, {
      headers: { authorization: `token ${TOKEN}` },
    });
    const releases = (await response.json()) as { tag_name: string; draft: boolean; body: string }[];
    const drafts = releases.filter((release) => release.draft && release.tag_name === 'v1.1.0');
    expect(drafts).toHaveLength(1);
    expect(drafts[0]?.body).toBe(second.stdout);
    expect(emulator.requests.filter((entry) => entry.method === 'POST' && entry.route !== 'graphql')).toHaveLength(1);

    expect(await readFile(summary, 'utf8')).toBe(`# Earlier step\n${first.stdout}${second.stdout}`);
  });

  it('checks the drafting options before any request', async () => {
    const result = await generate([...cloneRange(), '--github-release', 'draft']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--github-release needs --release TAG');
    expect(emulator.stats().requests).toBe(0);
  });
});

describe('inputs and secrets', () => {
  it('takes exactly one input', async () => {
    const result = await generate(['--input', 'prs.json', '--to', 'v1.1.0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('exactly one of --input PRS.json, --notes NOTES.json or --github OWNER/REPO');
  });

  it('reads the token from --token-file and keeps the cache out of the clone', async () => {
    const tokenFile = join(dir, 'token');
    await writeFile(tokenFile, `${TOKEN}\n`);
    const ok = await runCli(['generate', '--github', 'acme/rockets', ...cloneRange(), '--token-file', tokenFile], {
      env: { ...env(), GITHUB_TOKEN: 'wrong-token' },
      cwd: dir,
    });
    expect(ok.code).toBe(0);
    const inside = await generate([...cloneRange(), '--cache-dir', join(fixture.git.path, '.cache')]);
    expect(inside.code).toBe(2);
    expect(inside.stderr).toContain('is inside the clone');
  });

  it('refuses an --api-url holding credentials at once: a one-line usage error, no request, no token shown', async () => {
    const secret = 'ghp_tokenInTheUrl_987';
    const started = Date.now();
    const result = await generate(cloneRange(), { GITHUB_API_URL: emulator.url.replace('//', `//x:${secret}@`) });
    expect(result.code).toBe(2);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.stderr).toMatch(
      /^relnotes: generate: GITHUB_API_URL must not hold credentials \(http:\/\/…@127\.0\.0\.1:\d+\); pass the token as GITHUB_TOKEN or with --token-file\n$/,
    );
    expect(result.stderr).not.toContain(secret);
    expect(emulator.stats().requests).toBe(0);
    const flag = await generate([...cloneRange(), '--api-url', `http://${secret}@127.0.0.1:9`]);
    expect(flag.stderr).toContain('--api-url must not hold credentials');
    expect(flag.stderr).not.toContain(secret);
  });

  it('says in a short line, naming the page, that an --api-url answering HTML is not the GitHub API', async () => {
    const page = `<!DOCTYPE html><html><head><title>Corporate proxy login</title></head><body>${'<p>Please sign in.</p>'.repeat(30)}</body></html>`;
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(page);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    try {
      for (const range of [cloneRange(), ['--from', 'v1.0.0', '--to', 'main']]) {
        const result = await generate([...range, '--no-cache', '--api-url', `http://127.0.0.1:${port}`]);
        expect(result.code).toBe(2);
        const line = result.stderr.split('\n').find((text) => text.includes('expected a GitHub API JSON response'));
        expect(line).toMatch(/got an HTML page titled "Corporate proxy login" \(status 200\)$/);
        expect(line?.length).toBeLessThan(160);
        expect(result.stderr).not.toContain('<');
        expect(result.stderr).toContain('hint: Check apiUrl (--api-url, GITHUB_API_URL)');
      }
    } finally {
      await new Promise((done) => server.close(done));
    }
  });

  it("keeps the cache out of the clone's whole working tree, and refuses a --repo-path that is no git repository", async () => {
    const sub = join(fixture.git.path, 'docs');
    await mkdir(sub, { recursive: true });
    const fromSub = await generate([
      '--repo-path',
      sub,
      '--from',
      'v1.0.0',
      '--to',
      'v1.1.0',
      '--cache-dir',
      join(fixture.git.path, '.cache'),
    ]);
    expect(fromSub.code).toBe(2);
    expect(fromSub.stderr).toContain(`is inside the clone ${await realpath(fixture.git.path)}`);

    // A plain folder holding the cache is no clone, so the cache is not "inside the clone": it is not a clone.
    const plain = join(dir, 'plain');
    await mkdir(plain);
    const notGit = await generate(['--repo-path', plain, '--to', 'v1.1.0', '--cache-dir', join(plain, 'cache')]);
    expect(notGit.code).toBe(1);
    expect(notGit.stderr).toContain(`relnotes: ${plain} is not a git repository`);
    expect(notGit.stderr).not.toContain('inside the clone');
    expect(emulator.stats().requests).toBe(0);
  });

  it('never shows the token, even in the error of a rejected one', async () => {
    const wrong = 'ghp_wrongTokenThatMustNotLeak_123';
    const rejected = await generate(cloneRange(), { GITHUB_TOKEN: wrong });
    expect(rejected.code).toBe(2);
    expect(rejected.stderr).toContain('401');
    expect(rejected.stderr + rejected.stdout).not.toContain(wrong);

    const record = join(dir, 'rec');
    await generate([...cloneRange(), '--record', record]);
    await generate(cloneRange());
    for (const result of outputs) expect(result.stdout + result.stderr).not.toContain(TOKEN);
    const files = [...(await listFiles(join(dir, 'xdg'))), ...(await listFiles(record))];
    expect(files.length).toBeGreaterThan(6);
    for (const file of files) expect(await readFile(file, 'utf8')).not.toContain(TOKEN);
  });
});

describe('the built binary', () => {
  it('prints the same notes as the in-process CLI', async () => {
    expect(existsSync(BIN), 'run `npx tsc -b` first').toBe(true);
    const inProcess = await generate([...cloneRange(), '--no-cache']);
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [BIN, 'generate', '--github', 'acme/rockets', ...cloneRange()],
      { cwd: dir, env: { PATH: process.env.PATH ?? '', HOME: dir, ...env() } },
    );
    expect(stdout).toBe(inProcess.stdout);
    expect(stderr).toMatch(/gathered 6 PRs in \d+ requests \(0 from cache\) in [\d.]+ s/);
    expect(stdout + stderr).not.toContain(TOKEN);
  });
});

async function listFiles(root: string): Promise<string[]> {
  if (!existsSync(root)) return [];
  const entries = await readdir(root, { recursive: true });
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(root, entry);
    if ((await stat(path)).isFile()) files.push(path);
  }
  return files;
}
