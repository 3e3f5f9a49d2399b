import { resolve } from 'node:path';
import { renderContextFile } from '../context/render-context-file.js';
import { findConfig } from '../find-config.js';
import type { Io } from '../io.js';
import type { Command } from '../main.js';
import { parseOptions } from '../parse-options.js';
import { parseFormat, templateRef } from '../pipeline/render-output.js';
import { usageError } from '../usage-error.js';
import { watchRender } from '../watch/watch-render.js';

const HELP = `Usage: relnotes render --context FILE [options]

Re-renders a release from a context saved by \`relnotes generate … --save-context FILE\`:
no network, no token, no enhancements checkout. The saved notes go through the same
stages as in generate: override files (--maps), feature stages (from the KEPs or
features saved in the context), then the template.

Options:
  --context FILE     The saved context (required)
  --template NAME|DIR  A built-in template pack (default: kubernetes) or a pack folder
  --maps DIR         Override ("map") files; repeatable (default: the config's "maps")
  --format FORMAT    markdown (default), json, or html (one self-contained, sanitised
                     page); without --format, an --output ending in .json or .html
                     picks that format
  --output FILE      Write here (atomically) instead of standard output
  --insert           Put the release into the existing --output changelog: after its
                     "# Title" and intro, before the first release heading, or
                     between <!-- relnotes:start --> and
                     <!-- relnotes:end -->; a re-run replaces the same release's section
  --release VERSION  The release (default: the one saved in the context)
  --config FILE      Config file; given explicitly, its rules (sections, SIG names)
                     replace the rules saved in the context
  --strict           An override for a PR that is not in the release is an error
  --watch            Render again whenever the context, an override file or a file of
                     the template pack changes (needs --output); Ctrl-C stops
  --verbose          Print every diagnostic, not only the first 20
  --quiet            Print no diagnostics

Examples:
  relnotes generate --input prs.json --release v0.5.0 --save-context ctx.json --output /dev/null
  relnotes render --context ctx.json --maps maps --output CHANGELOG-0.5.md
  relnotes render --context ctx.json --template my-pack --output notes.md --watch
  relnotes render --context ctx.json --output CHANGELOG.md --insert
`;

export const runRender: Command = {
  summary: 'Re-render a saved context offline (--watch: on every edit)',
  help: HELP,
  async run(args, io) {
    const { values } = parseOptions('render', args, {
      context: { type: 'string' },
      template: { type: 'string' },
      maps: { type: 'string', multiple: true },
      format: { type: 'string' },
      output: { type: 'string' },
      insert: { type: 'boolean' },
      release: { type: 'string' },
      config: { type: 'string' },
      strict: { type: 'boolean' },
      watch: { type: 'boolean' },
      verbose: { type: 'boolean' },
      quiet: { type: 'boolean' },
    });
    if (values.context === undefined) {
      throw usageError(
        'render: --context FILE is required',
        'Save one with `relnotes generate … --save-context FILE`.',
      );
    }
    const contextFile = resolve(io.cwd, values.context);
    const config = await findConfig(values.config, io.cwd);
    const output = values.output === undefined ? config.output : resolve(io.cwd, values.output);
    const format = parseFormat(values.format, output);
    const template = templateRef(values.template, config.template, io.cwd);
    const maps = values.maps?.map((dir) => resolve(io.cwd, dir));
    if (values.watch && !output) throw usageError('render: --watch needs --output FILE');

    const run = (diagnostics: 'none' | 'some' | 'all') =>
      renderContextFile(
        {
          context: values.context as string,
          config,
          configRules: values.config !== undefined,
          maps,
          template,
          format,
          release: values.release,
          strict: values.strict,
          output: output ?? null,
          insert: values.insert === true,
          diagnostics,
        },
        io,
      );

    if (values.watch && output) {
      await watchUntilInterrupted(io, (signal) =>
        watchRender(
          { signal, render: () => run('none'), output, contextFile, maps: maps ?? config.maps, template },
          io,
        ),
      );
      return 0;
    }
    const count = await run(values.quiet ? 'none' : values.verbose ? 'all' : 'some');
    if (output && !values.quiet) io.stderr(`relnotes: wrote ${count} notes to ${output}\n`);
    return 0;
  },
};

/** Runs the watch loop until Ctrl-C, then lets the process exit cleanly (exit code 0). */
async function watchUntilInterrupted(io: Io, loop: (signal: AbortSignal) => Promise<void>): Promise<void> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  io.stderr('relnotes: watching for changes (Ctrl-C to stop)\n');
  try {
    await loop(controller.signal);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
