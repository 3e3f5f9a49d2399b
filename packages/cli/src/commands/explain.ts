import {
  buildReleaseNotes,
  createFeatureIndex,
  type Diagnostic,
  type Extraction,
  extractNote,
  notesFromKrelJson,
  type PullRequest,
  parsePullRequests,
  type ReleaseNote,
  RelnotesError,
} from '@relnotes/core';
import type { RelnotesConfig } from '../config.js';
import { explainNote, formatExplanation } from '../context/explain-note.js';
import { parseSavedContext } from '../context/saved-context.js';
import { findConfig } from '../find-config.js';
import { GITHUB_OPTIONS, type GitHubOptionValues } from '../github/github-settings.js';
import type { Io } from '../io.js';
import type { Command } from '../main.js';
import { parseOptions } from '../parse-options.js';
import { editNotes } from '../pipeline/edit-notes.js';
import { readText } from '../read-input.js';
import { usageError } from '../usage-error.js';

const HELP = `Usage: relnotes explain PR (--input PRS.json | --notes NOTES.json | --github OWNER/REPO --to REF | --context FILE) [options]

Explains one PR's release note: the release-note block found in its body and why
(note, NONE, empty, missing; diagnostics), each classified field with where it came
from (label, note text, KEP, features.yaml, override file) and how sure that is, the
features it links to and which rule decided its stage, and the section it lands in
(or why it is not published). Takes the same inputs as \`relnotes generate\`.

Input (one of):
  --input FILE       Pull requests as JSON (the PR body is then shown and re-read)
  --notes FILE       Notes in krel's JSON
  --github OWNER/REPO  The PRs of a range on GitHub (with --to, --from, --repo-path…;
                     see \`relnotes generate --help\`)
  --context FILE     A context saved by \`relnotes generate … --save-context FILE\`

Options:
  --maps DIR         Override files; repeatable (default: the config's "maps")
  --keps DIR         An enhancements checkout (not with --context: its features are saved)
  --features FILE    A features.yaml
  --release VERSION  The release being made, e.g. v1.30
  --config FILE      Config file (default: ./relnotes.config.json, .yaml or .mjs if present)
  --strict           An override for a PR that is not in the release is an error
  --json             Print the explanation as JSON

Exit codes: 0 explained; 1 the PR is not in the input; 2 usage error.

Examples:
  relnotes explain 2412 --input examples/sample/prs.json --config examples/sample/relnotes.config.json
  relnotes explain 123456 --context ctx.json --maps maps --json
`;

interface Gathered {
  notes: ReleaseNote[];
  diagnostics: Diagnostic[];
  pullRequests: PullRequest[] | null;
  /** The input as named in messages: the file, or the repository and the range walked. */
  input: string;
  saved: { features: ReturnType<typeof parseSavedContext>['features']; release: string | null } | null;
}

