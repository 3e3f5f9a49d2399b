import { appendFile } from 'node:fs/promises';
import { RelnotesError } from '@relnotes/core';
import { createOrUpdateDraftRelease, type DraftReleaseResult, type GitHubRestOptions } from '@relnotes/github';
import type { Io } from '../io.js';

/** Appends the notes to the job summary of a GitHub Actions run (`GITHUB_STEP_SUMMARY`). */
export async function appendStepSummary(file: string, markdown: string): Promise<void> {
  try {
    await appendFile(file, markdown.endsWith('\n') ? markdown : `${markdown}\n`, 'utf8');
  } catch (error) {
    throw new RelnotesError(
      'E_IO',
      `cannot append to GITHUB_STEP_SUMMARY (${file}): ${(error as NodeJS.ErrnoException).code}`,
      { file },
    );
  }
}

/** Where the full notes live when a release body must be cut: the Actions run (its summary), else the output file. */
export function fullNotesLocation(env: Io['env'], output: string | null | undefined): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: run } = env;
  if (server && repository && run) return `${server}/${repository}/actions/runs/${run}`;
  return output ?? undefined;
}

export interface DraftNotesOptions {
  connection: GitHubRestOptions;
  tag: string;
  markdown: string;
  fullNotesUrl: string | undefined;
}

export async function draftReleaseNotes(options: Readonly<DraftNotesOptions>, io: Io): Promise<DraftReleaseResult> {
  const result = await createOrUpdateDraftRelease({
    ...options.connection,
    tag: options.tag,
    body: options.markdown,
    ...(options.fullNotesUrl === undefined ? {} : { fullNotesUrl: options.fullNotesUrl }),
  });
  io.stderr(`relnotes: ${result.action} the draft release ${options.tag}: ${result.url}\n`);
  if (result.truncated) {
    io.stderr("relnotes: warning: the notes exceed GitHub's 125,000 characters; the release holds the first part\n");
  }
  if (result.duplicates.length > 0) {
    io.stderr(
      `relnotes: warning: other drafts of ${options.tag} exist and were left alone: ${result.duplicates.join(', ')}\n`,
    );
  }
  return result;
}
