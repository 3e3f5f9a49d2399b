// Checks the real Kubernetes override files in ../shared/data (skipped when absent).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { notesFromKrelJson } from '../krel/notes-from-krel-json.js';
import type { Diagnostic, ReleaseNote } from '../model.js';
import { applyOverrides } from './apply-overrides.js';
import type { NoteOverride } from './note-override.js';
import { parseOverrideFile } from './parse-override-file.js';

const dataDir = new URL('../../../../../shared/data/kubernetes/', import.meta.url);
const conformanceLib = new URL('../../../../../shared/conformance/lib.mjs', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, dataDir), 'utf8');
const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();
// krel capitalises the first letter of each rendered note.
const rendered = (text: string) => {
  const flat = normalize(text);
  return flat.charAt(0).toUpperCase() + flat.slice(1);
};

type ParseChangelog = (markdown: string) => Map<string, { pr: number | null; text: string }[]>;

/** The published text of each note of krel's Markdown draft, read by the conformance scripts' parser. */
async function publishedTexts(markdown: string): Promise<Map<number, string>> {
  const { parseChangelog } = (await import(conformanceLib.href)) as { parseChangelog: ParseChangelog };
  const result = new Map<number, string>();
  for (const items of parseChangelog(markdown).values()) {
    for (const item of items) if (item.pr !== null) result.set(item.pr, item.text);
  }
  return result;
}

function loadMaps(release: string): { overrides: NoteOverride[]; diagnostics: Diagnostic[]; files: number } {
  const files = readdirSync(new URL(`${release}/maps/`, dataDir)).sort();
  const overrides: NoteOverride[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const name of files) {
    const parsed = parseOverrideFile(read(`${release}/maps/${name}`), `${release}/maps/${name}`);
    overrides.push(...parsed.overrides);
    diagnostics.push(...parsed.diagnostics);
  }
  return { overrides, diagnostics, files: files.length };
}

describe.skipIf(!existsSync(dataDir) || !existsSync(conformanceLib))('real Kubernetes override files', () => {
  const releases = [
    // release, files, reproduced, then the misses: the draft shows the note as it was before the map
    // (the map was edited after the draft was generated), the draft was edited by hand (wording, a
    // Markdown list flattened), the PR merged after the draft was generated
    ['release-1.28', 190, 171, 16, 3, 0],
    ['release-1.29', 246, 229, 13, 2, 1],
  ] as const;

  it.each(releases)(
    '%s: every file loads, and applying them reproduces the published texts',
    async (release, count, reproduced, stale, edited, later) => {
      const { overrides, diagnostics, files } = loadMaps(release);
      expect(files).toBe(count);
      expect(overrides).toHaveLength(count);
      expect(diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);

      const { notes: original } = notesFromKrelJson(read(`${release}/release-notes-draft.json`));
      const applied = applyOverrides(original, overrides);
      const unknown = applied.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'override-unknown-pr');
      expect(applied.diagnostics).toEqual(unknown);
      expect(unknown.map((diagnostic) => diagnostic.file)).toEqual(
        release === 'release-1.29' ? ['release-1.29/maps/pr-120777-map.yaml'] : [],
      );

      const published = await publishedTexts(read(`${release}/release-notes-draft.md`));
      const byPr = (notes: readonly ReleaseNote[], pr: number) => notes.find((note) => note.pr === pr);
      let same = 0;
      let predates = 0;
      let handEdited = 0;
      let absent = 0;
      for (const override of overrides) {
        const note = byPr(applied.notes, override.pr);
        if (note === undefined) continue;
        const text = published.get(override.pr);
        if (note.doNotPublish) {
          expect(text).toBeUndefined();
          same++;
        } else if (text === undefined) {
          absent++;
        } else if (text === rendered(note.text)) {
          same++;
        } else if (text === rendered(byPr(original, override.pr)?.text ?? '')) {
          predates++;
        } else {
          handEdited++;
        }
      }
      console.info(`${release}: ${same} of ${overrides.length} mapped PRs reproduce the published text`);
      expect([same, predates, handEdited, absent]).toEqual([reproduced, stale, edited, later]);
    },
  );
});
