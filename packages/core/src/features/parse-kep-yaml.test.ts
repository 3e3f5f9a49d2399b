import { describe, expect, it } from 'vitest';
import { kepDirOf, kepToFeature, parseKepYaml } from './parse-kep-yaml.js';
import { BROKEN_KEP, readFixture } from './test-helpers/fixtures.js';

const fixture = (dir: string) => {
  const path = `enhancements/keps/${dir}/kep.yaml`;
  return parseKepYaml(readFixture(path), path);
};

describe('parseKepYaml', () => {
  it('reads number, title, folder, SIGs, status, gates and URL', () => {
    const { kep, diagnostics } = fixture('sig-node/1001-pod-snapshots');
    expect(diagnostics).toEqual([]);
    expect(kep).toMatchObject({
      number: 1001,
      title: 'Pod snapshots',
      dir: 'keps/sig-node/1001-pod-snapshots',
      owningSig: 'node',
      participatingSigs: ['node', 'storage'],
      status: 'implementable',
      gates: ['PodSnapshot', 'PodSnapshotRestore'],
      url: 'https://github.com/kubernetes/enhancements/tree/master/keps/sig-node/1001-pod-snapshots',
    });
  });

  it('normalises quoted, v-less and plain milestones to v1.NN', () => {
    expect(fixture('sig-node/1001-pod-snapshots').kep?.milestones).toEqual({
      alpha: ['v1.40'],
      beta: ['v1.41'],
      stable: ['v1.42'],
    });
  });

  it('keeps an unquoted 1.40 as v1.40, not v1.4', () => {
    expect(fixture('sig-network/1002-mesh-routing').kep?.milestones).toEqual({
      alpha: ['v1.38'],
      beta: ['v1.40'],
      stable: ['v1.41'],
    });
  });

  it('splits comma-separated milestones and reports TBD with file and line', () => {
    const { kep, diagnostics } = fixture('sig-storage/1003-volume-tiers');
    expect(kep?.milestones).toEqual({ alpha: ['v1.30', 'v1.40'] });
    expect(diagnostics.map((d) => [d.severity, d.ruleId, d.position?.line])).toEqual([
      ['info', 'kep-milestone', 6],
      ['info', 'kep-milestone', 7],
    ]);
    expect(diagnostics[1]).toMatchObject({
      file: 'enhancements/keps/sig-storage/1003-volume-tiers/kep.yaml',
      position: { line: 7 },
    });
    expect(diagnostics[1]?.message).toContain('"TBD"');
  });

  it('reports a stage with two milestones, naming the file and the value and saying which releases are used', () => {
    const path = 'keps/sig-storage/2001-twice/kep.yaml';
    const source = [
      'title: Twice alpha',
      'kep-number: 2001',
      'milestone:',
      '  alpha: v1.31, v1.38',
      '  beta: "v1.39"',
      '',
    ].join('\n');
    const { kep, diagnostics } = parseKepYaml(source, path);
    expect(kep?.milestones).toEqual({ alpha: ['v1.31', 'v1.38'], beta: ['v1.39'] });
    expect(diagnostics).toEqual([
      {
        severity: 'info',
        ruleId: 'kep-milestone',
        message: `${path}: milestone alpha "v1.31, v1.38" names 2 releases; each is used as a release in which the KEP reached alpha (v1.31, v1.38), so a note of any of them announces alpha`,
        file: path,
        position: { line: 4, column: 10 },
      },
    ]);
  });

  it('says nothing about a stage with one milestone', () => {
    const { diagnostics } = parseKepYaml('kep-number: 2002\nmilestone:\n  alpha: v1.31\n', 'keps/x/2002-once/kep.yaml');
    expect(diagnostics).toEqual([]);
  });

  it('reports an invalid date and an unreadable milestone as warnings, and reads the rest', () => {
    const { kep, diagnostics } = fixture('sig-apps/1005-odd-dates');
    expect(kep?.number).toBe(1005);
    expect(kep?.milestones).toEqual({ alpha: ['v1.39'] });
    const byRule = Object.fromEntries(diagnostics.map((d) => [d.ruleId, d]));
    expect(byRule['kep-date']).toMatchObject({ severity: 'warning', position: { line: 5 } });
    expect(byRule['kep-date']?.message).toContain('2031-13-40');
    expect(byRule['kep-milestone']).toMatchObject({ severity: 'warning', position: { line: 9 } });
    expect(byRule['kep-milestone']?.message).toContain('next year');
  });

  it('reads deprecated and removed milestones', () => {
    expect(fixture('sig-apps/1004-legacy-batch').kep?.milestones).toEqual({
      deprecated: ['v1.40'],
      removed: ['v1.42'],
    });
  });

  it('gives no KEP and a positioned diagnostic for broken YAML, without throwing', () => {
    const { kep, diagnostics } = parseKepYaml(BROKEN_KEP.source, BROKEN_KEP.path);
    expect(kep).toBeNull();
    expect(diagnostics[0]).toMatchObject({ severity: 'error', ruleId: 'kep-yaml' });
    expect(diagnostics[0]?.position?.line).toBeGreaterThanOrEqual(3);
  });

  it('takes the number from the folder when kep-number is missing, and flags a mismatch', () => {
    const missing = parseKepYaml('title: No number\n', 'keps/sig-x/4321-no-number/kep.yaml');
    expect(missing.kep?.number).toBe(4321);
    const mismatch = parseKepYaml('title: Mismatch\nkep-number: 99\n', 'keps/sig-x/4321-mismatch/kep.yaml');
    expect(mismatch.kep?.number).toBe(99);
    expect(mismatch.diagnostics[0]?.ruleId).toBe('kep-number');
  });

  it('gives no KEP when neither file nor folder has a number', () => {
    const { kep, diagnostics } = parseKepYaml('title: Lost\n', 'keps/sig-x/lost/kep.yaml');
    expect(kep).toBeNull();
    expect(diagnostics[0]?.ruleId).toBe('kep-number');
  });

  it('accepts an empty milestone and a nested KEP folder without complaint', () => {
    const empty = parseKepYaml('kep-number: 12\nmilestone:\n\nstatus: provisional\n', 'keps/sig-x/12-empty/kep.yaml');
    expect(empty.diagnostics).toEqual([]);
    expect(empty.kep?.milestones).toEqual({});
    const nested = fixture('sig-node/subproject/1007-nested-feature');
    expect(nested.kep?.dir).toBe('keps/sig-node/subproject/1007-nested-feature');
    expect(nested.kep?.milestones).toEqual({ alpha: ['v1.40'], beta: ['v1.41'] });
  });
});

describe('kepToFeature', () => {
  it('lists stages oldest first, one per milestone, owning SIG first', () => {
    const { kep } = fixture('sig-storage/1003-volume-tiers');
    if (!kep) throw new Error('fixture did not parse');
    const feature = kepToFeature(kep, 'x/kep.yaml');
    expect(feature.id).toBe('1003');
    expect(feature.stages).toEqual([
      { release: 'v1.30', stage: 'alpha' },
      { release: 'v1.40', stage: 'alpha' },
    ]);
    expect(feature.sigs).toEqual(['storage']);
  });
});

describe('kepDirOf', () => {
  it('cuts any path down to the keps/… folder', () => {
    expect(kepDirOf('/srv/enhancements/keps/sig-x/12-more-keps/kep.yaml')).toBe('keps/sig-x/12-more-keps');
    expect(kepDirOf('C:\\work\\keps\\sig-x\\12-win\\kep.yaml')).toBe('keps/sig-x/12-win');
    expect(kepDirOf('sig-x/12-bare/kep.yaml')).toBe('sig-x/12-bare');
  });
});
