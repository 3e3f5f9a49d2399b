import {
  compileTemplate,
  createReleaseNote,
  createRenderContext,
  type ReleaseNote,
  type Template,
} from '@relnotes/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTemplatePack } from './load-template-pack.js';

function makeNote(pr: number, text: string, fields: Partial<ReleaseNote> = {}): ReleaseNote {
  return createReleaseNote({
    pr,
    prUrl: `https://github.com/example/widget/pull/${pr}`,
    title: `PR ${pr}`,
    text,
    author: { login: 'ada', url: 'https://github.com/ada' },
    ...fields,
  });
}

// Invented notes that exercise every part of the Kubernetes layout.
const NOTES: ReleaseNote[] = [
  makeNote(101, 'the `--frobnicate` flag of widgetctl is removed; use `--twiddle` instead.', {
    kinds: ['deprecation'],
    sigs: ['cli'],
    actionRequired: true,
  }),
  makeNote(
    102,
    'Renamed the `sprocket` field to `cog`.\nClients that still send `sprocket` must migrate:\n\n- read `cog`\n- write `cog`\n',
    { kinds: ['api-change', 'feature'], sigs: ['api-machinery', 'apps', 'node'], actionRequired: true },
  ),
  makeNote(103, 'widget-proxy: the `--legacy-mode` flag is deprecated.', { kinds: ['deprecation'], sigs: ['network'] }),
  makeNote(104, 'added a `priority` field to Gizmo objects.', {
    kinds: ['api-change', 'feature'],
    sigs: ['scheduling', 'apps'],
    author: { login: 'bo', url: 'https://github.com/bo' },
  }),
  makeNote(105, 'Gizmo controllers now retry\nwith exponential backoff.   ', { kinds: ['feature'], sigs: ['apps'] }),
  makeNote(106, 'Documented the gizmo lifecycle.', { kinds: ['documentation'], sigs: ['docs'] }),
  makeNote(107, 'Fixed a flaky e2e test of the widget scheduler.', {
    kinds: ['failing-test', 'flake'],
    sigs: ['testing'],
  }),
  makeNote(108, 'fixed a crash when a widget has no owner.', { kinds: ['bug'], sigs: ['node', 'storage'] }),
  makeNote(109, 'Fixed a regression in widget garbage collection.', { kinds: ['regression'], sigs: ['apps'] }),
  makeNote(110, 'Cleaned up unused test helpers.', { kinds: ['cleanup'] }),
  makeNote(111, 'Widgets can now be painted blue.', { kinds: ['color'], sigs: ['release'] }),
  makeNote(112, 'This note must not be published.', { kinds: ['bug'], doNotPublish: true }),
];

let template: Template;
beforeAll(async () => {
  const pack = await loadTemplatePack('kubernetes');
  template = compileTemplate(pack.main, {
    name: pack.mainFile,
    partials: pack.partials,
    partialFiles: pack.partialFiles,
  });
});

describe('the kubernetes pack', () => {
  it('renders the Kubernetes changelog layout (golden file)', async () => {
    const out = template(createRenderContext(NOTES, { release: { version: 'v2.4.0', previous: 'v2.3.0' } }));
    await expect(out).toMatchFileSnapshot('__fixtures__/kubernetes.md');
  });

  it('formats a note as Kubernetes does', () => {
    const out = template(createRenderContext([NOTES[7] as ReleaseNote]));
    expect(out).toBe(
      '## Changes by Kind\n\n### Bug or Regression\n\n' +
        '- Fixed a crash when a widget has no owner. ([#108](https://github.com/example/widget/pull/108), ' +
        '[@ada](https://github.com/ada)) [SIG Node and Storage]\n',
    );
  });

  it('omits the urgent part without urgent notes, and the release headings without a release', () => {
    const out = template(createRenderContext(NOTES.filter((note) => !note.actionRequired)));
    expect(out).not.toContain('Urgent Upgrade Notes');
    expect(out.startsWith('## Changes by Kind\n')).toBe(true);
  });

  it('omits empty sections, and renders nothing for no notes', () => {
    const out = template(createRenderContext(NOTES.slice(0, 1)));
    expect(out).not.toContain('Changes by Kind');
    expect(out).not.toContain('### Deprecation');
    expect(template(createRenderContext([]))).toBe('');
  });
});
