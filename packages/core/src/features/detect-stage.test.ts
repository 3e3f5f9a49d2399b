import { describe, expect, it } from 'vitest';
import { detectStageInText } from './detect-stage.js';

const stageOf = (text: string) => detectStageInText(text)?.stage ?? null;

describe('detectStageInText', () => {
  it.each([
    ['Graduated the `WidgetCache` feature gate to GA.', 'stable'],
    ['The gizmo API has graduated to general availability.', 'stable'],
    ['`Sprockets` are now GA and always on.', 'stable'],
    ['The sprocket endpoint is GA.', 'stable'],
    ['Moved sprocket pinning to `stable`.', 'stable'],
    ['Promoted `FastGizmo` to beta; it is on by default.', 'beta'],
    ['The `FastGizmo` feature is now `beta`.', 'beta'],
    ['Added a new `GizmoTrace` alpha feature.', 'alpha'],
    ['Gizmo tracing is now available as alpha (off by default).', 'alpha'],
    ['Gizmo tracing (alpha): traces each gizmo.', 'alpha'],
    ['Implemented alpha support for gizmo folders.', 'alpha'],
    ['Deprecated the `--gizmo-dir` flag.', 'deprecated'],
    ['The `--gizmo-dir` flag has been deprecated and will be removed in a future release.', 'deprecated'],
    ['Marked the `OldGizmo` feature gate as deprecated.', 'deprecated'],
    ['Removed the `OldGizmo` feature gate.', 'removed'],
    ['The gizmo.example.io/v1beta2 API is removed; use v1.', 'removed'],
  ] as const)('reads %j as %s', (text, stage) => {
    expect(stageOf(text)).toBe(stage);
  });

  it('reads across hard-wrapped lines but not across list items', () => {
    expect(stageOf('Graduated the `WidgetCache` feature\ngate to GA.')).toBe('stable');
    expect(stageOf('Promoted these:\n- `Gizmo`\n- beta pools')).toBeNull();
  });

  it('returns the words it read', () => {
    expect(detectStageInText('Promoted `FastGizmo` to `beta`.')).toEqual({
      stage: 'beta',
      words: 'Promoted `FastGizmo` to `beta`',
    });
    expect(detectStageInText('Tracing (alpha).')?.words).toBe('(alpha)');
  });

  it.each([
    ['metric promotion', 'The gizmo_total and gizmo_errors metrics are promoted to stable.'],
    ['metric stability levels', 'Promoted gizmo_seconds to `BETA` stability.'],
    ['API versions', 'Promoted the `Gizmo` API to `v1beta1` and added `v2alpha1`.'],
    ['a relative clause about the past', 'Gizmos, which graduated to GA last year, are faster.'],
    ['a future removal', 'The `OldGizmo` feature gate will be removed in v1.50.'],
    ['a removal that names no feature, gate, API or flag', 'Removed a stray log line from the gizmo loop.'],
    ['an alpha that is only an adjective', 'Fixed a crash in the alpha gizmo cache.'],
    ['plain text', 'Gizmos now render twice as fast.'],
    ['a stage inside reported speech', 'The tool now warns that gizmo pools are\nbeta but disabled by default.'],
    ['words containing stage names', 'The betamax and alphabet and stableford helpers were renamed.'],
  ])('ignores %s', (_, text) => {
    expect(detectStageInText(text)).toBeNull();
  });

  it('takes the statement that comes first', () => {
    expect(stageOf("Removed GA'ed feature gate `OldGizmo`.")).toBe('removed');
    expect(stageOf('Graduated `Gizmo` to GA. The gate will be removed in v1.50.')).toBe('stable');
    expect(stageOf('The `OldGizmo` gate that graduated to GA in v1.40 has been removed.')).toBe('removed');
  });

  it('stays linear on long hostile input', () => {
    const hostile = [
      'promoted to to to '.repeat(20_000),
      'removed removed feature '.repeat(20_000),
      '`('.repeat(20_000),
      `Promoted that ${'beta '.repeat(50_000)}`,
    ].join('');
    const start = performance.now();
    detectStageInText(hostile);
    expect(performance.now() - start).toBeLessThan(1000);
  });
});
