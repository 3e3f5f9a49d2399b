import {
  buildReleaseNotes,
  type ClassificationRules,
  type Diagnostic,
  notesFromKrelJson,
  parsePullRequests,
  type ReleaseNote,
} from '@relnotes/core';
import { gatherFromGitHub } from '../github/gather-from-github.js';
import { type GitHubSettings, scrubError } from '../github/github-settings.js';
import { createProgressReporter, progressMode } from '../github/progress.js';
import type { Io } from '../io.js';
import { readText } from '../read-input.js';

/** Where the notes come from: pull requests on GitHub, pull requests in a file, or krel's notes JSON. */
export type NotesSource =
  | { kind: 'github'; settings: GitHubSettings; quiet: boolean }
  | { kind: 'input'; file: string }
  | { kind: 'notes'; file: string };

export interface GatheredNotes {
  notes: ReleaseNote[];
  diagnostics: Diagnostic[];
  /** The start of the range, when a range was walked. */
  from: string | undefined;
}

/** Reads the source and extracts + classifies every note. */
export async function gatherNotes(source: NotesSource, rules: ClassificationRules, io: Io): Promise<GatheredNotes> {
  switch (source.kind) {
    case 'github': {
      const { settings } = source;
      const progress = createProgressReporter(io, progressMode(io.env, source.quiet, process.stderr.isTTY === true));
      const gathered = await gatherFromGitHub(settings, io, progress).catch((error: unknown) => {
        throw scrubError(error, settings.token);
      });
      const built = buildReleaseNotes(gathered.pullRequests, { rules });
      return { notes: built.notes, diagnostics: [...gathered.diagnostics, ...built.diagnostics], from: gathered.from };
    }
    case 'input': {
      const prs = parsePullRequests(await readText(source.file, io), { file: source.file });
      return { ...buildReleaseNotes(prs, { rules }), from: undefined };
    }
    case 'notes': {
      const read = notesFromKrelJson(await readText(source.file, io), { file: source.file, rules });
      return { ...read, from: undefined };
    }
  }
}
