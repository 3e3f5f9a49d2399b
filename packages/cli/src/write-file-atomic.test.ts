import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
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

  it('writes into a pipe or device (a FIFO here, /dev/null for users) instead of replacing it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relnotes-write-'));
    const fifo = join(dir, 'notes.fifo');
    execFileSync('mkfifo', [fifo]);
    const read = readFile(fifo, 'utf8');
    await writeFileAtomic(fifo, 'through the pipe');
    expect(await read).toBe('through the pipe');
    expect(statSync(fifo).isFIFO()).toBe(true);
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
    await expect(writeFileAtomic(dir, 'x')).rejects.toMatchObject({
      code: 'E_IO',
      message: `cannot write ${dir}: it is a folder`,
      file: dir,
    });
    expect(readFileSync(file, 'utf8')).toBe('precious hand edits');
    const leftovers = readdirSync(join(dir, '..')).filter((name) => name.startsWith(`.${basename(dir)}.relnotes-`));
    expect(leftovers).toEqual([]);
  });
});
