#!/usr/bin/env node
// Render benchmark: 10,000 generated notes through the kubernetes pack (compileTemplate:
// strict mode, wrapped helpers, own Handlebars instance) beside a plain Handlebars.compile
// of the same template, partials and helpers over the same context.
// usage: npx tsc -b && node scripts/bench-render.mjs [NOTES] [RUNS]
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { compileTemplate, createRenderContext, markdownHelpers } from '../packages/core/dist/index.js';
import { loadTemplatePack } from '../templates/dist/index.js';

const require = createRequire(new URL('../packages/core/package.json', import.meta.url));
const Handlebars = require('handlebars');

const count = Number(process.argv[2] ?? 10_000);
const runs = Number(process.argv[3] ?? 15);

const KINDS = [
  'bug',
  'feature',
  'api-change',
  'cleanup',
  'deprecation',
  'documentation',
  'failing-test',
  'regression',
  'flake',
  'design',
];
const SIGS = ['api-machinery', 'apps', 'auth', 'cli', 'network', 'node', 'scheduling', 'storage', 'testing', 'windows'];

/** Deterministic invented notes: a mix of kinds, SIG counts, multi-line texts and urgent notes. */
function generateNotes(n) {
  const notes = [];
  for (let i = 0; i < n; i++) {
    const pr = 100_000 + i;
    const lines = 1 + (i % 4);
    const text = Array.from(
      { length: lines },
      (_, l) => `${l === 0 ? 'changed' : 'and also'} widget behaviour number ${i}.${l} with \`code\``,
    ).join('\n');
    notes.push({
      pr,
      prUrl: `https://github.com/example/widget/pull/${pr}`,
      title: `PR ${pr}`,
      text,
      author: { login: `user${i % 97}`, url: `https://github.com/user${i % 97}` },
      commit: null,
      mergedAt: null,
      kinds: i % 11 === 0 ? [] : [KINDS[i % KINDS.length], ...(i % 5 === 0 ? [KINDS[(i + 3) % KINDS.length]] : [])],
      sigs: SIGS.slice(i % SIGS.length, (i % SIGS.length) + (i % 4)),
      areas: [],
      stage: null,
      stageChange: null,
      features: [],
      actionRequired: i % 50 === 0,
      docs: [],
      highlight: false,
      doNotPublish: i % 40 === 0,
      dataFields: {},
      provenance: {},
    });
  }
  return notes;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs the functions in turn, `runs` times each, so that both meet the same GC pressure; median ms of each. */
function timeInTurn(fns) {
  const times = fns.map(() => []);
  for (let i = 0; i < runs; i++) {
    fns.forEach((fn, j) => {
      const start = performance.now();
      fn();
      times[j].push(performance.now() - start);
    });
  }
  return times.map(median);
}

const notes = generateNotes(count);
const pack = await loadTemplatePack('kubernetes');

const [contextMs] = timeInTurn([() => createRenderContext(notes)]);
const context = createRenderContext(notes);

const relnotes = compileTemplate(pack.main, {
  name: pack.mainFile,
  partials: pack.partials,
  partialFiles: pack.partialFiles,
});
const plainEnv = Handlebars.create();
for (const [name, fn] of Object.entries(markdownHelpers)) plainEnv.registerHelper(name, fn);
for (const [name, source] of Object.entries(pack.partials)) plainEnv.registerPartial(name, source);
const plain = plainEnv.compile(pack.main, { noEscape: true });

// Warm up both (the first call compiles) and check they agree.
const expected = plain(context);
if (relnotes(context) !== expected) throw new Error('the two renderings differ');

for (let i = 0; i < 3; i++) {
  relnotes(context);
  plain(context);
}
const [oursMs, theirsMs] = timeInTurn([() => relnotes(context), () => plain(context)]);
const ratio = oursMs / theirsMs;
console.log(
  `notes: ${count} (${context.stats.notes} published), runs: ${runs}, output: ${(expected.length / 1024).toFixed(0)} KiB`,
);
console.log(`createRenderContext:        ${contextMs.toFixed(1)} ms`);
console.log(`kubernetes pack (relnotes): ${oursMs.toFixed(1)} ms`);
console.log(`plain Handlebars.compile:   ${theirsMs.toFixed(1)} ms`);
console.log(`ratio: ${ratio.toFixed(2)}x (goal: within 1.5x)`);
