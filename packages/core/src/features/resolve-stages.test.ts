import { describe, expect, it } from 'vitest';
import type { ReleaseNote } from '../model.js';
import { buildFeatureIndex, createFeatureIndex } from './feature-index.js';
import { parseFeaturesYaml } from './parse-features-yaml.js';
import { resolveStages } from './resolve-stages.js';
import { makeNote, readFixture, readFixtureKeps } from './test-helpers/fixtures.js';

const index = buildFeatureIndex(readFixtureKeps());
const kepDoc = (n: number) => ({ url: `https://kep.k8s.io/${n}`, description: 'KEP', type: 'KEP' as const });
const resolveOne = (note: ReleaseNote, release = 'v1.41') => {
  const result = resolveStages([note], { index, release });
  return { note: result.notes[0] as ReleaseNote, diagnostics: result.diagnostics };
};

describe('resolveStages: the KEP milestone', () => {
  it('takes the stage the linked KEP reached in the release, with provenance', () => {
    const { note, diagnostics } = resolveOne(makeNote({ pr: 1, text: 'Snapshots are faster.', docs: [kepDoc(1001)] }));
    expect(note.stageChange).toBe('beta');
    expect(note.stage).toBe('beta');
    expect(note.features.map((f) => f.kep)).toEqual([1001]);
    expect(note.provenance.stageChange).toEqual([
      {
        source: 'kep',
        detail: 'KEP-1001 reached beta in v1.41 (keps/sig-node/1001-pod-snapshots), linked via docs-kep',
        confidence: 1,
      },
    ]);
    expect(note.provenance.features?.[0]?.detail).toBe('KEP-1001 via docs-kep');
    expect(diagnostics).toEqual([]);
  });

  it('accepts the release as 1.41 and reads milestones written as plain numbers', () => {
    expect(resolveOne(makeNote({ pr: 1, text: 'Routing.', docs: [kepDoc(1002)] }), '1.40').note.stageChange).toBe(
      'beta',
    );
  });

  it('sets only the stage in effect when the KEP did not change stage in the release', () => {
    const { note } = resolveOne(makeNote({ pr: 2, text: 'Fixed a snapshot leak.', docs: [kepDoc(1001)] }), 'v1.43');
    expect(note.stageChange).toBeNull();
    expect(note.stage).toBe('stable');
    expect(note.provenance.stage?.[0]?.detail).toContain('KEP-1001 is stable at v1.43');
    expect(note.provenance.stageChange).toBeUndefined();
  });

  it('finds a stage event in any of several milestones of one stage', () => {
    expect(resolveOne(makeNote({ pr: 3, text: 'x', docs: [kepDoc(1003)] }), 'v1.40').note.stageChange).toBe('alpha');
    expect(resolveOne(makeNote({ pr: 3, text: 'x', docs: [kepDoc(1003)] }), 'v1.35').note.stageChange).toBeNull();
  });

  it('reads deprecated and removed milestones', () => {
    expect(resolveOne(makeNote({ pr: 4, text: 'The `LegacyBatch` gate.' }), 'v1.40').note.stageChange).toBe(
      'deprecated',
    );
    expect(resolveOne(makeNote({ pr: 4, text: 'The `LegacyBatch` gate.' }), 'v1.42').note.stageChange).toBe('removed');
  });

  it('uses gate links only when nothing links the note outright', () => {
    // KEP-1002 (via docs) is beta in v1.40; KEP-1003 shares the gate and is alpha in v1.40.
    const { note } = resolveOne(makeNote({ pr: 5, text: 'The `MeshRouting` gate.', docs: [kepDoc(1002)] }), 'v1.40');
    expect(note.stageChange).toBe('beta');
    expect(note.features.map((f) => f.id)).toEqual(['1002', '1003']);
  });

  it('reads the milestones of the folder linked when a KEP number has two', () => {
    const url = 'https://github.com/kubernetes/enhancements/tree/master/keps/sig-auth/1004-token-batch';
    const { note } = resolveOne(makeNote({ pr: 5, text: 'Tokens.', docs: [{ url, description: 'KEP', type: 'KEP' }] }));
    expect(note.stageChange).toBe('alpha');
    expect(note.provenance.stageChange?.[0]?.detail).toContain('keps/sig-auth/1004-token-batch');
  });

  it('links through a features.yaml as well', () => {
    const features = createFeatureIndex(parseFeaturesYaml(readFixture('features.yaml'), 'features.yaml').features);
    const result = resolveStages([makeNote({ pr: 6, text: 'Search, faster.\nfeature: quick-search' })], {
      index: features,
      release: 'v0.5',
    });
    expect(result.notes[0]?.stageChange).toBe('alpha');
    expect(result.notes[0]?.provenance.stageChange?.[0]?.source).toBe('features');
  });
});

