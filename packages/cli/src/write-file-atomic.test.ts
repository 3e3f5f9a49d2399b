import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from './write-file-atomic.js';

describe('writeFileAtomic', () => {
  it('replaces the content and leaves no temporary file behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relnotes-write-'));
    const file = join(dir, 'CHANGELOG.md');
    writeFileSync(file, 'old');
    await writeFileAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['CHANGELOG.md']);
  });

  it('creates missing folders', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relnotes-write-'));
    await writeFileAtomic(join(dir, 'a', 'b', 'notes.md'), 'x');
    expect(readFileSync(join(dir, 'a', 'b', 'notes.md'), 'utf8')).toBe('x');
  });

  it('keeps the old file when the write fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relnotes-write-'));
    const file = join(dir, 'notes.md');
    writeFileSync(file, 'precious hand edits');
    // Writing over a non-empty folder makes the final rename fail.
    await expect(writeFileAtomic(dir, 'x')).rejects.toThrow();
    expect(readFileSync(file, 'utf8')).toBe('precious hand edits');
    const leftovers = readdirSync(join(dir, '..')).filter((name) => name.startsWith(`.${basename(dir)}.relnotes-`));
    expect(leftovers).toEqual([]);
  });
});
