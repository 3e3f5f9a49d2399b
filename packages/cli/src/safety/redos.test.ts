import { fileURLToPath } from 'node:url';
import { checkSync } from 'recheck';
import { expect, it } from 'vitest';
import { collectRegexes } from './test-helpers/collect-regexes.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const DIRS = [
  'packages/core/src',
  'packages/cli/src',
  'packages/git/src',
  'packages/github/src',
  'packages/github-emulator/src',
  'templates/src',
];

it('no regular expression in the sources can backtrack catastrophically (recheck)', () => {
  // The pure-JS backend: no Java, no native binary, no worker thread.
  process.env.RECHECK_SYNC_BACKEND = 'pure';
  const scan = collectRegexes(ROOT, DIRS, { skipTests: true });
  expect(scan.regexes.length).toBeGreaterThan(50);
  // A pattern built at run time cannot be checked here: there must be none outside tests.
  expect(scan.dynamic).toEqual([]);
  const unique = new Map(scan.regexes.map((regex) => [`/${regex.source}/${regex.flags}`, regex]));
  const unsafe: string[] = [];
  for (const [pattern, regex] of unique) {
    const result = checkSync(regex.source, regex.flags, { timeout: 20_000 });
    if (result.status !== 'safe') unsafe.push(`${regex.file}:${regex.line} ${pattern}: ${result.status}`);
  }
  console.info(`recheck: ${scan.regexes.length} regexes (${unique.size} distinct) checked, ${unsafe.length} not safe`);
  expect(unsafe).toEqual([]);
}, 180_000);

it('the check itself catches a catastrophic pattern, as a literal or through new RegExp', () => {
  process.env.RECHECK_SYNC_BACKEND = 'pure';
  expect(checkSync('(a+)+$', '', { timeout: 20_000 }).status).toBe('vulnerable');
  expect(checkSync('\\/+$', '', { timeout: 20_000 }).status).toBe('vulnerable');
  expect(checkSync('(?<!\\/)\\/+$', '', { timeout: 20_000 }).status).toBe('safe');
}, 60_000);
