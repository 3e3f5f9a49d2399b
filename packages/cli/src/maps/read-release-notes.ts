import {
  buildReleaseNotes,
  type ClassificationRules,
  type Diagnostic,
  notesFromKrelJson,
  parsePullRequests,
  type ReleaseNote,
} from '@relnotes/core';
import type { Io } from '../io.js';
import { readJson } from '../read-input.js';

/** The notes of a release, from pull requests (`--input`) or from krel's JSON (`--notes`). */
export async function readReleaseNotes(
  source: Readonly<{ input?: string; notes?: string }>,
  rules: ClassificationRules,
  io: Io,
): Promise<{ notes: ReleaseNote[]; diagnostics: Diagnostic[] }> {
  if (source.input !== undefined) {
    const prs = parsePullRequests(await readJson(source.input, io), { file: source.input });
    return buildReleaseNotes(prs, { rules });
  }
  const file = source.notes ?? '-';
  return notesFromKrelJson(await readJson(file, io), { file, rules });
}
