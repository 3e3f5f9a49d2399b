import { RelnotesError } from '@relnotes/core';
import type { Io } from './io.js';

export interface Command {
  summary: string;
  help: string;
  run: (args: readonly string[], io: Io) => Promise<number>;
}

/** A command's module is loaded only when it runs: `render` then never loads the GitHub client. */
interface CommandEntry {
  summary: string;
  load: () => Promise<Command>;
}

const COMMANDS: Readonly<Record<string, CommandEntry>> = {
  generate: {
    summary: 'Render release notes from pull requests or saved notes',
    load: async () => (await import('./commands/generate.js')).runGenerate,
  },
  render: {
    summary: 'Re-render a saved context offline (--watch: on every edit)',
    load: async () => (await import('./commands/render.js')).runRender,
  },
  explain: {
    summary: 'Explain one PR: its block, field provenance, stage and section',
    load: async () => (await import('./commands/explain.js')).runExplain,
  },
  check: {
    summary: 'Check that a PR body carries a valid release note (for CI)',
    load: async () => (await import('./commands/check.js')).runCheck,
  },
  maps: {
    summary: 'Check override ("map") files, or start one for a PR',
    load: async () => (await import('./maps/run-maps.js')).runMaps,
  },
  templates: {
    summary: 'List the built-in template packs, or copy one out for editing',
    load: async () => (await import('./commands/templates.js')).runTemplates,
  },
};

export const VERSION = '0.1.0';

const MAIN_HELP = `relnotes ${VERSION} — release notes from merged pull requests, the Kubernetes way

Usage: relnotes <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(12)}${command.summary}`)
  .join('\n')}

Options:
  -h, --help     Show help (also: relnotes <command> --help)
  -v, --version  Show the version

Each PR carries a \`\`\`release-note block; labels say its kind (kind/*), SIG (sig/*)
and areas (area/*). See https://github.com/relnotes-dev/relnotes#readme.
`;

/** Runs the CLI; returns the process exit code. Only this package prints or exits. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    const entry = topic !== undefined && Object.hasOwn(COMMANDS, topic) ? COMMANDS[topic] : undefined;
    io.stdout(entry ? (await entry.load()).help : MAIN_HELP);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!entry) {
    io.stderr(`relnotes: unknown command "${name}"\n  hint: run \`relnotes --help\` to see the commands.\n`);
    return 2;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.help);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    const code = reportError(error, io);
    // For `check`, exit 1 means "this PR has no valid note": any other failure is 2.
    return name === 'check' && code === 1 ? 2 : code;
  }
}

function reportError(error: unknown, io: Io): number {
  if (error instanceof RelnotesError) {
    io.stderr(`relnotes: ${withPlace(error)}\n`);
    const hint = error.hint ?? (error.code === 'E_CONFIG' ? CONFIG_HINT : undefined);
    if (hint) io.stderr(`  hint: ${hint}\n`);
    // A file that cannot be read is a usage error: for `check`, exit 1 must mean "no valid note".
    return error.code === 'E_USAGE' || error.code === 'E_IO' ? 2 : 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(
    `relnotes: internal error: ${message}\n  hint: this is a bug in relnotes; please report it with the command you ran.\n`,
  );
  if (io.env.RELNOTES_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  return 70;
}

const CONFIG_HINT = 'The README lists every config key; packages/cli/relnotes.config.schema.json describes them.';

/** Puts `file:line:column:` in front of a message that does not already name its file. */
function withPlace(error: RelnotesError): string {
  if (error.file === undefined || error.message.includes(error.file)) return error.message;
  const place = [error.file, error.line, error.line === undefined ? undefined : error.column]
    .filter((part) => part !== undefined)
    .join(':');
  return `${place}: ${error.message}`;
}
