import { Octokit } from '@octokit/rest';
import { describe, expect, it } from 'vitest';
import { GitHubError } from './github-error.js';
import { guardOrigin } from './origin-guard.js';
import { json } from './test-helpers/fake-github.js';

describe('guardOrigin', () => {
  it('stops octokit paginate from following a Link header to another host with the token', async () => {
    const seen: { url: string; authorization: string | null }[] = [];
    const network: typeof fetch = async (input, init) => {
      seen.push({ url: String(input), authorization: new Headers(init?.headers).get('authorization') });
      return json(200, [{ number: 1 }], {
        link: '<https://evil.example.test/repos/o/r/pulls?page=2>; rel="next"',
      });
    };
    const octokit = new Octokit({
      auth: 'secret-token',
      baseUrl: 'https://api.example.test',
      request: { fetch: guardOrigin(network, 'https://api.example.test') },
    });
    const error = await octokit
      .paginate('GET /repos/{owner}/{repo}/pulls', { owner: 'o', repo: 'r', per_page: 100 })
      .catch((caught: unknown) => caught);
    expect(seen).toEqual([
      { url: 'https://api.example.test/repos/o/r/pulls?per_page=100', authorization: 'token secret-token' },
    ]);
    expect(error).toBeInstanceOf(Error);
    const cause = (error as Error).cause;
    expect(cause).toBeInstanceOf(GitHubError);
    expect(cause).toMatchObject({ kind: 'unsafe-url', request: 'GET /repos/o/r/pulls' });
    expect((cause as Error).message).toContain('https://evil.example.test');
  });

  it('lets same-origin Link pages through', async () => {
    let calls = 0;
    const network: typeof fetch = async () => {
      calls += 1;
      return json(
        200,
        [{ number: calls }],
        calls === 1 ? { link: '<https://api.example.test/repos/o/r/pulls?page=2>; rel="next"' } : {},
      );
    };
    const octokit = new Octokit({
      baseUrl: 'https://api.example.test',
      request: { fetch: guardOrigin(network, 'https://api.example.test') },
    });
    const pulls = await octokit.paginate('GET /repos/{owner}/{repo}/pulls', { owner: 'o', repo: 'r' });
    expect(pulls.map((pull) => pull.number)).toEqual([1, 2]);
  });
});
