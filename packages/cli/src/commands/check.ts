import { type Diagnostic, type Extraction, extractNote, sanitizeNote } from '@relnotes/core';
import { findConfig } from '../find-config.js';
import { formatDiagnostic } from '../format-diagnostic.js';
import type { Command } from '../main.js';
import { parseOptions } from '../parse-options.js';
import { readText } from '../read-input.js';
import { usageError } from '../usage-error.js';

const HELP = `Usage: relnotes check --body FILE|- [--labels LABELS] [--pr N] [--json]

Checks one pull request body, as CI does on every PR: does it carry a valid
\`\`\`release-note block?

Options:
  --body FILE     The PR body (Markdown); "-" reads standard input
  --labels LIST   The PR's labels, comma-separated (e.g. "kind/bug,release-note-none")
  --pr N          The PR number, for messages
  --config FILE   Config file (its doNotPublishLabels; default ./relnotes.config.*)
  --json          Print {"status", "ok", "noneMarker", "noneByLabel", "note", "diagnostics"}
                  as JSON; status is what the body holds: note, none, missing or empty

Exit status:
  0  the body has a note, or says explicitly that there is none (NONE, N/A, …)
     — or the PR carries a "no note" label (release-note-none, or the config's
     doNotPublishLabels)
  1  the release-note block is missing or empty
  2  usage error (bad options, unreadable file)

Example, in a GitHub Actions step:
  echo "$PR_BODY" | relnotes check --body - --labels "$PR_LABELS"
`;

const EXAMPLE_BLOCK = '```release-note\nFixed a crash when the config file is empty.\n```';

export const runCheck: Command = {
  summary: 'Check that a PR body carries a valid release note (for CI)',
  help: HELP,
  async run(args, io) {
    const { values } = parseOptions('check', args, {
      body: { type: 'string' },
      labels: { type: 'string' },
      pr: { type: 'string' },
      json: { type: 'boolean' },
      config: { type: 'string' },
    });
    if (values.body === undefined)
      throw usageError('check: --body FILE is required', 'Pass the PR body as a file, or "-" for standard input.');
    const pr = values.pr === undefined ? undefined : parsePrNumber(values.pr);
    const labels = (values.labels ?? '')
      .split(',')
      .map((label) => label.trim())
      .filter(Boolean);
    const body = await readText(values.body, io);
    const extraction = withSanitizing(extractNote(body, pr === undefined ? {} : { pr }), pr);
    const { rules } = await findConfig(values.config, io.cwd);
    const noneLabel = labels.find((label) => rules.doNotPublishLabels.includes(label)) ?? null;
    const noneByLabel = noneLabel !== null;
    const actionByLabel = labels.some((label) => rules.actionRequiredLabels.includes(label));
    const status = extraction.status;
    const ok = status === 'note' || status === 'none' || noneByLabel;

    if (values.json) {
      io.stdout(`${JSON.stringify(toJson(extraction, { ok, noneByLabel, actionByLabel }), null, 2)}\n`);
    } else {
      io.stdout(describe(extraction, noneLabel, actionByLabel));
      // With a "no note" label, a missing or empty block is what the label says: not worth a warning.
      const shown = noneByLabel
        ? extraction.diagnostics.filter((d) => !LABEL_EXCUSED.has(d.ruleId))
        : extraction.diagnostics;
      for (const diagnostic of shown) io.stderr(`${formatDiagnostic(diagnostic)}\n`);
    }
    return ok ? 0 : 1;
  },
};

/** The extraction plus what publishing would change in the note: the PR author's chance to fix it. */
function withSanitizing(extraction: Extraction, pr: number | undefined): Extraction {
  if (extraction.status !== 'note' || extraction.text === null) return extraction;
  const { summary } = sanitizeNote(extraction.text, pr === undefined ? {} : { pr });
  return summary ? { ...extraction, diagnostics: [...extraction.diagnostics, summary] } : extraction;
}

function parsePrNumber(value: string): number {
  const number = Number(value.replace(/^#/, ''));
  if (!Number.isSafeInteger(number) || number <= 0) throw usageError(`check: --pr must be a PR number, got "${value}"`);
  return number;
}

interface CheckOutcome {
  /** The exit status is 0. */
  ok: boolean;
  /** A label says the PR has no note (release-note-none): a missing or empty block is then fine. */
  noneByLabel: boolean;
  /** A label marks the note action-required, as the marker in the text does. */
  actionByLabel: boolean;
}

function toJson(
  extraction: Extraction,
  outcome: Readonly<CheckOutcome>,
): {
  status: Extraction['status'];
  ok: boolean;
  noneMarker: string | null;
  noneByLabel: boolean;
  note: { text: string; actionRequired: boolean; docs: Extraction['docs'] } | null;
  diagnostics: Diagnostic[];
} {
  return {
    status: extraction.status,
    ok: outcome.ok,
    noneMarker: extraction.noneMarker,
    noneByLabel: outcome.noneByLabel,
    note:
      extraction.status === 'note' && extraction.text !== null
        ? {
            text: extraction.text,
            actionRequired: extraction.actionRequired || outcome.actionByLabel,
            docs: extraction.docs,
          }
        : null,
    diagnostics: extraction.diagnostics,
  };
}

const LABEL_EXCUSED = new Set(['missing-block', 'empty-block']);

function describe(extraction: Extraction, noneLabel: string | null, actionByLabel: boolean): string {
  switch (extraction.status) {
    case 'note':
      return `ok: release note found${extraction.actionRequired || actionByLabel ? ' (action required)' : ''}\n\n${extraction.text}\n`;
    case 'none':
      return `ok: no release note — the block says ${JSON.stringify(extraction.noneMarker ?? 'NONE')}\n`;
    case 'empty':
      return noneLabel !== null
        ? `ok: the release-note block is empty, and the PR carries the ${noneLabel} label\n`
        : `error: the release-note block is empty\n  Write what users need to know, or NONE, for example:\n\n${EXAMPLE_BLOCK}\n`;
    case 'missing':
      return noneLabel !== null
        ? `ok: no release-note block, and the PR carries the ${noneLabel} label\n`
        : `error: no \`\`\`release-note block found in the PR body\n  Add one (or write NONE inside it), for example:\n\n${EXAMPLE_BLOCK}\n`;
  }
}
