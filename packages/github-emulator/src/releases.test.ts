import { afterEach, describe, expect, it } from 'vitest';
import { startGitHubEmulator } from './server.js';
import { smallRepo } from './test-helpers/small-repo.js';
import type { GitHubEmulator } from './types.js';

const TOKEN = 'ghp_releases';
const headers = { authorization: `token ${TOKEN}`, 'content-type': 'application/json' };
let emulator: GitHubEmulator | undefined;

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

interface Release {
  id: number;
  tag_name: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  published_at: string | null;
  html_url: string;
  url: string;
}

async function start(): Promise<GitHubEmulator> {
  emulator = await startGitHubEmulator({ repos: [smallRepo()], token: TOKEN });
  return emulator;
}

function send(gh: GitHubEmulator, method: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${gh.url}${path}`, { method, headers, body: JSON.stringify(body) });
}

describe('releases', () => {
  it('creates a draft (201), lists it, updates it in place, and publishes it', async () => {
    const gh = await start();
    const created = await send(gh, 'POST', '/repos/acme/rockets/releases', {
      tag_name: 'v0.2.0',
      name: 'v0.2.0',
      body: 'Draft notes',
      draft: true,
    });
    expect(created.status).toBe(201);
    const draft = (await created.json()) as Release;
    expect(draft).toMatchObject({ tag_name: 'v0.2.0', draft: true, published_at: null, body: 'Draft notes' });
    expect(created.headers.get('location')).toBe(draft.url);

    const listed = (await (await fetch(`${gh.url}/repos/acme/rockets/releases`, { headers })).json()) as Release[];
    expect(listed.map((r) => [r.id, r.draft])).toEqual([[draft.id, true]]);
    // Like GitHub, a draft is not found by tag: clients must look for drafts in the list.
    expect((await fetch(`${gh.url}/repos/acme/rockets/releases/tags/v0.2.0`, { headers })).status).toBe(404);

    const updated = await send(gh, 'PATCH', `/repos/acme/rockets/releases/${draft.id}`, { body: 'Second draft' });
    expect(updated.status).toBe(200);
    expect((await updated.json()) as Release).toMatchObject({
      id: draft.id,
      body: 'Second draft',
      name: 'v0.2.0',
      draft: true,
    });

    const published = (await (
      await send(gh, 'PATCH', `/repos/acme/rockets/releases/${draft.id}`, { draft: false })
    ).json()) as Release;
    expect(published.draft).toBe(false);
    expect(published.published_at).toMatch(/Z$/);
    const byTag = await fetch(`${gh.url}/repos/acme/rockets/releases/tags/v0.2.0`, { headers });
    expect(byTag.status).toBe(200);
    expect(((await byTag.json()) as Release).id).toBe(draft.id);
    const tags = (await (await fetch(`${gh.url}/repos/acme/rockets/tags`, { headers })).json()) as { name: string }[];
    expect(tags.map((t) => t.name)).toEqual(['v0.2.0', 'v0.1.0']);
  });

  it('validates like GitHub: missing tag, duplicate published tag, body too long, unknown id', async () => {
    const gh = await start();
    const missing = await send(gh, 'POST', '/repos/acme/rockets/releases', { name: 'x' });
    expect(missing.status).toBe(422);
    expect(await missing.json()).toMatchObject({
      message: 'Validation Failed',
      errors: [{ resource: 'Release', code: 'missing_field', field: 'tag_name' }],
    });
    expect((await send(gh, 'POST', '/repos/acme/rockets/releases', { tag_name: 'v1' })).status).toBe(201);
    const duplicate = await send(gh, 'POST', '/repos/acme/rockets/releases', { tag_name: 'v1' });
    expect(duplicate.status).toBe(422);
    expect(await duplicate.json()).toMatchObject({ errors: [{ code: 'already_exists', field: 'tag_name' }] });
    // Several drafts may share a tag name.
    expect((await send(gh, 'POST', '/repos/acme/rockets/releases', { tag_name: 'v1', draft: true })).status).toBe(201);
    const long = await send(gh, 'POST', '/repos/acme/rockets/releases', { tag_name: 'v2', body: 'x'.repeat(125_001) });
    expect(long.status).toBe(422);
    expect(JSON.stringify(await long.json())).toContain('body is too long (maximum is 125000 characters)');
    expect((await send(gh, 'PATCH', '/repos/acme/rockets/releases/424242', { body: 'x' })).status).toBe(404);
    const broken = await fetch(`${gh.url}/repos/acme/rockets/releases`, {
      method: 'POST',
      headers,
      body: '{"tag_name":',
    });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { message: string }).message).toBe('Problems parsing JSON');
  });

  it('reset() restores the fixture releases', async () => {
    const gh = await start();
    expect((await send(gh, 'POST', '/repos/acme/rockets/releases', { tag_name: 'v3', draft: true })).status).toBe(201);
    gh.reset();
    const listed = (await (await fetch(`${gh.url}/repos/acme/rockets/releases`, { headers })).json()) as Release[];
    expect(listed).toEqual([]);
  });
});
