import { describe, expect, it } from 'vitest';
import { cherryPickOrigin } from './cherry-pick.js';

describe('cherryPickOrigin', () => {
  it('reads Kubernetes-style cherry-pick titles', () => {
    expect(cherryPickOrigin('Automated cherry pick of #1234: Fix a leak')).toBe(1234);
    expect(cherryPickOrigin('automated cherry pick of #77: a #88: b')).toBe(77);
    expect(cherryPickOrigin('Automated cherry pick of #abc')).toBeNull();
    expect(cherryPickOrigin('Revert "Automated cherry pick of #1234"')).toBeNull();
  });

  it('reads the cherry-pick robot branch', () => {
    expect(cherryPickOrigin('[release-1.2] Fix', 'robot:cherry-pick-4990-to-release-1.2')).toBe(4990);
    expect(cherryPickOrigin('[release-1.2] Fix', 'cherry-pick-0042-to-main')).toBe(42);
    expect(cherryPickOrigin('Fix', 'cherry-pick-4990')).toBeNull();
    expect(cherryPickOrigin('Fix', 'feature/cherry-pick-1-to-x')).toBeNull();
    expect(cherryPickOrigin('Fix', null)).toBeNull();
  });

  it('stays fast on long hostile titles', () => {
    const start = performance.now();
    expect(cherryPickOrigin(`Automated cherry pick of #${'9'.repeat(100_000)}`)).toBeNull();
    expect(cherryPickOrigin('x', `cherry-pick-${'1'.repeat(100_000)}`)).toBeNull();
    expect(performance.now() - start).toBeLessThan(200);
  });
});
