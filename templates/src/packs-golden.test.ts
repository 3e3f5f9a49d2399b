import { readFileSync } from 'node:fs';
import {
  buildHighlights,
  buildReleaseNotes,
  type ClassificationRules,
  compileTemplate,
  createFeatureIndex,
  createRenderContext,
  DEFAULT_RULES,
  parseFeaturesYaml,
  parsePullRequests,
  type RenderContext,
  resolveStages,
} from '@relnotes/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { listBuiltinPacks } from './builtin-packs.js';
import { loadTemplatePack } from './load-template-pack.js';

// The sample project (examples/sample) through the real pipeline, as `relnotes generate` runs it with the
// sample's config: classify, link features.yaml, resolve stages for v0.5.0, build highlights, render.
const sample = (file: string) => readFileSync(new URL(`../../examples/sample/${file}`, import.meta.url), 'utf8');
const config = JSON.parse(sample('relnotes.config.json')) as {
  repository: string;
  release: string;
  previousRelease: string;
  sigNames: Record<string, string>;
};
const rules: ClassificationRules = { ...DEFAULT_RULES, sigNames: { ...DEFAULT_RULES.sigNames, ...config.sigNames } };

function sampleContext(): RenderContext {
  const { notes } = buildReleaseNotes(parsePullRequests(JSON.parse(sample('prs.json'))), { rules });
  const features = parseFeaturesYaml(sample('features.yaml'), 'features.yaml');
  const index = createFeatureIndex(features.features, features.diagnostics);
  const staged = resolveStages(notes, { index, release: config.release });
  return createRenderContext(staged.notes, {
    rules,
    release: {
      version: config.release,
      previous: config.previousRelease,
      date: '2026-11-20T16:00:00Z',
      repository: config.repository,
    },
    highlights: buildHighlights(staged.notes, index),
  });
}

async function render(packName: string, context: RenderContext): Promise<string> {
  const pack = await loadTemplatePack(packName);
  const template = compileTemplate(pack.main, {
    name: pack.mainFile,
    partials: pack.partials,
    partialFiles: pack.partialFiles,
  });
  return template(context);
}

const PACKS = ['github-release', 'keep-a-changelog', 'kubernetes', 'sig-digest'];
const outputs = new Map<string, string>();
let context: RenderContext;

beforeAll(async () => {
  context = sampleContext();
  for (const pack of PACKS) outputs.set(pack, await render(pack, context));
});

