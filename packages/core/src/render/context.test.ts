import { describe, expect, it } from 'vitest';
import { createReleaseNote } from '../create-release-note.js';
import type { ReleaseNote } from '../model.js';
import { DEFAULT_RULES } from '../rules.js';
import { createRenderContext, createRenderContextWithDiagnostics } from './context.js';
import { renderChangelog } from './render-changelog.js';

function makeNote(pr: number, fields: Partial<ReleaseNote> = {}): ReleaseNote {
  return createReleaseNote({
    pr,
    prUrl: `https://example.com/pull/${pr}`,
    title: `PR ${pr}`,
    text: `note ${pr}`,
    author: { login: 'ada', url: 'https://example.com/ada' },
    ...fields,
  });
}

describe('createRenderContext', () => {
  const notes = [
    makeNote(1, { kinds: ['bug'], sigs: ['node', 'api-machinery'] }),
    makeNote(2, { kinds: ['feature', 'api-change'], sigs: ['node'], stage: 'beta' }),
    makeNote(3, { kinds: ['cleanup'], actionRequired: true, sigs: ['storage'] }),
    makeNote(4, { kinds: ['unknown-kind'], author: { login: 'bo', url: 'https://example.com/bo' } }),
    makeNote(5, { kinds: ['bug'], doNotPublish: true }),
    makeNote(6, { kinds: ['regression'], stage: 'alpha' }),
  ];
  const context = createRenderContext(notes, { release: { version: 'v1.2.0', previous: 'v1.1.0' } });

  it('has every key, null when unknown', () => {
    expect(context.release).toEqual({ version: 'v1.2.0', previous: 'v1.1.0', date: null, repository: null });
    expect(context.highlights).toBeNull();
    expect(createRenderContext([])).toEqual({
      release: { version: null, previous: null, date: null, repository: null },
      notes: [],
      urgent: [],
      sections: [],
      bySig: [],
      byStage: [],
      highlights: null,
      authors: [],
      stats: { notes: 0, urgent: 0, unpublished: 0, authors: 0, sigs: 0, sections: 0 },
    });
  });

  it('leaves out do-not-publish notes and puts action-required ones under urgent only', () => {
    expect(context.notes.map((n) => n.pr)).toEqual([1, 2, 3, 4, 6]);
    expect(context.urgent.map((n) => n.pr)).toEqual([3]);
    expect(context.sections.flatMap((s) => s.notes.map((n) => n.pr))).not.toContain(3);
  });

  it('groups into non-empty sections in rules order, Uncategorized last', () => {
    expect(context.sections.map((s) => [s.title, s.notes.map((n) => n.pr)])).toEqual([
      ['API Change', [2]],
      ['Bug or Regression', [1, 6]],
      ['Uncategorized', [4]],
    ]);
  });

  it('adds display names, the SIG list, the section and urgency to each note', () => {
    const first = context.notes[0];
    expect(first?.sigNames).toEqual(['API Machinery', 'Node']);
    expect(first?.sigList).toBe('SIG API Machinery and Node');
    expect(first?.section).toBe('Bug or Regression');
    expect(first?.urgent).toBe(false);
    expect(context.urgent[0]?.section).toBe('Other (Cleanup or Flake)');
    expect(context.notes[3]?.sigList).toBe('');
  });

  it('carries every field of the note unchanged', () => {
    const note = makeNote(9, { kinds: ['bug'], sigs: ['node'], dataFields: { cve: 'CVE-1' } });
    const [contextNote] = createRenderContext([note]).notes;
    for (const [key, value] of Object.entries(note)) expect(contextNote).toHaveProperty([key], value);
  });

  it('groups by SIG, sorted by display name, with urgent notes apart', () => {
    expect(context.bySig.map((g) => [g.sig, g.name, g.notes.map((n) => n.pr)])).toEqual([
      ['api-machinery', 'API Machinery', [1]],
      ['node', 'Node', [1, 2]],
      ['storage', 'Storage', [3]],
    ]);
    const storage = context.bySig[2];
    expect(storage?.urgent.map((n) => n.pr)).toEqual([3]);
    expect(storage?.sections).toEqual([]);
    expect(context.bySig[1]?.sections.map((s) => s.title)).toEqual(['API Change', 'Bug or Regression']);
  });

  it('groups by stage in stage order', () => {
    expect(context.byStage.map((g) => [g.stage, g.title, g.notes.map((n) => n.pr)])).toEqual([
      ['alpha', 'Alpha', [6]],
      ['beta', 'Beta', [2]],
    ]);
  });

  it('counts', () => {
    expect(context.stats).toEqual({ notes: 5, urgent: 1, unpublished: 1, authors: 2, sigs: 3, sections: 3 });
  });

  it('follows the rules given', () => {
    const rules = { ...DEFAULT_RULES, sections: [{ title: 'Fixes', kinds: ['bug'] }], uncategorized: 'Misc' };
    const custom = createRenderContext(notes, { rules });
    expect(custom.sections.map((s) => s.title)).toEqual(['Fixes', 'Misc']);
  });

  it('lists each author once, by login', () => {
    expect(context.authors.map((a) => a.login)).toEqual(['ada', 'bo']);
  });

  it('gives each SIG its stage changes, what graduated first', () => {
    const staged = createRenderContext([
      makeNote(10, { sigs: ['node'], stageChange: 'alpha' }),
      makeNote(11, { sigs: ['node', 'apps'], stageChange: 'stable' }),
      makeNote(12, { sigs: ['node'], stage: 'beta' }),
    ]);
    const node = staged.bySig.find((g) => g.sig === 'node');
    expect(node?.stageChanges.map((g) => [g.title, g.notes.map((n) => n.pr)])).toEqual([
      ['Graduated to Stable', [11]],
      ['New in Alpha', [10]],
    ]);
    expect(staged.bySig.find((g) => g.sig === 'apps')?.stageChanges.map((g) => g.stage)).toEqual(['stable']);
  });

  it('resolves the highlights to published notes, with SIG names and a total', () => {
    const highlighted = createRenderContext(
      [
        makeNote(20, { sigs: ['node'], stageChange: 'beta' }),
        makeNote(21, { sigs: ['node'], stageChange: 'beta' }),
        makeNote(22, { highlight: true }),
        makeNote(23, { highlight: true, doNotPublish: true }),
      ],
      {
        highlights: {
          groups: [
            {
              stage: 'beta',
              title: 'Promoted to Beta',
              sigs: [
                {
                  sig: 'node',
                  features: [
                    {
                      id: '7',
                      kep: 7,
                      title: 'Swap',
                      url: 'https://kep.k8s.io/7',
                      sig: 'node',
                      stage: 'beta',
                      notes: [21, 20],
                    },
                  ],
                },
              ],
            },
          ],
          marked: [20, 22, 23],
        },
      },
    );
    const feature = highlighted.highlights?.groups[0]?.features[0];
    expect(feature?.prs).toEqual([20, 21]);
    expect(feature?.notes.map((n) => n.pr)).toEqual([20, 21]);
    expect(feature?.sigList).toBe('SIG Node');
    expect(feature?.tracked).toBe(true);
    expect(highlighted.highlights?.groups[0]?.sigs[0]?.name).toBe('Node');
    // #20 is already a feature's note; #23 is not published.
    expect(highlighted.highlights?.marked.map((n) => n.pr)).toEqual([22]);
    expect(highlighted.highlights?.total).toBe(2);
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(context))).toEqual(context);
  });
});

