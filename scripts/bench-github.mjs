#!/usr/bin/env node
// Gathers a release of 3,000 merged PRs from the GitHub emulator (100 ms latency per request) and prints
// requests, wall time and bytes received for each way of doing it:
// - relnotes by PR numbers (what a clone gives): GraphQL batches of 100 aliases, cold and warm (same cache);
// - relnotes by range listing (no clone): GraphQL pages of 100, resolveReleaseRange included;
// - REST list pages of 100 for the same window (`GET /pulls?state=closed&base=…&sort=updated&direction=desc`),
//   one after another, 10 in flight, and warm with ETags (304s) — a strategy measured here, not a source;
// - the one-request-per-PR pattern of Kubernetes' krel (GET /pulls/{n}, 10 in flight).
// Not a test. Run `npx tsc -b` first; nothing leaves 127.0.0.1.
//
// usage: node scripts/bench-github.mjs [MERGED_PRS=3000] [LATENCY_MS=100]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGitHubSource, resolveReleaseRange } from '../packages/github/dist/index.js';
import { generateFixtureRepo, startGitHubEmulator } from '../packages/github-emulator/dist/index.js';

const [mergedPrs = 3000, latencyMs = 100] = process.argv.slice(2).map(Number);
const TOKEN = 'bench-token';
const repo = generateFixtureRepo({
  owner: 'acme',
  name: 'rockets',
  pullRequests: 0,
  mergedIntoBase: mergedPrs,
  seed: 1,
});
const emulator = await startGitHubEmulator({
  repos: [repo],
  token: TOKEN,
  latencyMs,
  rateLimit: { core: 1_000_000, graphql: 1_000_000 },
});
const base = repo.defaultBranch;
// The release v1.0.0..v1.1.0: every PR merged into the default branch (v1.1.0 is the last merge).
const numbers = repo.pullRequests.filter((pr) => pr.merged && pr.baseRefName === base).map((pr) => pr.number);
const cacheDir = await mkdtemp(join(tmpdir(), 'relnotes-bench-'));
const rows = [];
let received = 0;

