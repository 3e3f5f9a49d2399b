import { resolve } from 'node:path';
import {
  buildHighlights,
  type ClassificationRules,
  compileTemplate,
  createRenderContext,
  type FeatureIndex,
  notesToKrelJson,
  type ReleaseNote,
  renderHtmlPage,
} from '@relnotes/core';
import { listBuiltinPacks, loadTemplatePack } from '@relnotes/templates';
import { usageError } from '../usage-error.js';

export const OUTPUT_FORMATS = ['markdown', 'json', 'html'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface RenderOutputOptions {
  format: OutputFormat;
  rules: ClassificationRules;
  /** A built-in pack name or a pack folder (already resolved). */
  template: string;
  release: { version: string | null; previous: string | null; date: string | null; repository: string | null };
  index: FeatureIndex | undefined;
}

/**
 * The notes as the requested output: JSON in krel's shape, Markdown through a template pack, or that
 * Markdown as one self-contained, sanitised HTML page.
 */
export async function renderOutput(
  notes: readonly ReleaseNote[],
  options: Readonly<RenderOutputOptions>,
): Promise<string> {
  if (options.format === 'json')
    return `${JSON.stringify(notesToKrelJson(notes, { rules: options.rules }), null, 2)}\n`;
  const pack = await loadTemplatePack(options.template);
  const template = compileTemplate(pack.main, {
    name: pack.mainFile,
    partials: pack.partials,
    partialFiles: pack.partialFiles,
  });
  const context = createRenderContext(notes, {
    rules: options.rules,
    release: options.release,
    highlights: buildHighlights(notes, options.index),
  });
  const markdown = template(context);
  if (options.format !== 'html') return markdown;
  const version = options.release.version;
  return renderHtmlPage(markdown, { title: version ? `Release notes for ${version}` : 'Release notes' });
}

export function parseFormat(value: string | undefined, output: string | null | undefined): OutputFormat {
  const format = value ?? (output?.endsWith('.json') ? 'json' : output?.endsWith('.html') ? 'html' : 'markdown');
  if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) {
    throw usageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')}, got "${format}"`);
  }
  return format as OutputFormat;
}

/** A built-in pack name stays a name; anything else is a folder, relative to the working directory. */
export function templateRef(fromFlag: string | undefined, fromConfig: string | null, cwd: string): string {
  if (fromFlag === undefined) return fromConfig ?? 'kubernetes';
  return listBuiltinPacks().includes(fromFlag) ? fromFlag : resolve(cwd, fromFlag);
}
