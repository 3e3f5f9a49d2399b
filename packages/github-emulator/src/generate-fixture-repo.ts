// Deterministic, realistic-looking fixture repositories for tests and benchmarks. All texts are invented.
import { createRandom, fakeSha, type Random } from './prng.js';
import type { FixtureCommit, FixturePullRequest, FixtureRepo } from './types.js';

export interface GenerateFixtureRepoOptions {
  owner: string;
  name: string;
  /** Number of pull requests to create. */
  pullRequests: number;
  /**
   * Instead: create pull requests until exactly this many are merged into the base branch — the release
   * `v1.0.0..v1.1.0` then holds that many (`pullRequests` is ignored; about 1.17 PRs are made per merge).
   */
  mergedIntoBase?: number;
  /** Same seed, same repository (default 1). */
  seed?: number;
  /** Branch most pull requests merge into (default `main`). */
  baseRefName?: string;
  /** First PR creation date (default 2025-01-06T00:00:00Z). */
  startDate?: string;
  /** Span of PR creation dates in days (default 90). */
  days?: number;
  /** Number of the first PR (default 1001). */
  firstNumber?: number;
}

const KINDS = [
  'feature',
  'bug',
  'cleanup',
  'documentation',
  'api-change',
  'deprecation',
  'regression',
  'flake',
  'failing-test',
];
const KIND_WEIGHTS = [22, 30, 18, 5, 8, 3, 5, 5, 4];
const SIGS = [
  'api-machinery',
  'node',
  'network',
  'storage',
  'apps',
  'cli',
  'auth',
  'scheduling',
  'instrumentation',
  'release',
];
const AREAS = ['widgets', 'gateway', 'cli', 'test', 'dependency', 'scheduler-core', 'config', 'metrics'];
const AUTHORS = [
  'ada-lowell',
  'bramblewick',
  'cyrus-okafor',
  'dmitri-veld',
  'elena-brisk',
  'farah-q',
  'gus-tamm',
  'hollis-n',
  'ines-marlow',
  'jun-arata',
  'kestrel-dev',
  'lumen-ops',
  'robo-merge[bot]',
  'deps-helper[bot]',
];
const VERBS = ['Added', 'Fixed', 'Removed', 'Improved', 'Reduced', 'Renamed', 'Deprecated', 'Promoted', 'Documented'];
const SUBJECTS = [
  'the widget controller',
  'the `--max-sprockets` flag of `frobctl`',
  'gateway retry handling',
  'the `quota-v2` admission check',
  'memory use of the event cache',
  'the `Gizmo` API field `spec.lanes`',
  'log output of the scheduler core',
  'config file validation',
  'the metrics endpoint',
  'TLS reload in the agent',
];
const ENDINGS = [
  'when the cache is cold.',
  'so that restarts no longer drop events.',
  'for clusters with more than 500 nodes.',
  'to match the documented behaviour.',
  'behind the `FastLanes` feature gate.',
  '(alpha).',
  'and it graduated to beta.',
  'and it is now GA.',
  'on Windows nodes.',
  'in dry-run mode.',
];

function weightedKind(random: Random): string {
  const total = KIND_WEIGHTS.reduce((sum, w) => sum + w, 0);
  let roll = random.int(1, total);
  for (let i = 0; i < KINDS.length; i++) {
    roll -= KIND_WEIGHTS[i] ?? 0;
    if (roll <= 0) return KINDS[i] ?? 'bug';
  }
  return 'bug';
}

function sentence(random: Random): string {
  return `${random.pick(VERBS)} ${random.pick(SUBJECTS)} ${random.pick(ENDINGS)}`;
}

interface NotePlan {
  kind: string;
  note: 'text' | 'none' | 'action' | 'missing';
}

function prBody(random: Random, plan: NotePlan, number: number): string {
  const lines = [
    '<!-- Thanks for sending a pull request! Please read the contributor guide first. -->',
    '',
    '#### What type of PR is this?',
    '',
    `/kind ${plan.kind}`,
    '',
    '#### What this PR does / why we need it:',
    '',
    sentence(random),
    '',
    '#### Which issue(s) this PR fixes:',
    '',
    random.chance(0.5) ? `Fixes #${Math.max(1, number - random.int(5, 400))}` : '<!-- Fixes #<issue number> -->',
    '',
    '#### Does this PR introduce a user-facing change?',
    '<!-- Write your release note in the block below; enter "NONE" if no note is needed. -->',
  ];
  if (plan.note !== 'missing') {
    let note: string;
    if (plan.note === 'none') note = random.pick(['NONE', 'NONE', 'None', 'N/A']);
    else if (plan.note === 'action')
      note = `ACTION REQUIRED: ${sentence(random)} Update your configuration before upgrading.`;
    else if (random.chance(0.15)) note = `- ${sentence(random)}\n- ${sentence(random)}`;
    else note = sentence(random);
    lines.push(random.chance(0.1) ? '```release-note ' : '```release-note', note, '```');
  }
  if (random.chance(0.12)) {
    const kep = random.int(1000, 4999);
    lines.push(
      '',
      '#### Additional documentation e.g., KEPs (Kubernetes Enhancement Proposals), usage docs, etc.:',
      '',
      '```docs',
      `- [KEP]: https://example.org/enhancements/issues/${kep}`,
      '```',
    );
  }
  const body = lines.join('\n');
  // Some bodies come from Windows browsers.
  return random.chance(0.08) ? body.split('\n').join('\r\n') : body;
}

