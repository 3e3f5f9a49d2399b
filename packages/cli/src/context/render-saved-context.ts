import { createFeatureIndex, type Diagnostic, type ReleaseNote } from '@relnotes/core';
import type { RelnotesConfig } from '../config.js';
import type { Io } from '../io.js';
import { editNotes } from '../pipeline/edit-notes.js';
import { type OutputFormat, renderOutput } from '../pipeline/render-output.js';
import type { SavedContext } from './saved-context.js';

export interface RenderSavedContextOptions {
  /** The config in effect: its maps are the default override folders. */
  config: RelnotesConfig;
  /** Use `config.rules` instead of the rules saved in the context (an explicit --config). */
  configRules: boolean;
  maps?: readonly string[] | undefined;
  /** A built-in pack name or a pack folder (already resolved). */
  template: string;
  format: OutputFormat;
  release?: string | undefined;
  strict?: boolean | undefined;
  verbose?: boolean | undefined;
}

export interface RenderedContext {
  text: string;
  notes: ReleaseNote[];
  release: string | undefined;
  /** The saved diagnostics, then those of this run's edits and of sanitising the notes it renders. */
  diagnostics: Diagnostic[];
}

/** Re-renders a saved context through the same stages as `generate`: override files, stages, template. */
export async function renderSavedContext(
  saved: Readonly<SavedContext>,
  options: Readonly<RenderSavedContextOptions>,
  io: Io,
): Promise<RenderedContext> {
  const rules = options.configRules ? options.config.rules : saved.config.rules;
  const repository = options.config.repository ?? saved.config.repository;
  // The saved features are the index: no enhancements checkout or features.yaml is read again.
  const config: RelnotesConfig = { ...options.config, rules, repository, keps: null, features: null };
  const index = saved.features.length > 0 ? createFeatureIndex(saved.features) : undefined;
  const edited = await editNotes(
    saved.notes,
    config,
    {
      maps: options.maps,
      release: options.release ?? saved.release.version ?? undefined,
      strict: options.strict,
      verbose: options.verbose,
      index,
    },
    io,
  );
  const rendered = await renderOutput(edited.notes, {
    format: options.format,
    rules,
    template: options.template,
    release: {
      version: edited.release ?? null,
      previous: saved.release.previous,
      date: saved.release.date,
      repository,
    },
    index: edited.index,
    mentions: options.config.mentions,
  });
  return {
    text: rendered.text,
    notes: edited.notes,
    release: edited.release,
    diagnostics: [...saved.diagnostics, ...edited.diagnostics, ...rendered.diagnostics],
  };
}
