#!/usr/bin/env node
// Times the feature-stage work of one release: read every kep.yaml and build the index, then link and
// resolve the stages of the release's notes. Goal: under 1 s for the 651 KEPs of kubernetes/enhancements.
//
// usage: node scripts/bench-features.mjs [ENHANCEMENTS_DIR] [NOTES_JSON] [RELEASE]
// (defaults: ../shared/data/kubernetes/enhancements, its release-1.29 notes, v1.29). Run `npx tsc -b` first.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFeatureIndex } from '../packages/cli/dist/features/load-feature-index.js';
import { resolveStages } from '../packages/core/dist/index.js';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const data = resolve(root, '../shared/data/kubernetes');
const [
  kepsDir = join(data, 'enhancements'),
  notesFile = join(data, 'release-1.29/release-notes-draft.json'),
  release = 'v1.29',
] = process.argv.slice(2);
if (!existsSync(kepsDir) || !existsSync(notesFile)) {
  console.error(`bench-features: needs an enhancements checkout and a release's krel JSON; not found:
  ${existsSync(kepsDir) ? notesFile : kepsDir}
usage: node scripts/bench-features.mjs [ENHANCEMENTS_DIR] [NOTES_JSON] [RELEASE]
(the defaults are the real Kubernetes data in ../shared/data, beside this checkout)`);
  process.exit(2);
}

/** A krel JSON note, reduced to the fields stage resolution reads. */
function toNote(krel) {
  return {
    pr: krel.pr_number,
    prUrl: krel.pr_url ?? '',
    title: '',
    text: krel.text ?? '',
    author: { login: krel.author ?? '', url: krel.author_url ?? '' },
    commit: krel.commit ?? null,
    mergedAt: null,
    kinds: krel.kinds ?? [],
    sigs: krel.sigs ?? [],
    areas: krel.areas ?? [],
    stage: null,
    stageChange: null,
    features: [],
    actionRequired: Boolean(krel.action_required),
    docs: (krel.documentation ?? []).map((d) => ({
      url: d.url ?? '',
      description: d.description ?? '',
      type: d.type ?? 'external',
    })),
    highlight: false,
    doNotPublish: Boolean(krel.do_not_publish),
    dataFields: {},
    provenance: {},
  };
}

const notes = Object.values(JSON.parse(await readFile(notesFile, 'utf8'))).map(toNote);
const start = performance.now();
const index = await loadFeatureIndex({ kepsDir });
const indexed = performance.now();
const { notes: resolved } = resolveStages(notes, { index, release });
const done = performance.now();

const staged = resolved.filter((n) => n.stageChange !== null).length;
const linked = resolved.filter((n) => n.features.length > 0).length;
console.log(
  `${index.features.length} KEPs read and indexed in ${(indexed - start).toFixed(0)} ms (${index.diagnostics.length} diagnostics)`,
);
console.log(
  `${notes.length} notes of ${release} resolved in ${(done - indexed).toFixed(0)} ms: ${linked} linked, ${staged} with a stage change`,
);
console.log(`total ${(done - start).toFixed(0)} ms (goal < 1000 ms)`);
