import { type Diagnostic, type PullRequest, RelnotesError } from '@relnotes/core';
import { listMergedPullRequests } from '@relnotes/git';
import { createGitHubSource, type GitHubRestOptions, resolveReleaseRange } from '@relnotes/github';
import type { Io } from '../io.js';
import { confirmPullRequests } from './confirm-pull-requests.js';
import type { GitHubSettings } from './github-settings.js';
import type { ProgressReporter } from './progress.js';

export interface Gathered {
  pullRequests: PullRequest[];
  diagnostics: Diagnostic[];
  /** The range used (`from` is the previous tag when none was given). */
  from: string;
  to: string;
  missing: number[];
}

/** The connection options shared by every GitHub call of one run. */
export function connectionOptions(settings: Readonly<GitHubSettings>): GitHubRestOptions {
  return {
    repository: settings.repository,
    ...(settings.token === undefined ? {} : { token: settings.token }),
    ...(settings.apiUrl === undefined ? {} : { apiUrl: settings.apiUrl }),
    ...(settings.record === undefined ? {} : { record: settings.record }),
    ...(settings.replay === undefined ? {} : { replay: settings.replay }),
    ...(settings.waitScale === undefined ? {} : { waitScale: settings.waitScale }),
  };
}

/**
 * The pull requests of a release range. With a clone, git lists the PR numbers (merge, squash, revert,
 * cherry-pick, synced branches) and GitHub supplies each PR; without one, GitHub lists the PRs merged into
 * the base branch between the two refs' commit dates (a date window: a clone is exact, prefer it).
 */
export async function gatherFromGitHub(
  settings: Readonly<GitHubSettings>,
  io: Io,
  progress: ProgressReporter,
): Promise<Gathered> {
  const connection = connectionOptions(settings);
  const source = createGitHubSource({
    ...connection,
    cacheDir: settings.cacheDir,
    onProgress: (event) => progress.onProgress(event),
  });
  let gathered: Gathered;
  if (settings.repoPath !== undefined) {
    const range = await listMergedPullRequests({
      repoPath: settings.repoPath,
      to: settings.to,
      ...(settings.from === undefined ? {} : { from: settings.from }),
    });
    progress.start(
      `the pull requests of ${settings.repository} ${range.from}..${range.to} (${range.pullRequests.length} in the clone)`,
    );
    const numbers = range.pullRequests.map((reference) => reference.number);
    const confirmed = confirmPullRequests(
      range.pullRequests,
      await source.fetchPullRequests(numbers, { allowMissing: true }),
    );
    if (confirmed.missing.length > 0 && !settings.allowMissing)
      throw missingError(settings.repository, confirmed.missing);
    gathered = {
      pullRequests: confirmed.pullRequests,
      missing: confirmed.missing,
      diagnostics: [...range.diagnostics, ...confirmed.diagnostics],
      from: range.from,
      to: range.to,
    };
  } else {
    progress.start(`the pull requests of ${settings.repository} ${settings.from ?? '(previous tag)'}..${settings.to}`);
    const range = await resolveReleaseRange({
      ...connection,
      cacheDir: settings.cacheDir,
      to: settings.to,
      ...(settings.from === undefined ? {} : { from: settings.from }),
      ...(settings.base === undefined ? {} : { base: settings.base }),
    });
    progress.addRequests(range.requests);
    const pullRequests = await source.listMergedPullRequests({
      base: range.base,
      since: range.since,
      until: range.until,
    });
    gathered = { pullRequests, missing: [], diagnostics: [listedByBase(range)], from: range.from, to: range.to };
  }
  const stats = source.stats();
  progress.finish({ pullRequests: gathered.pullRequests.length, requests: stats.requests, cacheHits: stats.cacheHits });
  if (gathered.missing.length > 0) {
    io.stderr(
      `relnotes: warning: ${gathered.missing.length} pull request(s) not found in ${settings.repository}, left out (--allow-missing): ${gathered.missing.map((n) => `#${n}`).join(', ')}\n`,
    );
  }
  return gathered;
}

/** A PR the history names but GitHub cannot give is a problem with the input (exit 1), not with I/O. */
function missingError(repository: string, missing: readonly number[]): RelnotesError {
  const shown = missing.slice(0, 10).map((number) => `#${number}`);
  const more = missing.length > 10 ? ` and ${missing.length - 10} more` : '';
  return new RelnotesError(
    'E_INPUT',
    `${missing.length} pull request(s) not found in ${repository}: ${shown.join(', ')}${more}`,
    {
      hint: 'Check that --github names the repository the clone comes from, or pass --allow-missing to finish without them.',
    },
  );
}

/**
 * Without a clone, only PRs whose base is the range's branch are seen: a PR merged into another branch
 * and brought in by a merge (a release branch synced from main) is not. Said on every such run.
 */
function listedByBase(range: Readonly<{ base: string; from: string; to: string }>): Diagnostic {
  return {
    severity: 'info',
    ruleId: 'github-listed-by-base',
    message: `without a clone, the PRs are those merged into ${range.base} between the dates of ${range.from} and ${range.to}; PRs another branch brought in by a merge (a synced branch) are not seen: pass --repo-path for the exact list`,
  };
}
