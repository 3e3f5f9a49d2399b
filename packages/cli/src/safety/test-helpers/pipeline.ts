// Test support: the real pipeline, from PR bodies to a rendered changelog, for the safety tests.
import {
  buildReleaseNotes,
  compileTemplate,
  createReleaseNote,
  createRenderContext,
  type Diagnostic,
  type PullRequest,
  type ReleaseNote,
  type RenderContextOptions,
  sanitizeNotes,
  type Template,
} from '@relnotes/core';
import { listBuiltinPacks, loadTemplatePack } from '@relnotes/templates';

export function makePullRequest(
  number: number,
  body: string,
  labels: string[] = ['kind/bug', 'sig/node'],
): PullRequest {
  return {
    number,
    title: `PR ${number}`,
    body,
    labels,
    author: { login: `dev${number}`, url: `https://github.com/dev${number}` },
    url: `https://github.com/acme/widget/pull/${number}`,
    mergedAt: '2026-01-01T00:00:00Z',
    mergeCommit: null,
    baseRef: 'main',
  };
}

export function makeNote(pr: number, text: string, fields: Partial<ReleaseNote> = {}): ReleaseNote {
  return createReleaseNote({
    pr,
    prUrl: `https://github.com/acme/widget/pull/${pr}`,
    title: `PR ${pr}`,
    text,
    author: { login: `dev${pr}`, url: `https://github.com/dev${pr}` },
    kinds: ['bug'],
    sigs: ['node'],
    ...fields,
  });
}

const compiled = new Map<string, Template>();

/** The main template of a built-in pack, compiled once per test file. */
export async function builtinTemplate(name: string): Promise<Template> {
  let template = compiled.get(name);
  if (!template) {
    const pack = await loadTemplatePack(name);
    template = compileTemplate(pack.main, {
      name: pack.mainFile,
      partials: pack.partials,
      partialFiles: pack.partialFiles,
    });
    compiled.set(name, template);
  }
  return template;
}

export function builtinPackNames(): string[] {
  return listBuiltinPacks();
}

export interface Rendered {
  notes: ReleaseNote[];
  markdown: string;
  diagnostics: Diagnostic[];
}

/** PR bodies → extract, classify → sanitise → render with the template. */
export function renderBodies(
  template: Template,
  pullRequests: readonly PullRequest[],
  options: Readonly<RenderContextOptions> = {},
): Rendered {
  const built = buildReleaseNotes(pullRequests);
  const sanitized = sanitizeNotes(built.notes);
  const markdown = template(createRenderContext(sanitized.notes, options));
  return { notes: sanitized.notes, markdown, diagnostics: [...built.diagnostics, ...sanitized.diagnostics] };
}