export const runExplain: Command = {
  summary: 'Explain one PR: its block, field provenance, stage and section',
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parseOptions(
      'explain',
      args,
      {
        input: { type: 'string' },
        notes: { type: 'string' },
        context: { type: 'string' },
        maps: { type: 'string', multiple: true },
        keps: { type: 'string' },
        features: { type: 'string' },
        release: { type: 'string' },
        config: { type: 'string' },
        strict: { type: 'boolean' },
        json: { type: 'boolean' },
        ...GITHUB_OPTIONS,
      },
      true,
    );
    const pr = parsePrNumber(positionals);
    const inputs = [values.input, values.notes, values.github, values.context].filter((v) => v !== undefined);
    if (inputs.length !== 1) {
      throw usageError(
        'explain: give exactly one of --input PRS.json, --notes NOTES.json, --github OWNER/REPO or --context FILE',
        'Try: relnotes explain 2412 --input examples/sample/prs.json',
      );
    }
    const config = await findConfig(values.config, io.cwd);
    const gathered = await gather(values, config, io);
    const index =
      gathered.saved && gathered.saved.features.length > 0 ? createFeatureIndex(gathered.saved.features) : undefined;
    const edited = await editNotes(
      gathered.notes,
      gathered.saved ? { ...config, keps: null, features: null } : config,
      {
        maps: values.maps,
        keps: values.keps,
        features: values.features,
        release: values.release ?? gathered.saved?.release ?? undefined,
        strict: values.strict,
        index,
      },
      io,
    );
    const note = edited.notes.find((candidate) => candidate.pr === pr);
    if (!note) {
      throw new RelnotesError('E_INPUT', `PR #${pr} is not in ${gathered.input}`, {
        hint: 'Check the PR number, or the input (an override file with "add: true" can add a PR the walk missed).',
      });
    }
    const body = gathered.pullRequests?.find((candidate) => candidate.number === pr)?.body;
    const extraction: Extraction | null = body === undefined ? null : extractNote(body, { pr });
    const explanation = explainNote({
      note,
      extraction,
      diagnostics: [...gathered.diagnostics, ...edited.diagnostics],
      index: edited.index,
      rules: config.rules,
      input: gathered.input,
    });
    io.stdout(
      values.json ? `${JSON.stringify(explanation, null, 2)}\n` : `${formatExplanation(explanation).trimEnd()}\n`,
    );
    return 0;
  },
};

function parsePrNumber(positionals: readonly string[]): number {
  const [first, ...rest] = positionals;
  const digits = first?.startsWith('#') ? first.slice(1) : first;
  if (digits === undefined || rest.length > 0 || !/^\d{1,12}$/.test(digits)) {
    throw usageError('explain: give one PR number, e.g. relnotes explain 2412 --input prs.json');
  }
  return Number(digits);
}

async function gather(
  values: Readonly<
    GitHubOptionValues & { input?: string; notes?: string; context?: string; keps?: string; features?: string }
  >,
  config: RelnotesConfig,
  io: Io,
): Promise<Gathered> {
  const rules = config.rules;
  if (typeof values.context === 'string') {
    const saved = parseSavedContext(await readText(values.context, io), values.context);
    if (values.keps !== undefined || values.features !== undefined) {
      throw usageError('explain: --context already holds the features; leave out --keps and --features');
    }
    return {
      notes: saved.notes,
      diagnostics: saved.diagnostics,
      pullRequests: null,
      input: values.context,
      saved: { features: saved.features, release: saved.release.version },
    };
  }
  if (typeof values.input === 'string') {
    const pullRequests = parsePullRequests(await readText(values.input, io), { file: values.input });
    return { ...buildReleaseNotes(pullRequests, { rules }), pullRequests, input: values.input, saved: null };
  }
  if (typeof values.notes === 'string') {
    const read = notesFromKrelJson(await readText(values.notes, io), { file: values.notes, rules });
    return { ...read, pullRequests: null, input: values.notes, saved: null };
  }
  // Loaded only when asked for: the GitHub client is the heaviest part of the CLI.
  const [{ gatherFromGitHub }, { resolveGitHubSettings, scrubError }, progress] = await Promise.all([
    import('../github/gather-from-github.js'),
    import('../github/github-settings.js'),
    import('../github/progress.js'),
  ]);
  const settings = await resolveGitHubSettings(values.github ?? '', values, io);
  const reporter = progress.createProgressReporter(
    io,
    progress.progressMode(io.env, false, process.stderr.isTTY === true),
  );
  const fetched = await gatherFromGitHub(settings, io, reporter).catch((error: unknown) => {
    throw scrubError(error, settings.token);
  });
  const built = buildReleaseNotes(fetched.pullRequests, { rules });
  return {
    notes: built.notes,
    diagnostics: [...fetched.diagnostics, ...built.diagnostics],
    pullRequests: fetched.pullRequests,
    input: `${settings.repository} ${fetched.from}..${fetched.to}`,
    saved: null,
  };
}
