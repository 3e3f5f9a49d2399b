import { resolve } from 'node:path';
import {
  buildHighlights,
  type ClassificationRules,
  createRenderContextWithDiagnostics,
  type Diagnostic,
  type FeatureIndex,
  notesToKrelJson,
  type ReleaseNote,
  renderHtmlPage,
} from '@relnotes/core';
import { compileTemplatePack, listBuiltinPacks, loadTemplatePack } from '@relnotes/templates';
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
  /**
   * `true`: `@user`, `@org/team` and `#123` in note texts stay as written; `false`: neutralised (code spans);
   * `null`: as the pack's pack.json says (`github-release`: neutralised), else as written.
   */
  mentions: boolean | null;
}

export interface RenderedOutput {
  text: string;
  /** Whether note texts kept their mentions (the option, or the pack's default). */
  mentions: boolean;
  /** One `note-sanitized` warning per PR whose note had to change to be safe. */
  diagnostics: Diagnostic[];
}

/**
 * The notes as the requested output: JSON in krel's shape, Markdown through a template pack, or that
 * Markdown as one self-contained, sanitised HTML page.
 */
export async function renderOutput(
  notes: readonly ReleaseNote[],
  options: Readonly<RenderOutputOptions>,
): Promise<RenderedOutput> {
  if (options.format === 'json') {
    const text = `${JSON.stringify(notesToKrelJson(notes, { rules: options.rules }), null, 2)}\n`;
    return { text, mentions: true, diagnostics: [] };
  }
  const pack = await loadTemplatePack(options.template);
  const template = compileTemplatePack(pack);
  const mentions = options.mentions ?? pack.mentions ?? true;
  const { context, diagnostics } = createRenderContextWithDiagnostics(notes, {
    rules: options.rules,
    release: options.release,
    highlights: buildHighlights(notes, options.index),
    mentions,
  });
  const markdown = template(context);
  if (options.format !== 'html') return { text: markdown, mentions, diagnostics };
  const version = options.release.version;
  const text = renderHtmlPage(markdown, { title: version ? `Release notes for ${version}` : 'Release notes' });
  return { text, mentions, diagnostics };
}

/**
 * The Markdown to publish where GitHub renders it (a draft release, a job summary): `rendered` itself when
 * its note texts already have mentions neutralised or the config asks for mentions, else rendered again
 * with them neutralised, so that publishing pings and links nobody. Author credits stay links.
 */
export async function renderForGitHub(
  notes: readonly ReleaseNote[],
  rendered: Readonly<RenderedOutput>,
  options: Readonly<RenderOutputOptions>,
): Promise<string> {
  if (!rendered.mentions || options.mentions === true) return rendered.text;
  return (await renderOutput(notes, { ...options, mentions: false })).text;
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
