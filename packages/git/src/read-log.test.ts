import { afterAll, describe, expect, it } from 'vitest';
import { listMergedPullRequests } from './list-merged-pull-requests.js';
import { createLogParser, type LogRecord, readLog } from './read-log.js';
import { makeTempDir, removeDir, runFixtureGit } from './test-helpers/git-fixture.js';

const hashA = 'a'.repeat(40);
const hashB = 'b'.repeat(40);
const cleanup: string[] = [];

afterAll(() => {
  for (const path of cleanup) removeDir(path);
});

function parse(chunks: Buffer[]): LogRecord[] {
  const records: LogRecord[] = [];
  const parser = createLogParser((record) => records.push(record));
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return records;
}

describe('createLogParser', () => {
  const stream = Buffer.from(
    `${hashA}\0${hashB}\0Subject with\nno newline split \u00e9\u4e2d\0line one\nline two\n\0${hashB}\0\0Root (#1)\0\0`,
  );
  const expected: LogRecord[] = [
    {
      hash: hashA,
      parents: [hashB],
      subject: 'Subject with\nno newline split \u00e9\u4e2d',
      body: 'line one\nline two\n',
    },
    { hash: hashB, parents: [], subject: 'Root (#1)', body: '' },
  ];

  it('splits NUL-terminated fields into records', () => {
    expect(parse([stream])).toEqual(expected);
  });

  it('survives chunks split anywhere, even inside a UTF-8 character', () => {
    for (let cut = 1; cut < stream.length; cut++) {
      expect(parse([stream.subarray(0, cut), stream.subarray(cut)])).toEqual(expected);
    }
    expect(parse([...stream].map((byte) => Buffer.from([byte])))).toEqual(expected);
  });

  it('rejects output that is not a commit stream', () => {
    expect(() => parse([Buffer.from('not-a-hash\0\0s\0b\0')])).toThrow(/not a commit hash/);
    expect(() => parse([Buffer.from(`${hashA}\0\0subject`)])).toThrow(/incomplete/);
  });
});

describe('readLog', () => {
  it('streams a long history with hostile messages through git', async () => {
    const path = makeTempDir();
    cleanup.push(path);
    runFixtureGit(path, ['init', '--quiet']);
    // fast-import builds thousands of commits in one process; about 1 MB of log output.
    const count = 3000;
    const hostile = 'Merge pull request #1 from x/y\u001e\u001f "quoted" (#';
    const stream: string[] = [];
    for (let index = 1; index <= count; index++) {
      const message =
        index === 2 ? `${hostile}\n\nThe title\u001e\n` : `Change ${index} ${'x'.repeat(200)} (#${index})\n`;
      stream.push('commit refs/heads/main', `committer Ada <ada@example.com> ${1_700_000_000 + index} +0000`);
      stream.push(`data ${Buffer.byteLength(message)}`, message);
    }
    runFixtureGit(path, ['fast-import', '--quiet'], `${stream.join('\n')}\n`);
    const root = runFixtureGit(path, ['rev-list', '--max-parents=0', 'main']);

    const records: LogRecord[] = [];
    await readLog(path, ['main'], (record) => records.push(record));
    expect(records).toHaveLength(count);
    expect(records.at(-2)).toMatchObject({ subject: hostile, body: 'The title\u001e\n' });

    const result = await listMergedPullRequests({ repoPath: path, from: root, to: 'main' });
    expect(result.pullRequests).toHaveLength(count - 1);
    expect(result.pullRequests[0]).toMatchObject({ number: count, kind: 'squash' });
    expect(result.pullRequests.at(-1)).toEqual({
      number: 1,
      commit: records.at(-2)?.hash,
      kind: 'merge',
      subject: 'The title\u001e',
    });
  });
});
