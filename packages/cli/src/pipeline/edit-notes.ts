import { resolve } from 'node:path';
import {
  applyOverrides,
  type Diagnostic,
  type FeatureIndex,
  type ReleaseNote,
  RelnotesError,
  resolveStages,
  toOverrideError,
} from '@relnotes/core';
import type { RelnotesConfig } from '../config.js';
import { loadFeatureIndex } from '../features/load-feature-index.js';
import type { Io } from '../io.js';
import { loadOverrides } from '../maps/load-overrides.js';
import { reportDiagnostics } from '../report-diagnostics.js';

export interface EditOptions {
  /** Override folders from the command line; the config's `maps` otherwise. */
  maps?: readonly string[] | undefined;
  keps?: string | undefined;
  features?: string | undefined;
  release?: string | undefined;
  strict?: boolean | undefined;
  verbose?: boolean | undefined;
  /** A feature index already at hand (a saved context); else one is read from keps/features. */
  index?: FeatureIndex | undefined;
}

export interface EditedNotes {
  notes: ReleaseNote[];
  index: FeatureIndex | undefined;
  release: string | undefined;
  diagnostics: Diagnostic[];
}

/** The release-notes lead's edits (override files), then feature stages — overrides first, so they win. */
export async function editNotes(
  classified: readonly ReleaseNote[],
  config: RelnotesConfig,
  options: Readonly<EditOptions>,
  io: Io,
): Promise<EditedNotes> {
  const diagnostics: Diagnostic[] = [];
  let notes = [...classified];

  const mapDirs = options.maps === undefined ? config.maps : options.maps.map((dir) => resolve(io.cwd, dir));
  if (mapDirs.length > 0) {
    const loaded = await loadOverrides(mapDirs, { cwd: io.cwd });
    const applied = applyOverrides(notes, loaded.overrides, {
      strict: options.strict === true,
      repository: config.repository,
    });
    const problems = [...loaded.diagnostics, ...applied.diagnostics];
    const error = toOverrideError(problems);
    if (error) {
      reportDiagnostics(problems, io, options.verbose === true);
      throw error;
    }
    notes = applied.notes;
    diagnostics.push(...problems);
  }

  let index = options.index;
  if (index === undefined) {
    const kepsDir = options.keps === undefined ? (config.keps ?? undefined) : resolve(io.cwd, options.keps);
    const featuresFile =
      options.features === undefined ? (config.features ?? undefined) : resolve(io.cwd, options.features);
    if (kepsDir !== undefined || featuresFile !== undefined) {
      index = await loadFeatureIndex({
        ...(kepsDir === undefined ? {} : { kepsDir }),
        ...(featuresFile === undefined ? {} : { featuresFile }),
        cwd: io.cwd,
      });
      // A project's own features file with a broken entry would silently lose that feature's stages.
      const broken = index.diagnostics.filter((d) => d.ruleId === 'features-yaml' && d.severity === 'error');
      const first = broken[0];
      if (first !== undefined) {
        reportDiagnostics(broken, io, true);
        const where = [first.file, first.position?.line, first.position?.column].filter((part) => part !== undefined);
        const more = broken.length > 1 ? ` (and ${broken.length - 1} more, listed above)` : '';
        throw new RelnotesError('E_CONFIG', `${where.join(':')}: ${first.message}${more}`, {
          ...(first.file === undefined ? {} : { file: first.file }),
          hint: 'Fix the features file; each entry needs an id, a title and a sig (see examples/sample/features.yaml).',
        });
      }
      diagnostics.push(...index.diagnostics);
    }
  }
  const release = options.release ?? config.release ?? undefined;
  const staged = resolveStages(notes, {
    ...(index === undefined ? {} : { index }),
    ...(release === undefined ? {} : { release }),
  });
  diagnostics.push(...staged.diagnostics);
  return { notes: staged.notes, index, release, diagnostics };
}
