import { describe, expect, it } from 'vitest';
import { buildFeatureIndex, createFeatureIndex, normaliseUrl } from './feature-index.js';
import { parseFeaturesYaml } from './parse-features-yaml.js';
import { BROKEN_KEP, readFixture, readFixtureKeps } from './test-helpers/fixtures.js';

describe('buildFeatureIndex', () => {
  const index = buildFeatureIndex([...readFixtureKeps(), BROKEN_KEP]);

  it('indexes every readable KEP in a numbered folder, and skips the broken one', () => {
    expect(index.features.map((f) => f.id).sort()).toEqual(['1001', '1002', '1003', '1004', '1004', '1005', '1007']);
    expect(index.diagnostics.some((d) => d.ruleId === 'kep-yaml' && d.file?.includes('1006-broken-yaml'))).toBe(true);
  });

  it('reports a KEP number held by two folders, naming both', () => {
    const duplicate = index.diagnostics.filter((d) => d.ruleId === 'kep-duplicate-number');
    expect(duplicate).toHaveLength(1);
    expect(duplicate[0]?.message).toContain('keps/sig-apps/1004-legacy-batch');
    expect(duplicate[0]?.message).toContain('keps/sig-auth/1004-token-batch');
    expect(index.byKep.get(1004)?.dir).toBe('keps/sig-apps/1004-legacy-batch');
    expect(index.byDir.get('keps/sig-auth/1004-token-batch')?.title).toBe('Token batches');
  });

  it('maps a gate to every KEP that declares it', () => {
    expect(index.byGate.get('MeshRouting')?.map((f) => f.id)).toEqual(['1002', '1003']);
    expect(index.byGate.get('PodSnapshotRestore')?.map((f) => f.id)).toEqual(['1001']);
  });

  it('merges features.yaml entries, found by issue URL', () => {
    const parsed = parseFeaturesYaml(readFixture('features.yaml'), 'features.yaml');
    const merged = createFeatureIndex(parsed.features);
    expect(merged.byUrl.get('github.com/acme/widget/issues/12')?.id).toBe('pod-snapshots');
    expect(merged.byId.get('quick-search')?.title).toBe('Quick search');
  });
});

describe('normaliseUrl', () => {
  it('ignores scheme, case, query, fragment and trailing punctuation', () => {
    expect(normaliseUrl('HTTPS://www.GitHub.com/acme/widget/issues/12/?x=1#top')).toBe(
      'github.com/acme/widget/issues/12',
    );
    expect(normaliseUrl('https://github.com/acme/widget/issues/12).')).toBe('github.com/acme/widget/issues/12');
  });
});
