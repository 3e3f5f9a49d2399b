import { describe, expect, it } from 'vitest';
import { RelnotesError } from '../errors.js';
import { parseFeaturesYaml } from './parse-features-yaml.js';
import { readFixture } from './test-helpers/fixtures.js';

describe('parseFeaturesYaml', () => {
  it('reads features with their stages normalised and sorted', () => {
    const { features, diagnostics } = parseFeaturesYaml(readFixture('features.yaml'), 'features.yaml');
    expect(diagnostics).toEqual([]);
    expect(features[0]).toMatchObject({
      id: 'pod-snapshots',
      kep: null,
      title: 'Pod snapshots',
      sig: 'node',
      sigs: ['node', 'storage'],
      gates: ['PodSnapshot'],
      url: 'https://github.com/acme/widget/issues/12',
      source: 'features',
      stages: [
        { release: 'v0.4', stage: 'alpha' },
        { release: 'v0.5', stage: 'beta' },
        { release: 'v0.10', stage: 'stable' },
      ],
    });
    expect(features[1]?.gates).toEqual([]);
  });

  it('throws a RelnotesError with file, line and column for invalid YAML', () => {
    let caught: unknown;
    try {
      parseFeaturesYaml('features:\n  - id: a\n    title: [oops\n', 'conf/features.yaml');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RelnotesError);
    const error = caught as RelnotesError;
    expect(error.code).toBe('E_CONFIG');
    expect(error.file).toBe('conf/features.yaml');
    expect(error.line).toBeGreaterThanOrEqual(3);
    expect(error.column).toBeGreaterThanOrEqual(1);
    expect(error.message).toMatch(/^conf\/features\.yaml:\d+:\d+: /);
  });

  it('throws when there is no features list, with an example in the hint', () => {
    expect(() => parseFeaturesYaml('feature:\n  id: x\n', 'f.yaml')).toThrow(/features:" list/);
    expect(() => parseFeaturesYaml('- id: x\n', 'f.yaml')).toThrow(
      expect.objectContaining({ code: 'E_CONFIG', hint: expect.stringContaining('features:\n  - id:') }),
    );
  });

  it("reports every problem of an entry at once, naming the file only once (as the diagnostic's file)", () => {
    const source = ['features:', '  - id: half', '    gates: Gate', '    stages:', '      v1.0: gammma'].join('\n');
    const { features, diagnostics } = parseFeaturesYaml(source, 'f.yaml');
    expect(features).toEqual([]);
    expect(diagnostics.map((d) => d.message)).toEqual([
      'feature "half" needs a title',
      'feature "half" needs a sig',
      'feature "half": gates must be a list of names',
      'feature "half": stage "gammma" must be one of alpha, beta, stable, deprecated, removed',
    ]);
    expect(diagnostics.every((d) => d.file === 'f.yaml' && d.severity === 'error')).toBe(true);
  });

  it('skips bad entries with positioned diagnostics and keeps the good ones', () => {
    const source = [
      'features:',
      '  - id: Bad_Id',
      '    title: x',
      '    sig: a',
      '  - id: ok',
      '    title: Fine',
      '    sig: a',
      '    stages:',
      '      v1.0: gamma',
      '      soon: beta',
      '      v1.1: beta',
      '  - id: ok',
      '    title: Again',
      '    sig: a',
      '  - id: no-sig',
      '    title: x',
      '  - just text',
    ].join('\n');
    const { features, diagnostics } = parseFeaturesYaml(source, 'f.yaml');
    expect(features.map((f) => f.id)).toEqual(['ok']);
    expect(features[0]?.stages).toEqual([{ release: 'v1.1', stage: 'beta' }]);
    const messages = diagnostics.map((d) => `${d.position?.line}: ${d.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^2: .*"Bad_Id" must match/),
      expect.stringMatching(/^9: .*stage "gamma"/),
      expect.stringMatching(/^10: .*"soon" is not a release/),
      expect.stringMatching(/^12: .*duplicate feature id "ok"/),
      expect.stringMatching(/^15: .*needs a sig/),
      expect.stringMatching(/^17: .*must be a mapping/),
    ]);
    expect(diagnostics.every((d) => d.file === 'f.yaml' && d.ruleId === 'features-yaml')).toBe(true);
  });
});
