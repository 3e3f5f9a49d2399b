import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../test-helpers/run-cli.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relnotes-html-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function pr(number: number, note: string, labels: string[]) {
  return {
    number,
    title: `PR ${number}`,
    body: `\`\`\`release-note\n${note}\n\`\`\``,
    labels: labels.map((name) => ({ name })),
    user: { login: `dev${number}`, html_url: `https://github.com/dev${number}` },
    html_url: `https://github.com/acme/widget/pull/${number}`,
    merged_at: '2026-01-01T00:00:00Z',
    merge_commit_sha: null,
    base: { ref: 'main' },
  };
}

describe('relnotes generate --format html', () => {
  it('writes the changelog as one sanitised HTML page', async () => {
    const input = join(dir, 'prs.json');
    await writeFile(
      input,
      JSON.stringify([
        pr(1, 'Gizmos resize. See [the docs](https://example.com/docs).', ['kind/feature', 'sig/apps']),
        pr(2, '<script>alert(1)</script> [x](javascript:alert(2))\n# Not a section', ['kind/bug', 'sig/node']),
      ]),
    );
    const output = join(dir, 'notes.html');
    const result = await runCli([
      'generate',
      '--input',
      input,
      '--format',
      'html',
      '--release',
      'v1.2.0',
      '--output',
      output,
    ]);
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    const html = await readFile(output, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<title>Release notes for v1.2.0</title>');
    expect(html).toContain('<h3>Feature</h3>');
    expect(html).toContain('<a href="https://example.com/docs">the docs</a>');
    expect(html).toContain('&#x3C;script>alert(1)&#x3C;/script>');
    expect(html).not.toMatch(/<script|javascript:|<h1>Not a section/);
  });

  it('lets no bidi override, zero-width space or ESC written as a character reference reach the page', async () => {
    const input = join(dir, 'prs.json');
    const note = 'Fixed the &#x202E;txt.exe&#x202C; loader&ZeroWidthSpace; and &#27;[31mred&#27;[0m output.';
    await writeFile(input, JSON.stringify([pr(1, note, ['kind/bug'])]));
    const result = await runCli(['generate', '--input', input, '--format', 'html']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Fixed the txt.exe loader and red output.');
    for (const hidden of ['\u202e', '\u202c', '\u200b', '\u001b', '\ufffd', '&#x202E;', '&#27;', '[31m']) {
      expect(result.stdout).not.toContain(hidden);
    }
    expect(result.stderr).toMatch(/#1\b.*bidirectional/);
  });

  it('picks html from an .html output name', async () => {
    const input = join(dir, 'prs.json');
    await writeFile(input, JSON.stringify([pr(1, 'Gizmos resize.', ['kind/feature'])]));
    const output = join(dir, 'CHANGELOG.html');
    expect((await runCli(['generate', '--input', input, '--output', output])).code).toBe(0);
    expect(await readFile(output, 'utf8')).toContain('<li>Gizmos resize.');
  });
});
