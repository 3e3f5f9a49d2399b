import { describe, expect, it } from 'vitest';
import { GitHubError } from './github-error.js';
import { expectJson } from './json-guard.js';

const PAGE = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Welcome to nginx!</title><style>body { width: 35em; margin: 0 auto; font-family: Tahoma, Verdana, Arial, sans-serif; }</style></head><body><h1>Welcome to nginx!</h1><p>${'If you see this page, the web server works. '.repeat(5)}</p></body></html>`;

const answering =
  (body: string | null, status: number, headers: Record<string, string>): typeof fetch =>
  async () =>
    new Response(body, { status, headers });

async function failure(fetchFn: typeof fetch): Promise<GitHubError> {
  const error = await expectJson(fetchFn, 'tok-secret')('https://ghe.example.test/api/v3/repos/o/r', {
    method: 'GET',
  }).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(GitHubError);
  return error as GitHubError;
}

describe('expectJson', () => {
  it('turns an HTML page into one short line that names its title and what was expected', async () => {
    for (const status of [200, 404]) {
      const error = await failure(answering(PAGE, status, { 'content-type': 'text/html' }));
      expect(error.message).toBe(
        `GET /api/v3/repos/o/r: expected a GitHub API JSON response, got an HTML page titled "Welcome to nginx!" (status ${status})`,
      );
      expect(error.message).not.toContain('<');
      expect(error.hint).toContain('REST API base');
      expect(error.status).toBe(status);
    }
  });

  it('cuts a page without a title, or plain text, to a readable excerpt without the token', async () => {
    const untitled = await failure(answering(`<p>${'x'.repeat(400)}</p>`, 200, { 'content-type': 'text/html' }));
    expect(untitled.message.length).toBeLessThan(200);
    expect(untitled.message).toContain('an HTML page (text/html): "<p>xxx');
    const text = await failure(
      answering(`Proxy says no to tok-secret ${'y'.repeat(400)}`, 403, { 'content-type': 'text/plain' }),
    );
    expect(text.message).toContain('text/plain: "Proxy says no to [REDACTED] yyy');
    expect(text.message).not.toContain('tok-secret');
    expect(text.message.length).toBeLessThan(200);
  });

  it('passes JSON through, also when the content type is missing, and bodiless answers', async () => {
    const labelled = await expectJson(
      answering('{"a":1}', 200, { 'content-type': 'application/json' }),
      undefined,
    )('https://x.test/');
    expect(await labelled.json()).toEqual({ a: 1 });
    const unlabelled = await expectJson(answering(' [1]', 200, {}), undefined)('https://x.test/');
    expect(await unlabelled.json()).toEqual([1]);
    const notModified = await expectJson(answering(null, 304, {}), undefined)('https://x.test/');
    expect(notModified.status).toBe(304);
  });
});
