#!/usr/bin/env node
// Times every pathological case (scripts/pathological-cases.mjs) through extraction, sanitising, the
// kubernetes pack and the HTML page, and prints the slowest. usage: npx tsc -b && node scripts/bench-pathological.mjs
import { performance } from 'node:perf_hooks';
import {
  buildReleaseNotes,
  compileTemplate,
  createRenderContext,
  renderHtmlPage,
  sanitizeNotes,
} from '../packages/core/dist/index.js';
import { loadTemplatePack } from '../templates/dist/index.js';
import { pathologicalBodies, pathologicalNotes } from './pathological-cases.mjs';

const pack = await loadTemplatePack('kubernetes');
const template = compileTemplate(pack.main, { partials: pack.partials });

const pr = (body) => ({
  number: 1,
  title: 'PR 1',
  body,
  labels: ['kind/bug', 'sig/node'],
  author: { login: 'dev', url: 'https://github.com/dev' },
  url: 'https://github.com/acme/widget/pull/1',
  mergedAt: null,
  mergeCommit: null,
  baseRef: null,
});

function run(notes) {
  const sanitized = sanitizeNotes(notes).notes;
  const markdown = template(createRenderContext(sanitized));
  return renderHtmlPage(markdown, { title: 'Notes' });
}

const cases = [
  ...pathologicalBodies().map(({ name, body }) => ({ name, go: () => run(buildReleaseNotes([pr(body)]).notes) })),
  ...pathologicalNotes().map(({ name, text }) => {
    const note = { ...buildReleaseNotes([pr('```release-note\nx\n```')]).notes[0], text };
    return { name: `note: ${name}`, go: () => run([note]) };
  }),
];

let slowest = { name: '', ms: 0 };
for (const { name, go } of cases) {
  go(); // warm-up
  const started = performance.now();
  go();
  const ms = performance.now() - started;
  if (ms > slowest.ms) slowest = { name, ms };
  console.log(`${ms.toFixed(1).padStart(8)} ms  ${name}`);
}
console.log(`slowest: ${slowest.ms.toFixed(1)} ms (${slowest.name})`);
