import { describe, expect, it } from 'vitest';
import { buildHighlights } from './build-highlights.js';
import { buildFeatureIndex } from './feature-index.js';
import { resolveStages } from './resolve-stages.js';
import { makeNote, readFixtureKeps } from './test-helpers/fixtures.js';

const index = buildFeatureIndex(readFixtureKeps());
const kepDoc = (n: number) => ({ url: `https://kep.k8s.io/${n}`, description: 'KEP', type: 'KEP' as const });

describe('buildHighlights', () => {
  const { notes } = resolveStages(
    [
      makeNote({ pr: 21, text: 'Snapshots.', docs: [kepDoc(1001)], sigs: ['node'] }),
      makeNote({ pr: 22, text: 'More snapshot work.', docs: [kepDoc(1001)], sigs: ['storage'] }),
      makeNote({ pr: 23, text: 'Routing.', docs: [kepDoc(1002)], sigs: ['network'] }),
      makeNote({
        pr: 24,
        text: 'Batches.',
        docs: [
          {
            url: 'https://github.com/kubernetes/enhancements/tree/master/keps/sig-auth/1004-token-batch',
            description: 'KEP',
            type: 'KEP',
          },
        ],
        sigs: ['auth'],
        highlight: true,
      }),
      makeNote({ pr: 25, text: 'Promoted the `Doohickey` to alpha.', sigs: ['apps'], title: 'Doohickey' }),
      makeNote({ pr: 26, text: 'Hidden.', docs: [kepDoc(1007)], doNotPublish: true, highlight: true }),
      makeNote({ pr: 27, text: 'Unrelated fix.', highlight: true }),
    ],
    { index, release: 'v1.41' },
  );
  const highlights = buildHighlights(notes, index);

  it('groups features by stage in a fixed order, with the titles templates show', () => {
    expect(highlights.groups.map((g) => [g.stage, g.title])).toEqual([
      ['stable', 'Graduated to Stable'],
      ['beta', 'Promoted to Beta'],
      ['alpha', 'New in Alpha'],
    ]);
  });

  it('groups by the owning SIG and merges the notes of one feature', () => {
    const beta = highlights.groups.find((g) => g.stage === 'beta');
    expect(beta?.sigs).toEqual([
      {
        sig: 'node',
        features: [
          {
            id: '1001',
            kep: 1001,
            title: 'Pod snapshots',
            url: 'https://github.com/kubernetes/enhancements/tree/master/keps/sig-node/1001-pod-snapshots',
            sig: 'node',
            stage: 'beta',
            notes: [21, 22],
          },
        ],
      },
    ]);
  });

  it('lets a note without a feature stand for itself, under its first SIG', () => {
    const alpha = highlights.groups.find((g) => g.stage === 'alpha');
    expect(alpha?.sigs.map((s) => s.sig)).toEqual(['apps', 'auth']);
    expect(alpha?.sigs[0]?.features[0]).toMatchObject({ id: 'pr-25', kep: null, title: 'Doohickey', notes: [25] });
  });

  it('lists the published PRs marked as highlights', () => {
    expect(highlights.marked).toEqual([24, 27]);
  });

  it('is empty without stage changes', () => {
    expect(buildHighlights([makeNote({ pr: 1, text: 'x' })])).toEqual({ groups: [], marked: [] });
  });
});
