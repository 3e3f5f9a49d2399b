import { describe, expect, it } from 'vitest';
import { compareStageEvents, normaliseRelease } from './release-version.js';

describe('normaliseRelease', () => {
  it.each([
    ['v1.29', 'v1.29'],
    ['1.29', 'v1.29'],
    [' v1.29.3 ', 'v1.29'],
    ['TBD', null],
    ['1', null],
    ['', null],
    ['v1.2x', null],
  ])('reads %j as %j', (input, expected) => {
    expect(normaliseRelease(input)).toBe(expected);
  });
});

describe('compareStageEvents', () => {
  it('orders by release number, not text, then by life cycle', () => {
    const events = [
      { release: 'v1.10', stage: 'beta' as const },
      { release: 'v1.9', stage: 'beta' as const },
      { release: 'v1.9', stage: 'alpha' as const },
    ];
    expect([...events].sort(compareStageEvents)).toEqual([events[2], events[1], events[0]]);
  });
});