const output = (pack: string) => outputs.get(pack) ?? '';
const headings = (text: string) => text.split('\n').filter((line) => line.startsWith('#'));
const prsIn = (text: string) => [...text.matchAll(/\[#(\d+)\]\(/g)].map((m) => Number(m[1]));

describe('the built-in packs on the sample project (golden files)', () => {
  it('are the four documented packs', () => {
    expect(listBuiltinPacks()).toEqual(PACKS);
  });

  it.each(PACKS)('%s renders as its golden file', async (pack) => {
    await expect(output(pack)).toMatchFileSnapshot(`__fixtures__/sample-${pack}.md`);
  });

  it.each(PACKS)('%s is tidy Markdown: no trailing spaces, no runs of blank lines, one final newline', (pack) => {
    const text = output(pack);
    expect(text).not.toMatch(/[ \t]+\n/);
    expect(text).not.toMatch(/\n\n\n/);
    expect(text.endsWith('\n') && !text.endsWith('\n\n')).toBe(true);
  });

  it.each(['keep-a-changelog', 'kubernetes', 'sig-digest'])('%s lists every published note', (pack) => {
    const listed = new Set(prsIn(output(pack)));
    for (const note of context.notes) expect(listed, `#${note.pr}`).toContain(note.pr);
    expect(listed).not.toContain(2500); // do-not-publish
  });
});

describe('the kubernetes pack', () => {
  it('leads with the highlights, grouped by stage change, before the urgent notes', () => {
    const list = headings(output('kubernetes'));
    expect(list.slice(0, 8)).toEqual([
      '# v0.5.0',
      '## Changelog since v0.4.0',
      '## Highlights',
      '### Graduated to Stable',
      '### Promoted to Beta',
      '### New in Alpha',
      '### Deprecated',
      '## Urgent Upgrade Notes',
    ]);
    expect(output('kubernetes')).toContain(
      '- **Quota-aware preemption** ([feature](https://github.com/harbormaster-dev/enhancements/issues/15)) — SIG Scheduling: Quota-aware preemption is now stable. ([#2416](https://github.com/harbormaster-dev/harbormaster/pull/2416))',
    );
  });

  it('lists a stage change that names no tracked feature by its own first sentence', async () => {
    const note = context.notes.find((n) => n.pr === 2419);
    if (!note) throw new Error('sample note #2419 is missing');
    const staged = { ...note, stageChange: 'stable' as const, features: [] };
    const text = await render(
      'kubernetes',
      createRenderContext([staged], { rules, highlights: buildHighlights([staged]) }),
    );
    expect(text).toContain(
      '### Graduated to Stable\n\n- The `harbormaster_scheduler_pending_pods` metric is promoted to stable. ([#2419](https://github.com/harbormaster-dev/harbormaster/pull/2419)) [SIG Scheduling]\n',
    );
  });

  it('renders no highlights part without a feature index', async () => {
    const text = await render('kubernetes', { ...context, highlights: null });
    expect(text).not.toContain('Highlights');
    expect(text.startsWith('# v0.5.0\n\n## Changelog since v0.4.0\n\n## Urgent Upgrade Notes\n')).toBe(true);
  });
});

describe('the keep-a-changelog pack', () => {
  const text = () => output('keep-a-changelog');

  it('has the release heading with its date, the headings in Keep a Changelog order, and the compare link', () => {
    expect(headings(text())).toEqual([
      '## [v0.5.0] - 2026-11-20',
      '### Added',
      '### Changed',
      '### Deprecated',
      '### Fixed',
    ]);
    expect(
      text().endsWith('\n[v0.5.0]: https://github.com/harbormaster-dev/harbormaster/compare/v0.4.0...v0.5.0\n'),
    ).toBe(true);
  });

  it('files notes by kind and stage, action-required ones first and marked', () => {
    const section = (title: string) => text().split(`### ${title}\n`)[1]?.split('\n### ')[0] ?? '';
    expect(prsIn(section('Added'))).toContain(2409); // api-change + feature
    expect(prsIn(section('Deprecated'))).toEqual([2401]);
    expect(prsIn(section('Fixed'))).toEqual(expect.arrayContaining([2445, 2466, 2478]));
    expect(
      section('Changed')
        .split('\n')
        .find((line) => line.startsWith('- ')),
    ).toMatch(/^- \*\*Action required:\*\* /);
  });

  it('says Unreleased without a version', async () => {
    const unreleased = await render('keep-a-changelog', { ...context, release: { ...context.release, version: null } });
    expect(unreleased.startsWith('## [Unreleased]\n')).toBe(true);
    expect(unreleased).not.toContain('/compare/');
  });
});

describe('the github-release pack', () => {
  const text = () => output('github-release');

  it('puts highlights first, then urgent notes, then changes by kind, then credits', () => {
    const list = headings(text());
    expect(list.slice(0, 3)).toEqual(['## Highlights', '## Urgent Upgrade Notes', '## Changes by Kind']);
    expect(list.at(-1)).toBe('## Contributors');
  });

  it('keeps @mentions and #references in note texts from pinging or linking', async () => {
    const note = context.notes.find((n) => n.pr === 2459);
    if (!note) throw new Error('sample note #2459 is missing');
    // The pack asks for mentions to be neutralised (pack.json), as the CLI then does in the context.
    const pack = await loadTemplatePack('github-release');
    expect(pack.mentions).toBe(false);
    const text = 'Thanks @oskar-b for the fix in #2400.';
    const [pinged] = createRenderContext([{ ...note, text }], { rules, mentions: pack.mentions ?? true }).notes;
    if (!pinged) throw new Error('the note was not rendered');
    const out = await render('github-release', {
      ...context,
      sections: [{ title: 'Bug or Regression', notes: [pinged] }],
    });
    expect(out).toContain('- Thanks `@oskar-b` for the fix in `#2400`. ([#2459]');
  });

  it('is short: one line per change', () => {
    const changes = text().split('## Changes by Kind\n')[1]?.split('\n## ')[0] ?? '';
    for (const line of changes.split('\n')) expect(line === '' || /^(###|- )/.test(line), line).toBe(true);
  });
});

describe('the sig-digest pack', () => {
  const text = () => output('sig-digest');

  it('has one section per SIG in display-name order, then the notes without one', () => {
    const sigs = headings(text()).filter((line) => line.startsWith('## '));
    expect(sigs).toEqual([
      '## SIG API Machinery',
      '## SIG CLI',
      '## SIG Docs',
      '## SIG Network',
      '## SIG Node',
      '## SIG Release',
      '## SIG Scheduling',
      '## SIG Storage',
    ]);
  });

  it('ends with the notes that have no SIG', async () => {
    const note = context.notes.find((n) => n.pr === 2481);
    if (!note) throw new Error('sample note #2481 is missing');
    const unowned = { ...note, sigs: [], sigNames: [], sigList: '' };
    const out = await render('sig-digest', { ...context, notes: [...context.notes, { ...unowned, pr: 9999 }] });
    expect(out.split('\n## ').at(-1)).toMatch(
      /^No SIG\n\n1 note without a SIG label\.\n\n- Every release tarball .*\(\[#9999\]/,
    );
  });

  it('shows urgent notes, then stage changes, then changes by kind inside a SIG', () => {
    const scheduling = text().split('## SIG Scheduling\n')[1]?.split('\n## ')[0] ?? '';
    expect(headings(scheduling)).toEqual([
      '### Urgent Upgrade Notes',
      '### Graduated to Stable',
      '### Promoted to Beta',
      '### Deprecated',
      '### Feature',
      '### Documentation',
      '### Bug or Regression',
      '### Other (Cleanup or Flake)',
    ]);
  });

  it('lists a note that changed stage under its stage change, not again under its kind', () => {
    const cli = text().split('## SIG CLI\n')[1]?.split('\n## ')[0] ?? '';
    expect(prsIn(cli).filter((pr) => pr === 2401)).toHaveLength(1);
    expect(headings(cli)).not.toContain('### Deprecation');
  });

  it('lists a note with several SIGs under each of them', () => {
    const sectionOf = (sig: string) => text().split(`## SIG ${sig}\n`)[1]?.split('\n## ')[0] ?? '';
    for (const sig of ['API Machinery', 'Node', 'Storage']) expect(prsIn(sectionOf(sig))).toContain(2409);
  });
});
