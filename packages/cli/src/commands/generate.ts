import { resolve } from 'node:path';
import { saveContext } from '../context/save-context.js';
import { findConfig } from '../find-config.js';
import { connectionOptions } from '../github/gather-from-github.js';
import { GITHUB_OPTIONS, resolveGitHubSettings, scrubError } from '../github/github-settings.js';
import { appendStepSummary, draftReleaseNotes, fullNotesLocation } from '../github/publish-notes.js';
import { checkInsertOptions, writeReleaseIntoFile } from '../insert/write-release.js';
import type { Command } from '../main.js';
import { parseOptions } from '../parse-options.js';
import { editNotes } from '../pipeline/edit-notes.js';
import { gatherNotes, type NotesSource } from '../pipeline/gather-notes.js';
import { parseFormat, renderForGitHub, renderOutput, templateRef } from '../pipeline/render-output.js';
import { reportDiagnostics } from '../report-diagnostics.js';
import { usageError } from '../usage-error.js';
import { writeFileAtomic } from '../write-file-atomic.js';

const HELP = `Usage: relnotes generate (--input PRS.json | --notes NOTES.json | --github OWNER/REPO --to REF) [options]

Turns merged pull requests into a changelog: extracts each \`\`\`release-note
block, classifies it by kind, SIG and feature stage, and renders it.

Input (one of):
  --input FILE       Pull requests as JSON: GitHub's REST "pulls" list, or the
                     output of \`gh pr list --json number,title,body,labels,author,mergedAt,url\`
  --notes FILE       Notes already extracted, in krel's JSON (Kubernetes' release-notes tool)
  --github OWNER/REPO  The PRs merged between --from and --to, fetched from GitHub
                     (without the flag: the config's "repository", when --to is given)

GitHub range (with --github):
  --to REF           End of the range (included): a tag, branch or commit
  --from REF         Start of the range (excluded); default: the previous tag of --to
  --repo-path DIR    A clone: git lists the range's PRs (merges, squashes, reverts,
                     cherry-picks, synced branches), then GitHub gives each one.
                     Without it, GitHub lists the PRs merged into --base between
                     the two refs' commit dates (a date window: a clone is exact)
  --base BRANCH      Without a clone: the branch PRs were merged into (default:
                     the repository's default branch)
  --token-file FILE  A file holding the token (default: env GITHUB_TOKEN); never printed
  --api-url URL      REST API base (default: env GITHUB_API_URL, else
                     https://api.github.com; GitHub Enterprise: https://HOST/api/v3)
  --cache-dir DIR    PR cache (default: $XDG_CACHE_HOME/relnotes or ~/.cache/relnotes;
                     never inside the clone)
  --no-cache         Fetch everything again and write no cache
  --record DIR       Save every API answer in DIR (keyed by request)
  --replay DIR       Answer every API request from DIR, with no network
  --allow-missing    A PR that GitHub cannot give is listed on stderr and left
                     out (default: the run fails, exit 1, naming it)

Publishing:
  --github-release draft  Create, or update in place, the draft GitHub release of
                     the tag --release with the Markdown notes (one draft per tag)
  When env GITHUB_STEP_SUMMARY is set (GitHub Actions), a --github or
  --github-release run also appends the Markdown notes to that file.
  GitHub renders both: @user, @org/team and #123 in note texts are neutralised
  there (code spans) unless the config says "mentions": true.

Output:
  --format FORMAT    markdown (default), json (krel's shape plus stage fields), or
                     html (the Markdown as one self-contained, sanitised page);
                     without --format, an --output ending in .json or .html picks it
  --template NAME|DIR  A built-in template pack (default: kubernetes) or a pack folder
  --output FILE      Write here (atomically) instead of standard output
  --insert           Put the release into the existing --output changelog (needs
                     --release): after its "# Title" and intro, before the first
                     release heading, or between
                     <!-- relnotes:start --> and <!-- relnotes:end -->; a re-run
                     replaces the same release's section instead of adding one
  --save-context FILE  Also save the classified notes and features, to re-render
                     offline with \`relnotes render --context FILE\`

Edits:
  --maps DIR         Override ("map") files of the release-notes lead; repeatable.
                     Kubernetes' maps/pr-N-map.yaml are read unchanged (see \`relnotes maps --help\`)
  --strict           An override for a PR that is not in the release is an error, not a warning

Feature stages:
  --release VERSION  The release being made, e.g. v1.30 (to tell what changed stage in it)
  --keps DIR         An enhancements checkout: reads keps/**/kep.yaml
  --features FILE    A features.yaml, for projects without KEPs

Other:
  --config FILE      Config file (default: ./relnotes.config.json, .yaml or .mjs if present)
  --verbose          Print every diagnostic, not only the first 20
  --quiet            Print no diagnostics (GitHub progress: plain lines only)

Environment:
  GITHUB_TOKEN, GITHUB_API_URL, GITHUB_STEP_SUMMARY (see above); CI=true prints
  plain progress lines instead of a live one. RELNOTES_WAIT_SCALE multiplies
  every retry wait (a testing knob: tests use 0.001; leave it unset).

Examples:
  relnotes generate --input prs.json --release v0.5.0 --output CHANGELOG-0.5.md
  relnotes generate --notes release-notes.json --format json --keps ../enhancements --release v1.30
  relnotes generate --github acme/rockets --repo-path . --to v1.2.0 --release v1.2.0 --github-release draft
`;

