import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultCacheDir } from './pr-cache.js';

describe('defaultCacheDir', () => {
  it('uses $XDG_CACHE_HOME/relnotes when it is an absolute path', () => {
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/var/cache/me', HOME: '/home/me' })).toBe(
      join('/var/cache/me', 'relnotes'),
    );
  });

  it('falls back to ~/.cache/relnotes', () => {
    expect(defaultCacheDir({ HOME: '/home/me' })).toBe(join('/home/me', '.cache', 'relnotes'));
    expect(defaultCacheDir({ XDG_CACHE_HOME: 'relative', HOME: '/home/me' })).toBe(
      join('/home/me', '.cache', 'relnotes'),
    );
    expect(defaultCacheDir({})).toBe(join(homedir(), '.cache', 'relnotes'));
  });
});
