import { describe, expect, it } from 'vitest';
import type { DocLink } from '../model.js';
import { buildFeatureIndex, createFeatureIndex } from './feature-index.js';
import { linkFeatures } from './link-features.js';
import { parseFeaturesYaml } from './parse-features-yaml.js';
import { readFixture, readFixtureKeps } from './test-helpers/fixtures.js';

const index = buildFeatureIndex(readFixtureKeps());
const doc = (url: string): DocLink => ({ url, description: '[KEP]', type: 'KEP' });
const link = (text: string, urls: string[] = []) => linkFeatures({ text, docs: urls.map(doc) }, index);
const ids = (text: string, urls: string[] = []) => link(text, urls).map((l) => `${l.id}:${l.via}`);

describe('linkFeatures: KEP links', () => {
  it('reads a GitHub tree URL of a KEP folder in the docs block', () => {
    expect(
      link('Adds pod snapshots.', [
        'https://github.com/kubernetes/enhancements/tree/master/keps/sig-node/1001-pod-snapshots',
      ]),
    ).toEqual([{ id: '1001', kep: 1001, gate: null, via: 'docs-kep', confidence: 1 }]);
  });

  it('reads a blob URL pinned to a commit, down to a file in the folder', () => {
    const url =
      'https://github.com/kubernetes/enhancements/blob/0123456789abcdef0123456789abcdef01234567/keps/sig-network/1002-mesh-routing/README.md#design';
    expect(ids('Routing.', [url])).toEqual(['1002:docs-kep']);
  });

  it('picks the right folder when one number has two', () => {
    expect(
      link('x', ['https://github.com/kubernetes/enhancements/tree/master/keps/sig-auth/1004-token-batch'])[0]?.id,
    ).toBe('1004');
    expect(ids('See keps/sig-auth/1004-token-batch for details.')).toEqual(['1004:text-kep']);
  });

  it('reads kep.k8s.io short links and enhancements issue links', () => {
    expect(ids('x', ['https://kep.k8s.io/1002'])).toEqual(['1002:docs-kep']);
    expect(ids('x', ['https://github.com/kubernetes/enhancements/issues/1003'])).toEqual(['1003:docs-issue']);
    expect(ids('Tracked in https://github.com/kubernetes/enhancements/issues/1001.')).toEqual(['1001:text-issue']);
  });

  it('reads KEP-1234, KEP 1234 and KEP #1234 in the text', () => {
    expect(ids('Implements KEP-1001.')).toEqual(['1001:kep-reference']);
    expect(ids('As described in KEP 1002, routing changes.')).toEqual(['1002:kep-reference']);
    expect(ids('(kep #1003)')).toEqual(['1003:kep-reference']);
  });

  it('links a KEP number the index does not know, without a feature behind it', () => {
    expect(link('Part of KEP-4242.')).toEqual([
      { id: '4242', kep: 4242, gate: null, via: 'kep-reference', confidence: 0.9 },
    ]);
  });

  it('does not read numbers glued to other words or too long to be a KEP', () => {
    expect(ids('The kepler-1001 probe and KEP-12345678 and mykeps/sig-x/1001-y.')).toEqual([]);
    expect(ids('enhancements/issues/1001abc')).toEqual([]);
  });

  it('tolerates a trailing parenthesis left in a docs URL', () => {
    expect(ids('x', ['https://github.com/kubernetes/enhancements/issues/1003)'])).toEqual(['1003:docs-issue']);
  });
});

describe('linkFeatures: gates', () => {
  it('links a gate name in backticks, including inside a longer code span', () => {
    expect(link('Enabled `PodSnapshotRestore` by default.')).toEqual([
      { id: '1001', kep: 1001, gate: 'PodSnapshotRestore', via: 'gate', confidence: 0.8 },
    ]);
    expect(ids('Run with `--feature-gates=PodSnapshot=true`.')).toEqual(['1001:gate']);
  });

  it('links a gate name next to "feature gate" without backticks', () => {
    expect(ids('The PodSnapshot feature gate is on.')).toEqual(['1001:gate']);
    expect(ids('featuregate LegacyBatch was dropped')).toEqual(['1004:gate']);
  });

  it('never links on a bare CamelCase word equal to a gate name alone', () => {
    expect(ids('Widget sizes are now computed lazily.')).toEqual([]);
    expect(ids('MeshRouting tables were rebuilt.')).toEqual([]);
  });

  it('lets a bare gate word confirm but not add to a stronger link', () => {
    expect(ids('Widget tuning, see KEP-1007.')).toEqual(['1007:kep-reference']);
  });

  it('links every KEP that declares a shared gate, and several features per note', () => {
    expect(ids('The `MeshRouting` gate and KEP-1001.').sort()).toEqual([
      '1001:kep-reference',
      '1002:gate',
      '1003:gate',
    ]);
  });

  it('keeps the strongest way a feature was found, and the gate name', () => {
    const [only] = link('Graduated `PodSnapshot`.', ['https://kep.k8s.io/1001']);
    expect(only).toMatchObject({ id: '1001', via: 'docs-kep', gate: 'PodSnapshot', confidence: 1 });
  });

  it('links a quoted gate name with lower confidence', () => {
    expect(link("The 'LegacyBatch' switch.")[0]).toMatchObject({ id: '1004', via: 'gate-quoted', confidence: 0.7 });
  });
});

describe('linkFeatures: features.yaml', () => {
  const features = createFeatureIndex(parseFeaturesYaml(readFixture('features.yaml'), 'features.yaml').features);

  it('links through the tracking issue in the docs block or the text', () => {
    expect(linkFeatures({ text: 'x', docs: [doc('https://github.com/acme/widget/issues/12')] }, features)[0]?.id).toBe(
      'pod-snapshots',
    );
    expect(linkFeatures({ text: 'See https://github.com/acme/widget/issues/12.', docs: [] }, features)[0]?.via).toBe(
      'text-url',
    );
  });

  it('links through `feature: id` and gate names', () => {
    expect(linkFeatures({ text: 'Faster lookups.\nfeature: quick-search', docs: [] }, features)[0]?.id).toBe(
      'quick-search',
    );
    expect(linkFeatures({ text: 'The `PodSnapshot` gate.', docs: [] }, features)[0]?.id).toBe('pod-snapshots');
    expect(linkFeatures({ text: 'feature: unknown-thing', docs: [] }, features)).toEqual([]);
  });
});

describe('linkFeatures: hostile input', () => {
  it('stays linear on long runs of markers', () => {
    const text = [
      'keps/'.repeat(40_000),
      'http'.repeat(40_000),
      'feature gate `PodSnapshot` '.repeat(5_000),
      'KEP-'.repeat(40_000),
    ].join(' ');
    const start = performance.now();
    const links = link(text, ['keps/'.repeat(40_000)]);
    expect(performance.now() - start).toBeLessThan(1000);
    expect(links.map((l) => l.id)).toEqual(['1001']);
  });
});