export const runGenerate: Command = {
  summary: 'Render release notes from pull requests or saved notes',
  help: HELP,
  async run(args, io) {
    const { values } = parseOptions('generate', args, {
      input: { type: 'string' },
      notes: { type: 'string' },
      template: { type: 'string' },
      format: { type: 'string' },
      output: { type: 'string' },
      insert: { type: 'boolean' },
      'save-context': { type: 'string' },
      config: { type: 'string' },
      release: { type: 'string' },
      keps: { type: 'string' },
      features: { type: 'string' },
      maps: { type: 'string', multiple: true },
      strict: { type: 'boolean' },
      verbose: { type: 'boolean' },
      quiet: { type: 'boolean' },
      ...GITHUB_OPTIONS,
    });
    const inputs = [values.input, values.notes, values.github].filter((value) => value !== undefined).length;
    if (inputs > 1) throw exactlyOneInput();
    if (values['github-release'] !== undefined && values['github-release'] !== 'draft') {
      throw usageError(`generate: --github-release must be "draft", got "${values['github-release']}"`);
    }
    const config = await findConfig(values.config, io.cwd);
    // Without an input flag, the config's repository is the input when a range end is given.
    const repository =
      values.github ?? (inputs === 0 && values.to !== undefined ? (config.repository ?? undefined) : undefined);
    if (inputs === 0 && repository === undefined) throw exactlyOneInput();
    const output = values.output === undefined ? config.output : resolve(io.cwd, values.output);
    const format = parseFormat(values.format, output);
    if (values.insert) checkInsertOptions('generate', output, values.release ?? config.release, format);
    if (values['github-release'] !== undefined)
      checkDraftOptions(format, values.release ?? config.release, repository ?? config.repository);
    if (repository === undefined) checkNoGatheringOptions(values);
    const github = repository === undefined ? undefined : await resolveGitHubSettings(repository, values, io);
    const source: NotesSource = github
      ? { kind: 'github', settings: github, quiet: values.quiet === true }
      : values.input !== undefined
        ? { kind: 'input', file: values.input }
        : { kind: 'notes', file: values.notes as string };
    const gathered = await gatherNotes(source, config.rules, io);
    const edited = await editNotes(
      gathered.notes,
      config,
      {
        maps: values.maps,
        keps: values.keps,
        features: values.features,
        release: values.release,
        strict: values.strict,
        verbose: values.verbose,
      },
      io,
    );
    const { notes, release } = edited;
    const diagnostics = [...gathered.diagnostics, ...edited.diagnostics];
    const releaseInfo = {
      version: release ?? null,
      previous: config.previousRelease ?? gathered.from ?? null,
      date: null,
      repository: config.repository,
    };
    // Saved before rendering: a template error can then be fixed and re-rendered offline.
    if (values['save-context'] !== undefined) {
      await saveContext(resolve(io.cwd, values['save-context']), {
        notes: gathered.notes,
        index: edited.index,
        release: releaseInfo,
        rules: config.rules,
        repository: config.repository,
        diagnostics: [...gathered.diagnostics, ...(edited.index?.diagnostics ?? [])],
      });
    }
    const outputOptions = {
      format,
      rules: config.rules,
      template: templateRef(values.template, config.template, io.cwd),
      release: releaseInfo,
      index: edited.index,
      mentions: config.mentions,
    };
    const rendered = await renderOutput(notes, outputOptions);
    const { text } = rendered;
    diagnostics.push(...rendered.diagnostics);
    // A draft release and a job summary are rendered by GitHub: there, mentions ping unless the config asks.
    const publishes = values['github-release'] !== undefined || (github !== undefined && !!io.env.GITHUB_STEP_SUMMARY);
    const published = publishes && format === 'markdown' ? await renderForGitHub(notes, rendered, outputOptions) : text;

    if (output && values.insert) await writeReleaseIntoFile(output, text, release as string);
    else if (output) await writeFileAtomic(output, text);
    else io.stdout(text);

    if (values['github-release'] !== undefined && release !== undefined) {
      const settings = github ?? (await resolveGitHubSettings(config.repository ?? '', { ...values, to: release }, io));
      await draftReleaseNotes(
        {
          connection: connectionOptions(settings),
          tag: release,
          markdown: published,
          fullNotesUrl: fullNotesLocation(io.env, output),
        },
        io,
      ).catch((error: unknown) => {
        throw scrubError(error, settings.token);
      });
    }
    const summaryFile = io.env.GITHUB_STEP_SUMMARY;
    if (summaryFile && format === 'markdown' && (github !== undefined || values['github-release'] !== undefined)) {
      await appendStepSummary(summaryFile, published);
    }
    if (!values.quiet) reportDiagnostics(diagnostics, io, values.verbose === true);
    if (output && !values.quiet)
      io.stderr(`relnotes: wrote ${notes.filter((n) => !n.doNotPublish).length} notes to ${output}\n`);
    return 0;
  },
};

