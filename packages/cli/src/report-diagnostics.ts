import type { Diagnostic } from '@relnotes/core';
import { formatDiagnostic } from './format-diagnostic.js';
import type { Io } from './io.js';

const SHOWN_DIAGNOSTICS = 20;

/** Prints diagnostics on stderr: the first 20, or all of them with --verbose. */
export function reportDiagnostics(diagnostics: readonly Diagnostic[], io: Io, verbose: boolean): void {
  const shown = verbose ? diagnostics : diagnostics.slice(0, SHOWN_DIAGNOSTICS);
  for (const diagnostic of shown) io.stderr(`${formatDiagnostic(diagnostic)}\n`);
  const hidden = diagnostics.length - shown.length;
  if (hidden > 0) io.stderr(`… and ${hidden} more diagnostics (run with --verbose to see them all)\n`);
}
