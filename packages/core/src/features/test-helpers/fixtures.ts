import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createReleaseNote } from '../../create-release-note.js';
import type { ReleaseNote } from '../../model.js';

export const FIXTURES = fileURLToPath(new URL('../__fixtures__/', import.meta.url));

/** Every kep.yaml under the fixture enhancements checkout, with paths relative to it. */
export function readFixtureKeps(): { path: string; source: string }[] {
  const root = join(FIXTURES, 'enhancements');
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return walk(path);
      return name === 'kep.yaml' && /\/\d+-[^/]*\/kep\.yaml$/.test(path) ? [path] : [];
    });
  return walk(root)
    .sort()
    .map((path) => ({ path: relative(root, path), source: readFileSync(path, 'utf8') }));
}

/** A kep.yaml that is not valid YAML (kept here: the linter would reject it as a file). */
export const BROKEN_KEP = {
  path: 'keps/sig-cli/1006-broken-yaml/kep.yaml',
  source: 'title: Broken\nkep-number: 1006\nowning-sig: [sig-cli\nmilestone:\n  alpha: "v1.40"\n',
};

export function readFixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

/** A note with every field at its empty value, and the given ones set. */
export function makeNote(fields: Partial<ReleaseNote> & { pr: number }): ReleaseNote {
  return createReleaseNote({
    prUrl: `https://github.com/acme/widget/pull/${fields.pr}`,
    author: { login: 'someone', url: 'https://github.com/someone' },
    ...fields,
  });
}
