import { access } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { formatOverride, RelnotesError } from '@relnotes/core';
import { findConfig } from '../find-config.js';
import type { Io } from '../io.js';
import { editNotes } from '../pipeline/edit-notes.js';
import { writeFileAtomic } from '../write-file-atomic.js';
import { loadOverrides } from './load-overrides.js';
import { readReleaseNotes } from './read-release-notes.js';

export interface StarterOverrideOptions {
  pr: number;
  /** Where the release's notes come from: krel's JSON, or pull requests. */
  source: Readonly<{ notes?: string | undefined; input?: string | undefined }>;
  /** The folder to write `pr-N-map.yaml` into. */
  dir: string;
  /** Override folders that may hold an override for the PR already (default: the config's maps). */
  maps?: readonly string[] | undefined;
  keps?: string | undefined;
  features?: string | undefined;
  release?: string | undefined;
  config?: string | undefined;
}

/**
 * Writes `DIR/pr-N-map.yaml` for a PR of the release, its stages resolved as `generate` resolves them, and
 * returns the path written (as given). Refuses a PR that is not in the release, an existing file, and a
 * PR that an override file already edits (two overrides of one PR are an error when applied).
 */
export async function writeStarterOverride(options: Readonly<StarterOverrideOptions>, io: Io): Promise<string> {
  const { pr } = options;
  const config = await findConfig(options.config, io.cwd);
  const source = options.source.notes ?? options.source.input ?? '-';
  const { notes } = await readReleaseNotes(withoutUndefined(options.source), config.rules, io);
  if (!notes.some((candidate) => candidate.pr === pr)) {
    throw new RelnotesError('E_OVERRIDE', `PR #${pr} is not in ${source}`, {
      hint: 'To add a PR the walk missed, write an override with "add: true", a text, an author and its kinds.',
    });
  }
  const file = join(options.dir, `pr-${pr}-map.yaml`);
  const path = resolve(io.cwd, file);
  if (await exists(path)) {
    throw new RelnotesError('E_OVERRIDE', `${file} exists already; relnotes never overwrites an override file`, {
      file,
      hint: 'Edit that file, or delete it first to start again.',
    });
  }
  await refuseSecondOverride(pr, [options.dir, ...(options.maps ?? config.maps)], io);

  // No override files: the starter shows the note as relnotes makes it, stages included.
  const edited = await editNotes(
    notes,
    config,
    { maps: [], keps: options.keps, features: options.features, release: options.release },
    io,
  );
  const note = edited.notes.find((candidate) => candidate.pr === pr);
  if (note === undefined) throw new Error(`PR #${pr} was lost while resolving stages`);
  await writeFileAtomic(path, formatOverride(note));
  return file;
}

async function refuseSecondOverride(pr: number, dirs: readonly string[], io: Io): Promise<void> {
  const present: string[] = [];
  for (const dir of dirs) if (await exists(resolve(io.cwd, dir))) present.push(dir);
  if (present.length === 0) return;
  const { overrides } = await loadOverrides(present, { cwd: io.cwd });
  const earlier = overrides.find((override) => override.pr === pr);
  if (earlier === undefined) return;
  const where = `${earlier.file}:${earlier.line}:${earlier.column}`;
  throw new RelnotesError('E_OVERRIDE', `PR #${pr} has an override already, at ${where}`, {
    file: earlier.file,
    line: earlier.line,
    column: earlier.column,
    hint: 'Edit that override: a second one for the same PR is an error when the files are applied.',
  });
}

function withoutUndefined(source: StarterOverrideOptions['source']): { notes?: string; input?: string } {
  return {
    ...(source.notes === undefined ? {} : { notes: source.notes }),
    ...(source.input === undefined ? {} : { input: source.input }),
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
