import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

function manyPullRequests(count: number): string {
  return JSON.stringify(
    Array.from({ length: count }, (_, index) => ({
      number: index + 1,
      title: `Change ${index + 1}`,
      body: `\`\`\`release-note\nGears turn ${index + 1}% faster when the pump idles, on every node.\n\`\`\``,
      labels: [{ name: 'kind/feature' }, { name: 'sig/node' }],
      author: { login: 'ada' },
      mergedAt: '2026-05-01T00:00:00Z',
      url: `https://github.com/acme/gears/pull/${index + 1}`,
    })),
  );
}

describe.skipIf(!existsSync(bin) && process.env.CI !== 'true')('the built relnotes binary', () => {
  it('exits quietly when the reader closes the pipe early (relnotes … | head)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relnotes-bin-'));
    writeFileSync(join(dir, 'prs.json'), manyPullRequests(3000));
    const child = spawn(process.execPath, [bin, 'generate', '--input', 'prs.json'], { cwd: dir });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((done) => child.on('close', (status) => done(status)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
