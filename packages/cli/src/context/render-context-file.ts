import type { RelnotesConfig } from '../config.js';
import { checkInsertOptions, writeReleaseIntoFile } from '../insert/write-release.js';
import type { Io } from '../io.js';
import type { OutputFormat } from '../pipeline/render-output.js';
import { readText } from '../read-input.js';
import { reportDiagnostics } from '../report-diagnostics.js';
import { writeFileAtomic } from '../write-file-atomic.js';
import { renderSavedContext } from './render-saved-context.js';
import { parseSavedContext } from './saved-context.js';

export interface RenderContextFileOptions {
  /** The context file as the user named it (relative to `io.cwd`). */
  context: string;
  config: RelnotesConfig;
  configRules: boolean;
  maps: readonly string[] | undefined;
  template: string;
  format: OutputFormat;
  release: string | undefined;
  strict: boolean | undefined;
  /** null: standard output. */
  output: string | null;
  insert: boolean;
  /** Print the diagnostics of the run (off while watching: they would repeat on every run). */
  diagnostics: 'none' | 'some' | 'all';
}

/** Reads the context file (again), renders it and writes the result; returns the number of published notes. */
export async function renderContextFile(options: Readonly<RenderContextFileOptions>, io: Io): Promise<number> {
  const saved = parseSavedContext(await readText(options.context, io), options.context);
  const rendered = await renderSavedContext(
    saved,
    {
      config: options.config,
      configRules: options.configRules,
      maps: options.maps,
      template: options.template,
      format: options.format,
      release: options.release,
      strict: options.strict,
      verbose: options.diagnostics === 'all',
    },
    // Quiet: the edit stage prints the problems of bad override files before throwing the first one.
    options.diagnostics === 'none' ? { ...io, stderr: () => undefined } : io,
  );
  const { output } = options;
  if (options.insert) checkInsertOptions('render', output, rendered.release, options.format);
  if (output !== null && options.insert) await writeReleaseIntoFile(output, rendered.text, rendered.release as string);
  else if (output !== null) await writeFileAtomic(output, rendered.text);
  else io.stdout(rendered.text);
  if (options.diagnostics !== 'none') reportDiagnostics(rendered.diagnostics, io, options.diagnostics === 'all');
  return rendered.notes.filter((note) => !note.doNotPublish).length;
}
