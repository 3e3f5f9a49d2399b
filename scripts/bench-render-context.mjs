#!/usr/bin/env node
// Re-render benchmark: `relnotes render --context` on a 3,000-note saved context, as a cold process
// (what the release-notes lead waits for after each edit). Goal: median under 500 ms.
// Builds the context with `relnotes generate --save-context` from invented pull requests (with a
// features.yaml, so stages are re-resolved on render), then times 5 cold renders.
// usage: npx tsc -b && node scripts/bench-render-context.mjs [NOTES] [RUNS]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const count = Number(process.argv[2] ?? 3000);
const runs = Number(process.argv[3] ?? 5);
const bin = fileURLToPath(new URL('../packages/cli/dist/bin.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'relnotes-bench-context-'));

const KINDS = ['bug', 'feature', 'api-change', 'cleanup', 'deprecation', 'documentation', 'failing-test', 'flake'];
const SIGS = ['api-machinery', 'apps', 'auth', 'cli', 'network', 'node', 'scheduling', 'storage', 'testing'];
const GATES = Array.from({ length: 40 }, (_, i) => `WidgetGate${i}`);

/** Invented PRs: a mix of kinds, SIGs, multi-line notes, gates in backticks, NONE notes, urgent notes. */
function pullRequests(n) {
  return Array.from({ length: n }, (_, i) => {
    const number = 200_000 + i;
    const gate = i % 15 === 0 ? ` The \`${GATES[i % GATES.length]}\` feature gate is promoted to beta.` : '';
    const lines = Array.from({ length: 1 + (i % 3) }, (_, l) => `Widget change ${i}.${l} with \`code\`.`);
    const note = i % 37 === 0 ? 'NONE' : `${i % 60 === 0 ? 'ACTION REQUIRED: ' : ''}${lines.join('\n')}${gate}`;
    const labels = [
      ...(i % 13 === 0 ? [] : [`kind/${KINDS[i % KINDS.length]}`]),
      ...SIGS.slice(i % SIGS.length, (i % SIGS.length) + 1 + (i % 3)).map((sig) => `sig/${sig}`),
    ];
    return {
      number,
      title: `Change widgets, part ${i}`,
      body: `#### What this PR does\n\nSomething.\n\n\`\`\`release-note\n${note}\n\`\`\`\n`,
      labels: labels.map((name) => ({ name })),
      author: { login: `dev${i % 211}` },
      mergedAt: '2026-01-01T00:00:00Z',
      url: `https://github.com/example/widgets/pull/${number}`,
    };
  });
}

function featuresYaml() {
  const lines = ['features:'];
  GATES.forEach((gate, i) => {
    lines.push(
      `  - id: widget-${i}`,
      `    title: Widget feature ${i}`,
      `    sig: ${SIGS[i % SIGS.length]}`,
      `    gates: [${gate}]`,
      `    issue: https://github.com/example/enhancements/issues/${i + 1}`,
      '    stages:',
      '      v1.0.0: alpha',
      '      v1.1.0: beta',
    );
  });
  return `${lines.join('\n')}\n`;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

try {
  const prs = join(dir, 'prs.json');
  const features = join(dir, 'features.yaml');
  const context = join(dir, 'context.json');
  const output = join(dir, 'notes.md');
  writeFileSync(prs, JSON.stringify(pullRequests(count)));
  writeFileSync(features, featuresYaml());
  execFileSync(
    process.execPath,
    [
      bin,
      'generate',
      '--input',
      prs,
      '--features',
      features,
      '--release',
      'v1.1.0',
      '--save-context',
      context,
      '--quiet',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const size = statSync(context).size;
  const times = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    execFileSync(process.execPath, [bin, 'render', '--context', context, '--output', output, '--quiet'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    times.push(performance.now() - started);
  }
  const ms = median(times);
  console.log(`render --context: ${count} notes, context ${(size / 1024 / 1024).toFixed(1)} MB, ${runs} cold runs`);
  console.log(`  runs: ${times.map((t) => `${t.toFixed(0)} ms`).join(', ')}`);
  console.log(`  median: ${ms.toFixed(0)} ms (goal: < 500 ms) ${ms < 500 ? 'OK' : 'OVER'}`);
  process.exitCode = ms < 500 ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
