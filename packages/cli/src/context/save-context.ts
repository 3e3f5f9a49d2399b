import type { ClassificationRules, Diagnostic, FeatureIndex, ReleaseNote } from '@relnotes/core';
import { writeFileAtomic } from '../write-file-atomic.js';
import { createSavedContext, type SavedRelease, serializeSavedContext } from './saved-context.js';

export interface SaveContextParts {
  /** The classified notes, before override files: a re-render applies the override files of that time. */
  notes: readonly ReleaseNote[];
  index: FeatureIndex | undefined;
  release: SavedRelease;
  rules: ClassificationRules;
  repository: string | null;
  diagnostics: readonly Diagnostic[];
}

/** Writes a context that `relnotes render --context FILE` re-renders offline. */
export async function saveContext(file: string, parts: Readonly<SaveContextParts>): Promise<void> {
  const context = createSavedContext({
    release: parts.release,
    config: { rules: parts.rules, repository: parts.repository },
    notes: [...parts.notes],
    features: parts.index?.features ?? [],
    diagnostics: [...parts.diagnostics],
  });
  await writeFileAtomic(file, serializeSavedContext(context));
}
