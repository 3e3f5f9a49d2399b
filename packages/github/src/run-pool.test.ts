import { describe, expect, it } from 'vitest';
import { mapPool, runPool } from './run-pool.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('runPool / mapPool', () => {
  it('keeps at most `limit` tasks in flight and the results in order', async () => {
    let inFlight = 0;
    let peak = 0;
    const results = await mapPool([5, 4, 3, 2, 1, 0], 2, async (value) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      for (let index = 0; index < value; index += 1) await tick();
      inFlight -= 1;
      return value * 10;
    });
    expect(results).toEqual([50, 40, 30, 20, 10, 0]);
    expect(peak).toBe(2);
  });

  it('stops taking new work after a failure and throws it', async () => {
    const started: number[] = [];
    await expect(
      runPool([1, 2, 3, 4, 5], 1, async (value) => {
        started.push(value);
        if (value === 2) throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(started).toEqual([1, 2]);
  });
});