/** The network, counting the bytes of every answer body. */
async function countingFetch(input, init) {
  const response = await fetch(input, init);
  const body = await response.arrayBuffer();
  received += body.byteLength;
  const copy = new Response([101, 103, 204, 205, 304].includes(response.status) ? null : body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  Object.defineProperty(copy, 'url', { value: response.url });
  return copy;
}

async function measure(label, run) {
  const before = emulator.stats().requests;
  const bytesBefore = received;
  const started = performance.now();
  const count = await run();
  const seconds = (performance.now() - started) / 1000;
  rows.push({
    label,
    prs: count,
    requests: emulator.stats().requests - before,
    seconds,
    bytes: received - bytesBefore,
  });
}

const connection = { repository: 'acme/rockets', token: TOKEN, apiUrl: emulator.url, fetch: countingFetch };
const byNumbers = () => async () =>
  (await createGitHubSource({ ...connection, cacheDir }).fetchPullRequests(numbers)).pullRequests.length;
const byRange = (dir) => async () => {
  const range = await resolveReleaseRange({ ...connection, cacheDir: dir, from: 'v1.0.0', to: 'v1.1.0' });
  const source = createGitHubSource({ ...connection, cacheDir: dir });
  return (await source.listMergedPullRequests({ base: range.base, since: range.since, until: range.until })).length;
};

const headers = { authorization: `token ${TOKEN}`, accept: 'application/vnd.github+json' };

/** One REST list page of closed PRs into `base`, most recently updated first; ETags answer 304 when unchanged. */
async function restPage(page, etags) {
  const url = `${emulator.url}/repos/acme/rockets/pulls?state=closed&base=${base}&sort=updated&direction=desc&per_page=100&page=${page}`;
  const known = etags?.get(url);
  const response = await countingFetch(url, { headers: known ? { ...headers, 'if-none-match': known.etag } : headers });
  if (response.status === 304) return known.page;
  if (!response.ok) throw new Error(`GET /pulls page ${page}: ${response.status}`);
  const items = await response.json();
  const last = /[?&]page=(\d+)>; rel="last"/.exec(response.headers.get('link') ?? '');
  const result = { items, lastPage: last ? Number(last[1]) : page };
  etags?.set(url, { etag: response.headers.get('etag'), page: result });
  return result;
}

/**
 * The window's merged PRs from REST list pages: pages until one reaches PRs updated before `since` (an
 * `updated_at` is never before its `merged_at`). `inFlight` > 1 asks that many pages at once after the
 * first (whose Link header gives the last page), stopping after the wave that reaches `since`.
 */
const byRestPages = (inFlight, etags) => async () => {
  const range = await resolveReleaseRange({ ...connection, cacheDir: null, from: 'v1.0.0', to: 'v1.1.0' });
  const since = Date.parse(range.since);
  const until = Date.parse(range.until);
  const found = new Map();
  const take = ({ items }) => {
    for (const pr of items) {
      const mergedAt = pr.merged_at === null ? Number.NaN : Date.parse(pr.merged_at);
      if (mergedAt >= since && mergedAt <= until) found.set(pr.number, pr);
    }
    const oldest = items.at(-1);
    return items.length < 100 || oldest === undefined || Date.parse(oldest.updated_at) < since;
  };
  const first = await restPage(1, etags);
  let done = take(first);
  for (let next = 2; !done && next <= first.lastPage; next += inFlight) {
    const wave = [];
    for (let page = next; page < next + inFlight && page <= first.lastPage; page++) wave.push(restPage(page, etags));
    for (const page of await Promise.all(wave)) done = take(page) || done;
  }
  return found.size;
};

try {
  await measure('relnotes, PR numbers (clone), GraphQL batches, cold', byNumbers());
  await measure('relnotes, PR numbers (clone), GraphQL batches, warm', byNumbers());
  const rangeCache = join(cacheDir, 'range');
  await measure('relnotes, range listing (no clone), GraphQL pages, cold', byRange(rangeCache));
  await measure('relnotes, range listing (no clone), GraphQL pages, warm', byRange(rangeCache));
  await measure('REST list pages of 100 (no clone), one at a time, cold', byRestPages(1));
  await measure('REST list pages of 100 (no clone), 10 in flight, cold', byRestPages(10));
  const etags = new Map();
  await byRestPages(10, etags)();
  await measure('REST list pages of 100 (no clone), 10 in flight, warm (ETag 304s)', byRestPages(10, etags));
  await measure('krel pattern: GET /pulls/{n}, 10 in flight', async () => {
    let next = 0;
    let fetched = 0;
    const worker = async () => {
      while (next < numbers.length) {
        const number = numbers[next++];
        const response = await countingFetch(`${emulator.url}/repos/acme/rockets/pulls/${number}`, { headers });
        if (!response.ok) throw new Error(`GET /pulls/${number}: ${response.status}`);
        await response.json();
        fetched += 1;
      }
    };
    await Promise.all(Array.from({ length: 10 }, worker));
    return fetched;
  });
} finally {
  await emulator.close();
  await rm(cacheDir, { recursive: true, force: true });
}

const closed = repo.pullRequests.filter((pr) => pr.state === 'closed' && pr.baseRefName === base).length;
console.log(
  `${numbers.length} merged PRs in the release v1.0.0..v1.1.0 (${repo.pullRequests.length} generated, ${closed} closed into ${base}), ${latencyMs} ms latency per request\n`,
);
const header = ['run', 'PRs', 'requests', 'wall time', 'received'];
const table = rows.map((row) => [
  row.label,
  String(row.prs),
  String(row.requests),
  `${row.seconds.toFixed(2)} s`,
  `${(row.bytes / 1e6).toFixed(1)} MB`,
]);
const widths = header.map((title, column) => Math.max(title.length, ...table.map((cells) => cells[column].length)));
const line = (cells) =>
  `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(' | ')} |`;
console.log(line(header));
console.log(
  `|${widths.map((width, column) => (column === 0 ? `:${'-'.repeat(width + 1)}` : `${'-'.repeat(width + 1)}:`)).join('|')}|`,
);
for (const cells of table) console.log(line(cells));