describe('createRenderContext: label-derived text is Markdown-safe', () => {
  const hostile = makeNote(30, {
    kinds: ['<b>bold</b>'],
    sigs: ['<img src=x onerror=alert(1)>', '[a](javascript:alert(1))'],
    areas: ['x_y', 'line\nbreak'],
  });
  const [note] = createRenderContext([hostile]).notes;

  it('escapes SIG names, the SIG list and the SIG groups (a label can name any SIG)', () => {
    expect(note?.sigNames).toEqual(['\\<img src=x onerror=alert(1)\\>', '\\[a\\](javascript:alert(1))']);
    expect(note?.sigList).toBe('SIG \\<img src=x onerror=alert(1)\\> and \\[a\\](javascript:alert(1))');
    const groups = createRenderContext([hostile]).bySig;
    expect(groups.map((group) => [group.sig, group.name])).toEqual([
      ['\\<img src=x onerror=alert(1)\\>', '\\<img src=x onerror=alert(1)\\>'],
      ['\\[a\\](javascript:alert(1))', '\\[a\\](javascript:alert(1))'],
    ]);
  });

  it('escapes kinds and areas, and puts a line break of a label on one line', () => {
    expect(note?.kinds).toEqual(['\\<b\\>bold\\</b\\>']);
    expect(note?.areas).toEqual(['x\\_y', 'line break']);
  });

  it('still groups by the labels as given: the display names of known SIGs are found, plain labels unchanged', () => {
    const plain = createRenderContext([makeNote(31, { kinds: ['bug'], sigs: ['api-machinery'] })]);
    expect(plain.notes[0]?.sigList).toBe('SIG API Machinery');
    expect(plain.notes[0]?.kinds).toEqual(['bug']);
    expect(plain.sections.map((section) => section.title)).toEqual(['Bug or Regression']);
  });
});

describe('createRenderContextWithDiagnostics', () => {
  it('reports one warning per PR whose note had to change, naming the PR and what changed', () => {
    const notes = [
      makeNote(40, { text: '# Heading\u200b\n\n[x](javascript:alert(1))' }),
      makeNote(41, { text: 'Plain words.' }),
      makeNote(42, { text: '<b>bold</b>' }),
      makeNote(43, { text: '<b>unpublished</b>', doNotPublish: true }),
    ];
    const { context, diagnostics } = createRenderContextWithDiagnostics(notes);
    expect(context).toEqual(createRenderContext(notes));
    expect(diagnostics.map((d) => [d.ruleId, d.pr])).toEqual([
      ['note-sanitized', 40],
      ['note-sanitized', 42],
    ]);
    expect(diagnostics[0]?.message).toMatch(/#40 .*zero-width.*heading.*javascript:/);
    expect(diagnostics[1]?.message).toContain('raw HTML');
  });
});

describe('renderChangelog', () => {
  it('runs a template over the context', () => {
    const out = renderChangelog([makeNote(7, { kinds: ['bug'] })], (context) => `${context.stats.notes} note(s)`);
    expect(out).toBe('1 note(s)');
  });
});