function labelsFor(random: Random, plan: NotePlan): string[] {
  const labels = [`kind/${plan.kind}`];
  if (random.chance(0.1)) labels.push(`kind/${weightedKind(random)}`);
  labels.push(`sig/${random.pick(SIGS)}`);
  if (random.chance(0.25)) labels.push(`sig/${random.pick(SIGS)}`);
  if (random.chance(0.5)) labels.push(`area/${random.pick(AREAS)}`);
  if (plan.note === 'none') labels.push('release-note-none');
  else if (plan.note === 'action') labels.push('release-note-action-required');
  else if (plan.note === 'text') labels.push('release-note');
  else labels.push('do-not-merge/release-note-label-needed');
  labels.push(random.pick(['size/XS', 'size/S', 'size/M', 'size/L', 'size/XL']), 'lgtm', 'approved');
  if (random.chance(0.2)) labels.push('cncf-cla: yes');
  return [...new Set(labels)];
}

function iso(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/**
 * Generate a repository with `pullRequests` PRs: mostly merged into the base branch (some closed, open,
 * or on a release branch), tags `v1.0.0` before the first merge and `v1.1.0` at the last one, and the
 * default branch's commits between them, so `compare/v1.0.0...v1.1.0` lists every merged PR.
 */
export function generateFixtureRepo(options: Readonly<GenerateFixtureRepoOptions>): FixtureRepo {
  const random = createRandom(options.seed ?? 1);
  const base = options.baseRefName ?? 'main';
  const start = Date.parse(options.startDate ?? '2025-01-06T00:00:00Z');
  const spanMs = (options.days ?? 90) * 24 * 3600 * 1000;
  const target = options.mergedIntoBase === undefined ? null : Math.max(0, Math.floor(options.mergedIntoBase));
  // 90% of the PRs are merged, 95% of those into the base branch.
  const count = target === null ? Math.max(0, Math.floor(options.pullRequests)) : Math.ceil(target / (0.9 * 0.95));
  const step = count > 0 ? spanMs / count : 0;
  const seedText = `${options.owner}/${options.name}/${options.seed ?? 1}`;
  const pullRequests: FixturePullRequest[] = [];
  let number = options.firstNumber ?? 1001;

  let mergedCount = 0;
  for (let i = 0; target === null ? i < count : mergedCount < target; i++) {
    const created = start + i * step + random.next() * step * 0.9;
    const roll = random.next();
    const state = roll < 0.9 ? 'merged' : roll < 0.96 ? 'closed' : 'open';
    const noteRoll = random.next();
    const plan: NotePlan = {
      kind: weightedKind(random),
      note: noteRoll < 0.3 ? 'none' : noteRoll < 0.34 ? 'action' : noteRoll < 0.37 ? 'missing' : 'text',
    };
    const merged = state === 'merged';
    const closedAt = created + random.int(30, 14 * 24 * 60) * 60_000;
    const updated =
      state === 'open' ? created + random.int(1, 5 * 24 * 60) * 60_000 : closedAt + random.int(0, 180) * 60_000;
    const title = sentence(random).replace(/\.$/, '');
    pullRequests.push({
      number,
      title: random.chance(0.05) ? `[release-1.0] ${title}` : title,
      body: prBody(random, plan, number),
      labels: labelsFor(random, plan),
      author: { login: random.pick(AUTHORS) },
      state: state === 'open' ? 'open' : 'closed',
      merged,
      mergedAt: merged ? iso(closedAt) : null,
      updatedAt: iso(updated),
      createdAt: iso(created),
      baseRefName: random.chance(0.05) ? 'release-1.0' : base,
      mergeCommitOid: merged ? fakeSha(`${seedText}#${number}`) : null,
    });
    if (merged && pullRequests.at(-1)?.baseRefName === base) mergedCount++;
    // Issues share the number space, so PR numbers have gaps.
    number += random.chance(0.3) ? random.int(2, 6) : 1;
  }

  const mergedToBase = pullRequests
    .filter((pr) => pr.merged && pr.baseRefName === base)
    .sort((a, b) => (a.mergedAt ?? '').localeCompare(b.mergedAt ?? '') || a.number - b.number);
  const release: FixtureCommit = {
    sha: fakeSha(`${seedText}:v1.0.0`),
    message: 'Release v1.0.0',
    date: iso(start - 24 * 3600 * 1000),
    author: { login: 'robo-merge[bot]', name: 'Release Robot', email: 'release-robot@example.org' },
  };
  const commits: FixtureCommit[] = [
    release,
    ...mergedToBase.map((pr) => ({
      sha: pr.mergeCommitOid ?? '',
      message: `Merge pull request #${pr.number} from ${pr.author.login}/topic-${pr.number}\n\n${pr.title}`,
      date: pr.mergedAt ?? pr.updatedAt,
      author: { login: pr.author.login },
    })),
  ];
  const last = commits.at(-1) ?? release;
  return {
    owner: options.owner,
    name: options.name,
    defaultBranch: base,
    pullRequests,
    tags: [
      { name: 'v1.0.0', sha: release.sha },
      { name: 'v1.1.0', sha: last.sha },
    ],
    commits,
    releases: [
      {
        id: 1,
        tagName: 'v1.0.0',
        name: 'v1.0.0',
        body: 'First stable release.',
        draft: false,
        prerelease: false,
        targetCommitish: base,
        createdAt: release.date,
        publishedAt: release.date,
      },
    ],
  };
}
