import { classifyNote } from './classify/classify-note.js';
import { extractNote } from './extract/extract-note.js';
import type { Diagnostic, PullRequest, ReleaseNote } from './model.js';
import { type ClassificationRules, DEFAULT_RULES } from './rules.js';

export interface BuildOptions {
  rules?: ClassificationRules;
}

/** Extracts and classifies the note of each pull request. Content problems come back as diagnostics. */
export function buildReleaseNotes(
  pullRequests: readonly PullRequest[],
  options: Readonly<BuildOptions> = {},
): { notes: ReleaseNote[]; diagnostics: Diagnostic[] } {
  const rules = options.rules ?? DEFAULT_RULES;
  const notes: ReleaseNote[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const pr of pullRequests) {
    if (pr.state === 'closed' || pr.state === 'open') {
      diagnostics.push(notMerged(pr));
      if (pr.state === 'closed') continue;
    }
    const extraction = extractNote(pr.body, { pr: pr.number });
    diagnostics.push(...extraction.diagnostics);
    notes.push(classifyNote(pr, extraction, rules));
  }
  return { notes, diagnostics };
}

function notMerged(pr: Readonly<PullRequest>): Diagnostic {
  return pr.state === 'closed'
    ? {
        severity: 'warning',
        ruleId: 'not-merged',
        message: `PR #${pr.number} was closed without being merged; it is left out of the notes.`,
        pr: pr.number,
      }
    : {
        severity: 'warning',
        ruleId: 'not-merged',
        message: `PR #${pr.number} is still open; its note is included, but it is not in any release yet.`,
        pr: pr.number,
      };
}
