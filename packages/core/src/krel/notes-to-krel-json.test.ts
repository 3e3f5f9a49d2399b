import { describe, expect, it } from 'vitest';
import { classifyNote } from '../classify/classify-note.js';
import { RelnotesError } from '../errors.js';
import type { ReleaseNote } from '../model.js';
import { notesFromKrelJson } from './notes-from-krel-json.js';
import { notesToKrelJson } from './notes-to-krel-json.js';

function sampleNotes(): ReleaseNote[] {
  const base = {
    body: '',
    author: { login: 'ann', url: 'https://github.com/ann' },
    mergedAt: '2026-06-01T00:00:00Z',
    mergeCommit: 'aaaa',
    baseRef: 'main',
  };
  const graduated = classifyNote(
    {
      ...base,
      number: 901,
      title: 'Graduate hay bales to GA',
      labels: ['kind/feature', 'kind/api-change', 'sig/node', 'sig/apps', 'area/hay', 'stage/stable'],
      url: 'https://github.com/example/farm/pull/901',
    },
    {
      status: 'note',
      text: 'Hay bales are GA.\n\n- stacking\n- rolling  ',
      noneMarker: null,
      actionRequired: false,
      docs: [{ description: '', url: 'https://example.org/hay', type: 'official' }],
      diagnostics: [],
    },
  );
  graduated.features = [
    { id: '4242', kep: 4242, gate: 'HayBales', via: 'docs-link', confidence: 1 },
    { id: '4243', kep: 4243, gate: null, via: 'kep-reference', confidence: 0.8 },
  ];
  graduated.provenance.features = [{ source: 'kep', detail: 'KEP-4242 milestone', confidence: 1 }];
  graduated.highlight = true;
  graduated.dataFields = { cve: { id: 'CVE-2026-0001', score: 5.5 } };
  const none = classifyNote(
    {
      ...base,
      number: 77,
      title: 'Tidy up',
      labels: ['release-note-none', 'release-note-action-required'],
      url: 'https://github.com/example/farm/pull/77',
      mergedAt: null,
      mergeCommit: null,
    },
    { status: 'none', text: null, noneMarker: 'N/A', actionRequired: false, docs: [], diagnostics: [] },
  );
  return [none, graduated];
}

describe('notesToKrelJson', () => {
  it('writes krel fields, derived flags and relnotes fields', () => {
    const json = notesToKrelJson(sampleNotes());
    expect(Object.keys(json).sort()).toEqual(['77', '901']);
    expect(json['901']).toMatchObject({
      commit: 'aaaa',
      text: 'Hay bales are GA.\n\n- stacking\n- rolling  ',
      documentation: [{ url: 'https://example.org/hay', type: 'official' }],
      author: 'ann',
      author_url: 'https://github.com/ann',
      pr_url: 'https://github.com/example/farm/pull/901',
      pr_number: 901,
      areas: ['hay'],
      kinds: ['feature', 'api-change'],
      sigs: ['node', 'apps'],
      feature: true,
      duplicate: true,
      duplicate_kind: true,
      title: 'Graduate hay bales to GA',
      merged_at: '2026-06-01T00:00:00Z',
      stage: 'stable',
      stage_change: 'stable',
      keps: [4242, 4243],
      feature_gates: ['HayBales'],
      highlight: true,
      data_fields: { cve: { id: 'CVE-2026-0001', score: 5.5 } },
    });
    expect(json['901']?.markdown).toBe(
      'Hay bales are GA.\n  \n  - stacking\n  - rolling   ([#901](https://github.com/example/farm/pull/901), [@ann](https://github.com/ann)) [SIG Apps and Node]',
    );
    expect(json['901']?.provenance.stage).toEqual([{ source: 'label', detail: 'label stage/stable', confidence: 0.9 }]);
  });

  it('leaves out empty lists and false flags as krel does', () => {
    const json = notesToKrelJson(sampleNotes());
    const none = json['77'];
    expect(none).toMatchObject({
      commit: '',
      text: '',
      action_required: true,
      do_not_publish: true,
      keps: [],
      stage: null,
    });
    for (const key of ['documentation', 'areas', 'kinds', 'sigs', 'feature', 'duplicate', 'duplicate_kind']) {
      expect(none).not.toHaveProperty(key);
    }
  });

  it('round-trips through JSON text without losing anything', () => {
    const notes = sampleNotes();
    const text = JSON.stringify(notesToKrelJson(notes), null, 2);
    const back = notesFromKrelJson(text);
    expect(back.notes).toEqual([...notes].sort((a, b) => a.pr - b.pr));
    expect(back.diagnostics).toEqual([]);
  });

  it('takes a markdown formatter', () => {
    const json = notesToKrelJson(sampleNotes(), { formatMarkdown: (note) => `* ${note.pr}` });
    expect(json['77']?.markdown).toBe('* 77');
  });

  it('refuses two notes for one PR', () => {
    const [first] = sampleNotes();
    expect(() => notesToKrelJson(first ? [first, first] : [])).toThrow(RelnotesError);
  });
});
