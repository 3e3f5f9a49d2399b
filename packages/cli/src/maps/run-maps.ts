import { applyOverrides, type Diagnostic, findDuplicateOverrides } from '@relnotes/core';
import { findConfig } from '../find-config.js';
import type { Io } from '../io.js';
import type { Command } from '../main.js';
import { parseOptions } from '../parse-options.js';
import { usageError } from '../usage-error.js';
import { loadOverrides } from './load-overrides.js';
import { readReleaseNotes } from './read-release-notes.js';
import { writeStarterOverride } from './write-starter-override.js';

const HELP = `Usage: relnotes maps check DIR... [--notes FILE | --input FILE] [--strict] [--repository R]
       relnotes maps new PR (--notes FILE | --input FILE) [--dir DIR] [--keps DIR | --features FILE] [--release V]

Override ("map") files let the release-notes lead edit single notes: rewrite the
text, replace kinds, SIGs or areas, set the feature stage, highlight a note, drop
it (do_not_publish: true) or revive it (false), or add a PR the range walk missed
(add: true). Kubernetes' maps/pr-N-map.yaml files are read unchanged:

  pr: 12345
  releasenote:
    text: "\`kubectl\` now prints a warning."   # quote a text that starts with \` or holds ": "
    kinds: [feature]                           # a field present replaces the whole value
    stage: beta                                # alpha|beta|stable|deprecated|removed|null
    highlight: true

maps check DIR...
  Reads every *.yaml, *.yml and *.json file below the folders (several overrides per
  file, separated by ---) and prints each problem as FILE:LINE:COL: MESSAGE.
  --notes FILE     Also check against a release, in krel's JSON: an override for a PR
  --input FILE     that is not in it is a warning (pull requests as JSON with --input)
  --strict         ... and an error with --strict
  --repository R   owner/name, to derive the PR URL of notes added with add: true
                   (default: the config's "repository")
  --config FILE    Config file (default: ./relnotes.config.json or .yaml if present)
  Exit status: 0 no errors (warnings allowed), 1 errors, 2 usage error.

maps new PR
  Writes DIR/pr-PR-map.yaml, a starter override holding the PR's current note: text,
  author, documentation, kinds, SIGs, areas and flags. Applied unchanged it changes
  nothing; edit the lines you mean to change. stage, stage_change and highlight are
  derived on every run, so they are commented-out hints with their current values
  (give --keps/--features/--release as for generate, so that they are right);
  uncomment one to fix it. Never overwrites a file, and refuses a PR that has an
  override already in DIR or the --maps folders.
  --notes FILE     The release's notes, in krel's JSON
  --input FILE     The release's pull requests, as JSON
  --dir DIR        Where to write (default: maps)
  --maps DIR       Override folders to look in for an existing override; repeatable
                   (default: the config's "maps")
  --keps DIR       An enhancements checkout (default: the config's "keps")
  --features FILE  A features.yaml (default: the config's "features")
  --release V      The release, for the stage hints (default: the config's "release")
  --config FILE    Config file (default: ./relnotes.config.json or .yaml if present)

Examples:
  relnotes maps new 12345 --notes release-notes.json --dir maps
  relnotes maps check maps --notes release-notes.json
`;

export const runMaps: Command = {
  summary: 'Check override ("map") files, or start one for a PR',
  help: HELP,
  async run(args, io) {
    const [action, ...rest] = args;
    if (action === 'check') return checkMaps(rest, io);
    if (action === 'new') return newMap(rest, io);
    throw usageError(
      action === undefined ? 'maps: say check or new' : `maps: unknown action "${action}"; use check or new`,
      'Run `relnotes maps --help` for the actions.',
    );
  },
};

async function checkMaps(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseOptions(
    'maps check',
    args,
    {
      notes: { type: 'string' },
      input: { type: 'string' },
      strict: { type: 'boolean' },
      repository: { type: 'string' },
      config: { type: 'string' },
    },
    true,
  );
  if (positionals.length === 0)
    throw usageError('maps check: give at least one folder', 'Try: relnotes maps check maps');
  if (values.notes !== undefined && values.input !== undefined) {
    throw usageError('maps check: give --notes FILE or --input FILE, not both');
  }
  const loaded = await loadOverrides(positionals, { cwd: io.cwd });
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  if (values.notes === undefined && values.input === undefined) {
    diagnostics.push(...findDuplicateOverrides(loaded.overrides));
  } else {
    const config = await findConfig(values.config, io.cwd);
    const release = await readReleaseNotes(values, config.rules, io);
    const applied = applyOverrides(release.notes, loaded.overrides, {
      strict: values.strict === true,
      repository: values.repository ?? config.repository,
    });
    diagnostics.push(...applied.diagnostics);
  }
  for (const diagnostic of sortByPlace(diagnostics)) io.stdout(`${formatProblem(diagnostic)}\n`);
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const counts = warnings === 0 ? '' : ` (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
  io.stdout(
    `${plural(loaded.files.length, 'override file')}, ${plural(loaded.overrides.length, 'override')}, ${plural(diagnostics.length, 'problem')}${counts}\n`,
  );
  return errors > 0 ? 1 : 0;
}

async function newMap(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseOptions(
    'maps new',
    args,
    {
      notes: { type: 'string' },
      input: { type: 'string' },
      dir: { type: 'string' },
      maps: { type: 'string', multiple: true },
      keps: { type: 'string' },
      features: { type: 'string' },
      release: { type: 'string' },
      config: { type: 'string' },
    },
    true,
  );
  const [prArg, ...extra] = positionals;
  if (prArg === undefined || extra.length > 0) {
    throw usageError('maps new: give one PR number', 'Try: relnotes maps new 12345 --notes release-notes.json');
  }
  const pr = Number(prArg.replace(/^#/, ''));
  if (!Number.isSafeInteger(pr) || pr <= 0) throw usageError(`maps new: "${prArg}" is not a PR number`);
  if ((values.notes === undefined) === (values.input === undefined)) {
    throw usageError(
      'maps new: give exactly one of --notes FILE or --input FILE',
      'The PR’s current note is read from it.',
    );
  }
  const file = await writeStarterOverride(
    {
      pr,
      source: { notes: values.notes, input: values.input },
      dir: values.dir ?? 'maps',
      maps: values.maps,
      keps: values.keps,
      features: values.features,
      release: values.release,
      config: values.config,
    },
    io,
  );
  io.stdout(`wrote ${file}\n`);
  return 0;
}

function formatProblem(diagnostic: Diagnostic): string {
  const where = [diagnostic.file ?? '', diagnostic.position?.line, diagnostic.position?.column]
    .filter((part) => part !== undefined)
    .join(':');
  const level = diagnostic.severity === 'error' ? '' : `${diagnostic.severity}: `;
  return `${where}: ${level}${diagnostic.message}`;
}

function sortByPlace(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const key = (diagnostic: Diagnostic) => diagnostic.file ?? '';
  return [...diagnostics].sort(
    (a, b) =>
      (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) ||
      (a.position?.line ?? 0) - (b.position?.line ?? 0) ||
      (a.position?.column ?? 0) - (b.position?.column ?? 0),
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
