#!/usr/bin/env node
// Times every pathological case (scripts/pathological-cases.mjs): the note itself (extraction from the PR
// body, then sanitising) and the output as the CLI makes it (render context, which sanitises once, the
// kubernetes pack, the HTML page). Prints the slowest of each.
// usage: npx tsc -b && node scripts/bench-pathological.mjs
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

const cases = [
  ...pathologicalBodies().map(({ name, body }) => ({ name, notes: () => buildReleaseNotes([pr(body)]).notes })),
  ...pathologicalNotes().map(({ name, text }) => {
    const note = { ...buildReleaseNotes([pr('```release-note\nx\n```')]).notes[0], text };
    return { name: `note: ${name}`, notes: () => [note] };
  }),
];

function time(run) {
  const started = performance.now();
  const result = run();
  return { result, ms: performance.now() - started };
}

const slowest = { note: { name: '', ms: 0 }, output: { name: '', ms: 0 } };
console.log('    note   output  (note: extract + sanitise; output: context + kubernetes pack + HTML page)');
for (const { name, notes } of cases) {
  const measure = () => {
    const note = time(() => sanitizeNotes(notes()));
    const raw = notes();
    const output = time(() => renderHtmlPage(template(createRenderContext(raw)), { title: 'Notes' }));
    return { note: note.ms, output: output.ms };
  };
  measure(); // warm-up
  const ms = measure();
  for (const key of ['note', 'output']) if (ms[key] > slowest[key].ms) slowest[key] = { name, ms: ms[key] };
  console.log(`${ms.note.toFixed(1).padStart(8)} ${ms.output.toFixed(1).padStart(8)}  ${name}`);
}
console.log(`slowest note: ${slowest.note.ms.toFixed(1)} ms (${slowest.note.name})`);
console.log(`slowest output: ${slowest.output.ms.toFixed(1)} ms (${slowest.output.name})`);
