import { listBuiltinPacks, loadTemplatePack } from '@relnotes/templates';
import fc from 'fast-check';
import type { Nodes, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildHighlights } from '../features/build-highlights.js';
import type { PullRequest, ReleaseNote } from '../model.js';
import { buildReleaseNotes } from '../pipeline.js';
import { compileTemplate } from '../render/compile.js';
import { createRenderContext } from '../render/context.js';
import type { Template } from '../render/types.js';
import { isSafeUrl } from './safe-url.js';
import { sanitizeNotes } from './sanitize-notes.js';
import { hostileNoteText } from './test-helpers/note-text-arbitrary.js';

// Thousands of cases in CI; fewer locally, so that a plain `vitest run` stays quick.
const RUNS = Number(process.env.RELNOTES_PROPERTY_RUNS ?? (process.env.CI === 'true' ? 1250 : 200));
const RELEASE = { version: 'v1.2.0', previous: 'v1.1.0' };
const LABEL_SETS = [
  ['kind/bug', 'sig/node'],
  ['kind/feature', 'sig/apps', 'sig/cli'],
  ['kind/api-change', 'release-note-action-required'],
  ['kind/deprecation', 'sig/__proto__'],
  [],
];

const noteInput = fc.record({
  text: hostileNoteText,
  labels: fc.constantFrom(...LABEL_SETS),
  // A note reaches the templates from a PR body (extraction) or as written in an override file or krel JSON.
  viaBody: fc.boolean(),
  // Highlights show a one-line summary of the note (first-sentence): marked notes and stage changes.
  highlight: fc.boolean(),
  stageChange: fc.constantFrom(null, 'beta', 'stable'),
});

interface Outline {
  /** Heading depth and text, in document order. */
  headings: string[];
  /** For each top-level list: how many items it has. */
  lists: number[];
  /** The links to PRs and authors the template wrote (a note must not turn them into text or code). */
  credits: number;
  /** For each item of a top-level list: how many of those links it holds (a note must not take them out). */
  creditsPerItem: number[];
  /** Footnote definitions and references (GitHub moves a footnote to the end of the page). */
  footnotes: string[];
  /** Raw HTML anywhere (a template writes none). */
  html: string[];
  /** Link, image and definition URLs that are not http, https or mailto. */
  unsafeUrls: string[];
}

// GitHub renders GFM: footnotes, bare URLs as links, tables, task lists, strikethrough.
const parser = unified().use(remarkParse).use(remarkGfm);
const CREDIT_URLS = ['https://github.com/acme/widget/pull/', 'https://github.com/dev'];

function textOf(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  return 'children' in node ? (node.children as Nodes[]).map(textOf).join('') : '';
}

function isCredit(node: Nodes): boolean {
  return node.type === 'link' && CREDIT_URLS.some((prefix) => node.url.startsWith(prefix));
}

function countCredits(node: Nodes): number {
  const own = isCredit(node) ? 1 : 0;
  return (
    own + ('children' in node ? (node.children as Nodes[]).reduce((sum, child) => sum + countCredits(child), 0) : 0)
  );
}

/** The structure the template decides: headings (anywhere) and the top-level lists of notes. */
function outline(markdown: string): Outline {
  const root = parser.parse(markdown) as Root;
  const headings: string[] = [];
  const html: string[] = [];
  const unsafeUrls: string[] = [];
  const footnotes: string[] = [];
  let credits = 0;
  const stack: Nodes[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'heading') headings.push(`${'#'.repeat(node.depth)} ${textOf(node)}`);
    if (node.type === 'footnoteDefinition' || node.type === 'footnoteReference') footnotes.push(node.identifier);
    if (isCredit(node)) credits++;
    if (node.type === 'html') html.push(node.value);
    if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && !isSafeUrl(node.url)) {
      unsafeUrls.push(node.url);
    }
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
  const lists = root.children.flatMap((node) => (node.type === 'list' ? [node.children.length] : []));
  const creditsPerItem = root.children.flatMap((node) => (node.type === 'list' ? node.children.map(countCredits) : []));
  return { headings, lists, credits, creditsPerItem, footnotes, html, unsafeUrls };
}

type Input = {
  text: string;
  labels: string[];
  viaBody: boolean;
  highlight: boolean;
  stageChange: ReleaseNote['stageChange'];
};

/** Notes from PR bodies through extraction and classification, or taken as written (as an override file gives them). */
function notesOf(inputs: readonly Input[]): ReleaseNote[] {
  const prs = inputs.map((input, index) => {
    const body = input.viaBody ? `Template text.\n\n\`\`\`release-note\n${input.text}\n\`\`\`\n` : '';
    return makePullRequest(index + 1, body, input.labels);
  });
  return buildReleaseNotes(prs).notes.map((note, index) => {
    const input = inputs[index] as Input;
    const marked = { ...note, highlight: input.highlight, stageChange: input.stageChange };
    return input.viaBody ? marked : { ...marked, text: input.text, doNotPublish: false };
  });
}

/** Sanitise, group and render, as the CLI does (for the github-release pack, with mentions neutralised). */
function render(template: Template, notes: readonly ReleaseNote[], mentions: boolean): string {
  const sanitized = sanitizeNotes(notes, { mentions }).notes;
  return template(createRenderContext(sanitized, { release: RELEASE, highlights: buildHighlights(sanitized) }));
}

function makePullRequest(number: number, body: string, labels: string[]): PullRequest {
  return {
    number,
    title: `PR ${number}`,
    body,
    labels,
    author: { login: `dev${number}`, url: `https://github.com/dev${number}` },
    url: `https://github.com/acme/widget/pull/${number}`,
    mergedAt: null,
    mergeCommit: null,
    baseRef: null,
  };
}

const packs = listBuiltinPacks();
const templates = new Map<string, Template>();

beforeAll(async () => {
  for (const name of packs) {
    const pack = await loadTemplatePack(name);
    templates.set(name, compileTemplate(pack.main, { name: pack.mainFile, partials: pack.partials }));
  }
});

describe('no note text can change the changelog structure (property)', () => {
  it('lists the built-in packs it checks', () => {
    expect(packs).toContain('kubernetes');
  });

  it.each(packs)(
    'pack %s: the rendered changelog, read as GFM, has exactly the headings, list items and credits the template wrote, no footnote, no raw HTML and only http, https and mailto URLs',
    (name) => {
      const template = templates.get(name) as Template;
      const mentions = name !== 'github-release';
      const started = performance.now();
      fc.assert(
        fc.property(fc.array(noteInput, { minLength: 1, maxLength: 5 }), (inputs) => {
          const notes = notesOf(inputs);
          // The same notes with a harmless text: what the template alone decides.
          const plain = notes.map((note) => ({ ...note, text: 'Plain words.' }));
          expect(outline(render(template, notes, mentions))).toEqual(outline(render(template, plain, mentions)));
        }),
        { numRuns: RUNS },
      );
      console.info(`property (${name}): ${RUNS} runs in ${Math.round(performance.now() - started)} ms`);
    },
    120_000,
  );
});
