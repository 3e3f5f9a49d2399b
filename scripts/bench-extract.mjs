#!/usr/bin/env node
// Extraction benchmark: extractNote over a typical PR body and over hostile 1 MB bodies
// (link openers, nested quotes and lists, many lines, an unclosed fence). Reports the worst run.
// usage: npx tsc -b && node scripts/bench-extract.mjs [RUNS]
import { performance } from 'node:perf_hooks';
import { extractNote } from '../packages/core/dist/index.js';

const runs = Number(process.argv[2] ?? 5);
const MB = 1024 * 1024;
const note = '```release-note\nGizmos now resize without a restart.\n```\n';
const bodies = {
  typical: `#### What this PR does\n\nResizes gizmos.\n\n<!--\nWrite NONE if not user-facing.\n-->\n${note}\n\`\`\`docs\n- [KEP]: https://kep.k8s.io/1\n\`\`\`\n`,
  'link openers': note + '[a]('.repeat(MB / 4),
  'nested quotes': note + '>'.repeat(MB),
  'nested lists': note + '- '.repeat(MB / 2),
  'list lines': note + '- a\n'.repeat(MB / 4),
  'blank lines': note + '\n'.repeat(MB),
  'fence lines': note + '```\n'.repeat(MB / 4),
  'unclosed fence': `\`\`\`release-note\n${'x\n'.repeat(MB / 2)}`,
  'NUL bytes': note + '\u0000'.repeat(MB),
  'deep note': `\`\`\`release-note\n${'- '.repeat(4000)}x\n\`\`\`\n`,
};
let worst = 0;
for (const [name, body] of Object.entries(bodies)) {
  let slowest = 0;
  let status = '';
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    status = extractNote(body).status;
    slowest = Math.max(slowest, performance.now() - start);
  }
  worst = Math.max(worst, slowest);
  console.log(
    `${name.padEnd(16)} ${(body.length / 1024).toFixed(0).padStart(5)} KiB  ${slowest.toFixed(1).padStart(7)} ms  ${status}`,
  );
}
console.log(`worst: ${worst.toFixed(1)} ms`);
