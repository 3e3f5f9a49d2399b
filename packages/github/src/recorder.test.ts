import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitHubError } from './github-error.js';
import { createGitHubSource } from './github-source.js';
import { createFakeGitHub, makePullRequest } from './test-helpers/fake-github.js';

const TOKEN = 'ghs_recordingSecret987654321';
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relnotes-recording-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const offline: typeof fetch = () => Promise.reject(new Error('the network must not be used while replaying'));

describe('record and replay', () => {
  it('records every answer without the token, then replays it offline, on another host', async () => {
    const fake = createFakeGitHub([
      makePullRequest(1, { author: { login: 'alice' } }),
      makePullRequest(2, { title: 'Automated cherry pick of #1: Fix' }),
    ]);
    const recorder = createGitHubSource({
      repository: 'o/r',
      token: TOKEN,
      apiUrl: 'http://127.0.0.1:4000',
      record: dir,
      fetch: fake.fetch,
    });
    const recorded = await recorder.fetchPullRequests([2, 3], { allowMissing: true });
    expect(fake.calls).toHaveLength(2);

    const files = await readdir(dir);
    expect(files).toHaveLength(2);
    for (const file of files) {
      const text = await readFile(join(dir, file), 'utf8');
      expect(text).not.toContain(TOKEN);
      expect(text).not.toMatch(/authorization/i);
      expect(JSON.parse(text)).toMatchObject({
        request: { method: 'POST', path: '/graphql' },
        response: { status: 200 },
      });
    }

    const replayer = createGitHubSource({
      repository: 'o/r',
      apiUrl: 'http://127.0.0.1:5000',
      replay: dir,
      fetch: offline,
    });
    const replayed = await replayer.fetchPullRequests([2, 3], { allowMissing: true });
    expect(replayed).toEqual(recorded);
    expect(replayed.pullRequests[0]?.cherryPickOf?.author.login).toBe('alice');
    expect(replayer.stats().requests).toBe(2);
  });

  it('names the request a replay has no answer for', async () => {
    const replayer = createGitHubSource({ repository: 'o/r', replay: dir, fetch: offline });
    const error = await replayer.fetchPullRequests([42]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitHubError);
    expect(error).toMatchObject({ kind: 'replay-miss', request: 'POST /graphql' });
    expect((error as Error).message).toContain(`the recording in ${dir} has no answer for POST /graphql`);
    expect((error as Error).message).toContain('pullRequest(number: 42)');
  });

  it('refuses record and replay together', () => {
    expect(() => createGitHubSource({ repository: 'o/r', record: dir, replay: dir })).toThrow(/together/);
  });
});