describe('resolveStages: priority of the sources', () => {
  const label = { source: 'label' as const, detail: 'stage/alpha', confidence: 1 };
  const override = { source: 'override' as const, detail: 'maps/pr-7-map.yaml', confidence: 1 };

  it('keeps an override over the KEP', () => {
    const { note } = resolveOne(
      makeNote({
        pr: 7,
        text: 'x',
        docs: [kepDoc(1001)],
        stageChange: 'stable',
        provenance: { stageChange: [override] },
      }),
    );
    expect(note.stageChange).toBe('stable');
    expect(note.provenance.stageChange).toEqual([override]);
  });

  it('prefers the KEP over the words, and reports the conflict naming both and the PR', () => {
    const { note, diagnostics } = resolveOne(
      makeNote({ pr: 8, text: 'Graduated pod snapshots to GA.', docs: [kepDoc(1001)] }),
    );
    expect(note.stageChange).toBe('beta');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'warning', ruleId: 'stage-conflict', pr: 8 });
    expect(diagnostics[0]?.message).toContain('KEP-1001 reached beta in v1.41');
    expect(diagnostics[0]?.message).toContain('words say stable ("Graduated pod snapshots to GA")');
  });

  it('prefers the KEP over a label, and reports that conflict too', () => {
    const { note, diagnostics } = resolveOne(
      makeNote({ pr: 9, text: 'x', docs: [kepDoc(1001)], stageChange: 'alpha', provenance: { stageChange: [label] } }),
    );
    expect(note.stageChange).toBe('beta');
    expect(diagnostics[0]?.message).toContain('a label says alpha');
  });

  it('prefers the words over a label when the KEP is silent, and reports the conflict naming both', () => {
    const { note, diagnostics } = resolveOne(
      makeNote({
        pr: 10,
        text: 'Promoted `Thing` to beta.',
        stageChange: 'alpha',
        provenance: { stageChange: [label] },
      }),
    );
    expect(note.stageChange).toBe('beta');
    expect(note.provenance.stageChange?.[0]).toEqual({
      source: 'text',
      detail: 'the note says "Promoted `Thing` to beta"',
      confidence: 0.7,
    });
    expect(diagnostics).toEqual([
      {
        severity: 'warning',
        ruleId: 'stage-conflict',
        message:
          '#10: a label says alpha, but its words say beta ("Promoted `Thing` to beta"); using beta from the words',
        pr: 10,
      },
    ]);
  });

  it('says nothing when a label and the words agree', () => {
    const { diagnostics } = resolveOne(
      makeNote({
        pr: 12,
        text: 'Promoted `Thing` to beta.',
        stageChange: 'beta',
        provenance: { stageChange: [label] },
      }),
    );
    expect(diagnostics).toEqual([]);
  });

  it('falls back to the label, then to nothing', () => {
    const labelled = resolveOne(
      makeNote({ pr: 11, text: 'Faster.', stageChange: 'alpha', stage: 'alpha', provenance: { stageChange: [label] } }),
    );
    expect(labelled.note.stageChange).toBe('alpha');
    expect(labelled.note.provenance.stageChange).toEqual([label]);
    const plain = resolveOne(makeNote({ pr: 12, text: 'Faster.' }));
    expect(plain.note.stageChange).toBeNull();
    expect(plain.note.stage).toBeNull();
  });

  it('keeps a stage read back from an earlier run when nothing else decides', () => {
    const input = { source: 'input' as const, detail: 'krel JSON', confidence: 1 };
    const { note } = resolveOne(
      makeNote({ pr: 18, text: 'Faster.', stageChange: 'beta', provenance: { stageChange: [input] } }),
    );
    expect(note.stageChange).toBe('beta');
    const link = { id: 'LegacyBatch', kep: null, gate: 'LegacyBatch', via: 'input', confidence: 1 };
    const byGate = resolveOne(makeNote({ pr: 19, text: 'Faster.', features: [link] }), 'v1.42');
    expect(byGate.note.stageChange).toBe('removed');
    expect(byGate.note.provenance.features).toEqual([
      { source: 'input', detail: 'LegacyBatch via input (gate LegacyBatch)', confidence: 1 },
    ]);
  });

  it('does not over-claim from metric promotions or API versions when the KEP is silent', () => {
    const metric = resolveOne(
      makeNote({ pr: 13, text: 'The gizmo_total metric is promoted to stable.', docs: [kepDoc(1001)] }),
      'v1.43',
    );
    expect(metric.note.stageChange).toBeNull();
    const api = resolveOne(
      makeNote({ pr: 14, text: 'Served `snapshots.example.io/v1beta1`.', docs: [kepDoc(1001)] }),
      'v1.43',
    );
    expect(api.note.stageChange).toBeNull();
  });
});

describe('resolveStages: without a release or index', () => {
  it('reads only the words, and keeps links set earlier', () => {
    const link = { id: '77', kep: 77, gate: null, via: 'override', confidence: 1 };
    const result = resolveStages([makeNote({ pr: 15, text: 'Promoted `Gizmo` to beta.', features: [link] })]);
    expect(result.notes[0]?.stageChange).toBe('beta');
    expect(result.notes[0]?.features).toEqual([link]);
    expect(result.diagnostics).toEqual([]);
  });

  it('warns about a release it cannot read, and uses no milestone', () => {
    const result = resolveStages([makeNote({ pr: 16, text: 'x', docs: [kepDoc(1001)] })], { index, release: 'next' });
    expect(result.diagnostics[0]?.ruleId).toBe('stage-release');
    expect(result.notes[0]?.stageChange).toBeNull();
  });

  it('returns new notes and leaves its input alone', () => {
    const input = makeNote({ pr: 17, text: 'x', docs: [kepDoc(1001)] });
    const frozen = JSON.stringify(input);
    const result = resolveStages([input], { index, release: 'v1.41' });
    expect(result.notes[0]).not.toBe(input);
    expect(JSON.stringify(input)).toBe(frozen);
  });
});
