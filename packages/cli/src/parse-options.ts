import { parseArgs } from 'node:util';
import { usageError } from './usage-error.js';

type OptionSpec = { type: 'string' | 'boolean'; short?: string; multiple?: boolean };
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;
type Values<T extends OptionSpecs> = {
  [K in keyof T]?: T[K] extends { type: 'boolean' } ? boolean : T[K] extends { multiple: true } ? string[] : string;
};

/** node:util parseArgs, with errors a user can act on instead of stack traces. */
export function parseOptions<T extends OptionSpecs>(
  command: string,
  args: readonly string[],
  options: T,
  allowPositionals = false,
): { values: Values<T>; positionals: string[] } {
  try {
    const parsed = parseArgs({
      args: [...args],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals,
      strict: true,
    });
    return { values: parsed.values as Values<T>, positionals: parsed.positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw usageError(`${command}: ${message}`, `Run \`relnotes ${command} --help\` for the options.`);
  }
}

export function wantsHelp(args: readonly string[]): boolean {
  return args.includes('--help') || args.includes('-h');
}
