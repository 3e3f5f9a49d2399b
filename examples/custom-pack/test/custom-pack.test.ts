import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../../packages/cli/src/main.js';
import { createReleaseNote, createRenderContext } from '../../../packages/core/src/index.js';
import { compileTemplatePack, loadTemplatePack } from '../../../templates/src/index.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** Runs `relnotes generate` on the sample project in-process, as the README shows it. */
async function generate(template: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(
    [
      'generate',
      '--input',
      'examples/sample/prs.json',
      '--config',
      'examples/sample/relnotes.config.json',
      '--template',
      template,
    ],
    {
      stdout: (text) => {
        stdout += text;
      },
      stderr: (text) => {
        stderr += text;
      },
      readStdin: async () => '',
      env: {},
      cwd: root,
    },
  );
  return { code, stdout, stderr };
}

describe('a user pack that extends the kubernetes pack', () => {
  it('replaces the note partial, whose area list comes from the pack’s helpers.mjs, and keeps the rest', async () => {
    const [custom, builtin] = await Promise.all([generate('examples/custom-pack/pack'), generate('kubernetes')]);
    expect(custom.code, custom.stderr).toBe(0);
    expect(builtin.code, builtin.stderr).toBe(0);

    const mine = custom.stdout.split('\n');
    const theirs = builtin.stdout.split('\n');
    expect(mine).toHaveLength(theirs.length);
    let changed = 0;
    for (const [i, line] of mine.entries()) {
      const original = theirs[i] ?? '';
      if (line === original) continue;
      // The only difference: an area list appended to a line that ends a note.
      expect(line.startsWith(original), `line ${i + 1}`).toBe(true);
      expect(line.slice(original.length), `line ${i + 1}`).toMatch(/^ _\(areas?: [a-z-]+((, | and )[a-z-]+)*\)_$/);
      changed++;
    }
    expect(changed).toBeGreaterThanOrEqual(20);
    expect(custom.stdout).toContain(
      '[@rafaelmoura](https://github.com/rafaelmoura)) [SIG Scheduling] _(area: hm-scheduler)_',
    );
    // The parent's other parts are there: highlights, urgent notes, changes by kind.
    for (const heading of ['## Highlights', '## Urgent Upgrade Notes', '## Changes by Kind']) {
      expect(custom.stdout).toContain(`\n${heading}\n`);
    }
  });

  it('lists several areas as "a, b and c" (the pack’s area-list helper)', async () => {
    const pack = await loadTemplatePack(join(root, 'examples/custom-pack/pack'));
    expect(pack.helperFiles['area-list']).toBe(join(root, 'examples/custom-pack/pack/helpers.mjs'));
    const areaList = pack.helpers['area-list'];
    if (areaList === undefined) throw new Error('the pack has no area-list helper');
    expect(areaList(['hmctl'], {})).toBe('area: hmctl');
    expect(areaList(['hmctl', 'scheduler', 'volumes'], {})).toBe('areas: hmctl, scheduler and volumes');
    expect(() => areaList('hmctl', {})).toThrow(/expects a list of area names/);
  });

  it('prints an area label with Markdown in it escaped once, as the render context gives it', async () => {
    const pack = await loadTemplatePack(join(root, 'examples/custom-pack/pack'));
    const note = createReleaseNote({
      pr: 7,
      prUrl: 'https://github.com/acme/gears/pull/7',
      text: 'Gears.',
      author: { login: 'ada', url: 'https://github.com/ada' },
      kinds: ['feature'],
      areas: ['hm_scheduler*x'],
    });
    const markdown = compileTemplatePack(pack)(createRenderContext([note]));
    expect(markdown).toContain(' _(area: hm\\_scheduler\\*x)_\n');
  });
});
