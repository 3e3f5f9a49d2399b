import { describe, expect, it } from 'vitest';
import type { Io } from '../io.js';
import { createProgressReporter, progressMode } from './progress.js';

function captureIo(): { io: Io; text: () => string } {
  let text = '';
  const io: Io = {
    stdout: () => undefined,
    stderr: (chunk) => {
      text += chunk;
    },
    readStdin: async () => '',
    env: {},
    cwd: '/',
  };
  return { io, text: () => text };
}

describe('progress', () => {
  it('is live only on a terminal, outside CI, without --quiet', () => {
    expect(progressMode({}, false, true)).toBe('live');
    expect(progressMode({ CI: 'true' }, false, true)).toBe('plain');
    expect(progressMode({ CI: 'false' }, false, true)).toBe('live');
    expect(progressMode({}, true, true)).toBe('plain');
    expect(progressMode({}, false, false)).toBe('plain');
  });

  it('rewrites one line on a terminal, then prints the summary', () => {
    const { io, text } = captureIo();
    let clock = 1000;
    const reporter = createProgressReporter(io, 'live', () => clock);
    reporter.start('the pull requests of acme/rockets');
    reporter.onProgress({ phase: 'fetch', fetched: 100, total: 300, requests: 1, cacheHits: 0 });
    reporter.onProgress({ phase: 'fetch', fetched: 300, total: 300, requests: 3, cacheHits: 0 });
    clock = 3500;
    reporter.finish({ pullRequests: 300, requests: 3, cacheHits: 0 });
    expect(text()).toBe(
      'relnotes: gathering the pull requests of acme/rockets\n' +
        '\r\u001b[2Krelnotes: fetching 100/300 PRs · 1 requests · 0 from cache' +
        '\r\u001b[2Krelnotes: fetching 300/300 PRs · 3 requests · 0 from cache' +
        '\r\u001b[2K' +
        'relnotes: gathered 300 PRs in 3 requests (0 from cache) in 2.5 s\n',
    );
  });

  it('adds requests made outside the source to the live line and the summary alike', () => {
    const { io, text } = captureIo();
    const reporter = createProgressReporter(io, 'live', () => 0);
    reporter.start('x');
    reporter.addRequests(3);
    reporter.onProgress({ phase: 'list', fetched: 100, total: 100, requests: 4, cacheHits: 0 });
    reporter.finish({ pullRequests: 100, requests: 4, cacheHits: 0 });
    expect(text()).toContain('listing 100 PRs · 7 requests');
    expect(text()).toContain('gathered 100 PRs in 7 requests');
  });

  it('prints only a start and a summary line in plain mode', () => {
    const { io, text } = captureIo();
    const reporter = createProgressReporter(io, 'plain', () => 0);
    reporter.start('x');
    reporter.onProgress({ phase: 'list', fetched: 5, total: 5, requests: 1, cacheHits: 2 });
    reporter.finish({ pullRequests: 5, requests: 1, cacheHits: 2 });
    expect(text().split('\n')).toEqual([
      'relnotes: gathering x',
      'relnotes: gathered 5 PRs in 1 requests (2 from cache) in 0.0 s',
      '',
    ]);
  });
});
