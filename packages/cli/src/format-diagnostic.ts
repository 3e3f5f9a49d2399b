import type { Diagnostic } from '@relnotes/core';

/** `warning  PR #12 3:1  two release-note blocks; the first is used  [multiple-blocks]` */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const where = [
    diagnostic.file,
    diagnostic.pr === undefined ? undefined : `PR #${diagnostic.pr}`,
    diagnostic.position ? `${diagnostic.position.line}:${diagnostic.position.column}` : undefined,
  ]
    .filter(Boolean)
    .join(' ');
  return `${diagnostic.severity}${where ? `  ${where}` : ''}  ${diagnostic.message}  [${diagnostic.ruleId}]`;
}