/** Options that only gathering from GitHub reads: given with --input or --notes, they would do nothing. */
const GATHERING_OPTIONS = [
  'from',
  'to',
  'repo-path',
  'base',
  'cache-dir',
  'no-cache',
  'record',
  'replay',
  'allow-missing',
] as const;

function checkNoGatheringOptions(values: Readonly<Partial<Record<(typeof GATHERING_OPTIONS)[number], unknown>>>): void {
  const given = GATHERING_OPTIONS.filter((name) => values[name] !== undefined);
  if (given.length === 0) return;
  throw usageError(
    `generate: ${given.map((name) => `--${name}`).join(', ')} only ${given.length === 1 ? 'applies' : 'apply'} when gathering from GitHub (--github OWNER/REPO)`,
    'Drop them, or gather from GitHub instead of --input/--notes.',
  );
}

/** Fails before any network call when drafting cannot work. */
function checkDraftOptions(format: string, release: string | null | undefined, repository: string | null): void {
  if (format !== 'markdown') throw usageError('generate: --github-release needs --format markdown');
  if (release === undefined || release === null) {
    throw usageError('generate: --github-release needs --release TAG (the tag of the draft release)');
  }
  if (repository === null) {
    throw usageError('generate: --github-release needs --github OWNER/REPO or a "repository" in the config');
  }
}

function exactlyOneInput() {
  return usageError(
    'generate: give exactly one of --input PRS.json, --notes NOTES.json or --github OWNER/REPO',
    'Try: relnotes generate --input examples/sample/prs.json',
  );
}
