import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkSync } from 'recheck';
import { afterAll, expect, it } from 'vitest';
import { collectRegexes, type RegexScan } from './test-helpers/collect-regexes.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const DIRS = [
  'packages/core/src',
  'packages/cli/src',
  'packages/git/src',
  'packages/github/src',
  'packages/github-emulator/src',
  'templates/src',
];

/** Each distinct regex of the scan that recheck does not call safe, as `file:line /source/flags: status`. */
function unsafeRegexes(scan: Readonly<RegexScan>): string[] {
  // The pure-JS backend: no Java, no native binary, no worker thread.
  process.env.RECHECK_SYNC_BACKEND = 'pure';
  const unique = new Map(scan.regexes.map((regex) => [`/${regex.source}/${regex.flags}`, regex]));
  const unsafe: string[] = [];
  for (const [pattern, regex] of unique) {
    const result = checkSync(regex.source, regex.flags, { timeout: 20_000 });
    if (result.status !== 'safe') unsafe.push(`${regex.file}:${regex.line} ${pattern}: ${result.status}`);
  }
  return unsafe;
}

it('no regular expression in the sources can backtrack catastrophically (recheck)', () => {
  const scan = collectRegexes(ROOT, DIRS, { skipTests: true });
  expect(scan.regexes.length).toBeGreaterThan(50);
  // A pattern built at run time cannot be checked here: there must be none outside tests.
  expect(scan.dynamic).toEqual([]);
  const unsafe = unsafeRegexes(scan);
  const distinct = new Set(scan.regexes.map((regex) => `/${regex.source}/${regex.flags}`)).size;
  console.info(`recheck: ${scan.regexes.length} regexes (${distinct} distinct) checked, ${unsafe.length} not safe`);
  expect(unsafe).toEqual([]);
}, 180_000);

const fixtureRoot = mkdtempSync(join(tmpdir(), 'relnotes-redos-'));
afterAll(() => rmSync(fixtureRoot, { recursive: true, force: true }));

it('the scan finds and reports a catastrophic pattern in a source file, as a literal, through new RegExp and RegExp()', () => {
  mkdirSync(join(fixtureRoot, 'src', 'nested'), { recursive: true });
  writeFileSync(
    join(fixtureRoot, 'src', 'nested', 'hostile.ts'),
    [
      'export const literal = /(a+)+$/;',
      "export const built = new RegExp('(x+x+)+y', 'i');",
      "export const called = RegExp('\\\\/+$');",
      'export const fine = /(?<!\\/)\\/+$/;',
      'export const dynamic = new RegExp(String(literal));',
      '',
    ].join('\n'),
  );
  // A test file is skipped: it never sees untrusted input.
  writeFileSync(join(fixtureRoot, 'src', 'hostile.test.ts'), 'export const skipped = /(b+)+$/;\n');
  const scan = collectRegexes(fixtureRoot, ['src'], { skipTests: true });
  expect(scan.regexes.map((regex) => `${regex.line}: /${regex.source}/${regex.flags}`)).toEqual([
    '1: /(a+)+$/',
    '2: /(x+x+)+y/i',
    '3: /\\/+$/',
    '4: /(?<!\\/)\\/+$/',
  ]);
  expect(scan.dynamic).toEqual([{ file: join('src', 'nested', 'hostile.ts'), line: 5 }]);
  const unsafe = unsafeRegexes(scan);
  expect(unsafe).toHaveLength(3);
  for (const [index, line] of [1, 2, 3].entries()) {
    expect(unsafe[index]).toMatch(new RegExp(`^src/nested/hostile\\.ts:${line} .*: vulnerable$`));
  }
}, 120_000);
