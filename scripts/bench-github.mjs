#!/usr/bin/env node
// Gathers a 3,000-PR release from the GitHub emulator (100 ms latency per request) and prints requests and
// wall time: relnotes cold and warm (same cache dir), by PR numbers (what a clone gives) and by range listing
// (no clone: resolveReleaseRange included, its commit dates cached in the same dir), against the
// one-request-per-PR pattern of Kubernetes' krel (GET /pulls/{n}, 10 in flight).
// Not a test. Run `npx tsc -b` first; nothing leaves 127.0.0.1.
//
// usage: node scripts/bench-github.mjs [PULL_REQUESTS=3000] [LATENCY_MS=100]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGitHubSource, resolveReleaseRange } from '../packages/github/dist/index.js';
import { generateFixtureRepo, startGitHubEmulator } from '../packages/github-emulator/dist/index.js';

const [pullRequests = 3000, latencyMs = 100] = process.argv.slice(2).map(Number);
const TOKEN = 'bench-token';
const repo = generateFixtureRepo({ owner: 'acme', name: 'rockets', pullRequests, seed: 1 });
const emulator = await startGitHubEmulator({
  repos: [repo],
  token: TOKEN,
  latencyMs,
  rateLimit: { core: 1_000_000, graphql: 1_000_000 },
});
const numbers = repo.pullRequests.filter((pr) => pr.merged).map((pr) => pr.number);
const cacheDir = await mkdtemp(join(tmpdir(), 'relnotes-bench-'));
const rows = [];

async function measure(label, run) {
  const before = emulator.stats().requests;
  const started = performance.now();
  const count = await run();
  const seconds = (performance.now() - started) / 1000;
  rows.push({ label, prs: count, requests: emulator.stats().requests - before, seconds });
}

const connection = { repository: 'acme/rockets', token: TOKEN, apiUrl: emulator.url };
const byNumbers = () => async () =>
  (await createGitHubSource({ ...connection, cacheDir }).fetchPullRequests(numbers)).pullRequests.length;
const byRange = (dir) => async () => {
  const range = await resolveReleaseRange({ ...connection, cacheDir: dir, from: 'v1.0.0', to: 'v1.1.0' });
  const source = createGitHubSource({ ...connection, cacheDir: dir });
  return (await source.listMergedPullRequests({ base: range.base, since: range.since, until: range.until })).length;
};

try {
  await measure('relnotes, PR numbers (clone), cold', byNumbers());
  await measure('relnotes, PR numbers (clone), warm', byNumbers());
  const rangeCache = join(cacheDir, 'range');
  await measure('relnotes, range listing (no clone), cold', byRange(rangeCache));
  await measure('relnotes, range listing (no clone), warm', byRange(rangeCache));
  await measure('krel pattern: GET /pulls/{n}, 10 in flight', async () => {
    let next = 0;
    let fetched = 0;
    const worker = async () => {
      while (next < numbers.length) {
        const number = numbers[next++];
        const response = await fetch(`${emulator.url}/repos/acme/rockets/pulls/${number}`, {
          headers: { authorization: `token ${TOKEN}`, accept: 'application/vnd.github+json' },
        });
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

console.log(`${pullRequests} generated PRs (${numbers.length} merged), ${latencyMs} ms latency per request\n`);
const header = ['run', 'PRs', 'requests', 'wall time'];
const table = rows.map((row) => [row.label, String(row.prs), String(row.requests), `${row.seconds.toFixed(2)} s`]);
const widths = header.map((title, column) => Math.max(title.length, ...table.map((cells) => cells[column].length)));
const line = (cells) =>
  `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(' | ')} |`;
console.log(line(header));
console.log(
  `|${widths.map((width, column) => (column === 0 ? `:${'-'.repeat(width + 1)}` : `${'-'.repeat(width + 1)}:`)).join('|')}|`,
);
for (const cells of table) console.log(line(cells));
