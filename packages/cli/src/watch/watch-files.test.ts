import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { watchFiles } from './watch-files.js';

let temp: string;
beforeEach(async () => {
  temp = await mkdtemp(join(tmpdir(), 'relnotes-watch-files-'));
});
afterEach(async () => {
  await rm(temp, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function waitFor(what: string, check: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

describe('watchFiles', () => {
  it('runs once at the start, once per burst of changes, and ignores dotfiles, other names and ignored paths', async () => {
    const folder = join(temp, 'pack');
    await mkdir(folder);
    const file = join(temp, 'ctx.json');
    await writeFile(file, '{}');
    const output = join(folder, 'out.md');
    let runs = 0;
    const controller = new AbortController();
    const loop = watchFiles({
      signal: controller.signal,
      targets: async () => [folder, file],
      run: async () => {
        runs++;
      },
      ignore: (path) => path === output,
      debounceMs: 60,
    });
    await waitFor('the first run', () => runs === 1);

    for (let i = 0; i < 5; i++) await writeFile(join(folder, `p${i}.hbs`), String(i));
    await waitFor('the burst', () => runs === 2);
    await sleep(200);
    expect(runs).toBe(2);

    await writeFile(join(folder, '.p.hbs.tmp'), 'x');
    await writeFile(output, 'rendered');
    await writeFile(join(temp, 'other.json'), '{}');
    await sleep(200);
    expect(runs).toBe(2);

    // An editor's save-by-rename replaces the file: still seen.
    await writeFile(join(temp, 'ctx.json.new'), '{"a":1}');
    await rename(join(temp, 'ctx.json.new'), file);
    await waitFor('the renamed file', () => runs === 3);

    controller.abort();
    await loop;
    await writeFile(join(folder, 'after.hbs'), 'x');
    await sleep(150);
    expect(runs).toBe(3);
  });

  it('resolves at once for a signal already aborted, and rejects when run rejects', async () => {
    const controller = new AbortController();
    controller.abort();
    let runs = 0;
    await watchFiles({
      signal: controller.signal,
      targets: async () => [temp],
      run: async () => {
        runs++;
      },
    });
    expect(runs).toBe(0);
    const failing = watchFiles({
      signal: new AbortController().signal,
      targets: async () => [temp],
      run: async () => {
        throw new Error('render crashed');
      },
    });
    await expect(failing).rejects.toThrow('render crashed');
  });
});
