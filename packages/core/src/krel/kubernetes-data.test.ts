// Checks against the real Kubernetes release-notes files in ../shared/data (skipped when absent).
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sectionOf } from '../classify/section-of.js';
import { formatNoteMarkdown } from './format-note-markdown.js';
import { notesFromKrelJson } from './notes-from-krel-json.js';

const dataDir = new URL('../../../../../shared/data/kubernetes/', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, dataDir), 'utf8');

// The headings under which each PR appears in krel's Markdown draft.
function headingsByPr(markdown: string): Map<number, string[]> {
  const result = new Map<number, string[]>();
  let heading = '';
  for (const line of markdown.split('\n')) {
    if (line.startsWith('## ') || line.startsWith('### ')) heading = line.replace(/^#+ /, '');
    const start = line.indexOf('([#');
    if (start === -1) continue;
    const pr = Number.parseInt(line.slice(start + 3), 10);
    result.set(pr, [...(result.get(pr) ?? []), heading]);
  }
  return result;
}

describe.skipIf(!existsSync(dataDir))('real Kubernetes krel files', () => {
  const files = [
    ['release-1.28/release-notes-draft.json', 316, 26, 5],
    ['release-1.29/release-notes-draft.json', 315, 41, 3],
    ['v1.22.7/release-notes.json', 6, 0, 0],
  ] as const;

  it('loads every note, in the file order', () => {
    for (const [path, count, doNotPublish, actionRequired] of files) {
      const text = read(path);
      const { notes, diagnostics } = notesFromKrelJson(text, { file: path });
      expect(notes).toHaveLength(count);
      expect(notes.filter((note) => note.doNotPublish)).toHaveLength(doNotPublish);
      expect(notes.filter((note) => note.actionRequired)).toHaveLength(actionRequired);
      expect(diagnostics.filter((diagnostic) => diagnostic.ruleId === 'krel-unknown-kind')).toEqual([]);
      // Go writes map keys sorted as strings, so "94021" comes after "119434".
      const written = Object.keys(JSON.parse(text) as object).sort();
      expect(notes.map((note) => String(note.pr))).toEqual(written);
    }
  });

  it('writes the same markdown as krel for the v1.22.7 notes', () => {
    const text = read('v1.22.7/release-notes.json');
    const raw = JSON.parse(text) as Record<string, { markdown: string }>;
    for (const note of notesFromKrelJson(text).notes) {
      expect(formatNoteMarkdown(note)).toBe(raw[String(note.pr)]?.markdown);
    }
  });

  it('files published notes under the sections of krel’s drafts', () => {
    for (const release of ['release-1.28', 'release-1.29']) {
      const { notes } = notesFromKrelJson(read(`${release}/release-notes-draft.json`));
      const headings = headingsByPr(read(`${release}/release-notes-draft.md`));
      const differing: number[] = [];
      let compared = 0;
      for (const note of notes) {
        const found = headings.get(note.pr);
        if (found === undefined) continue;
        compared++;
        const { urgent, section } = sectionOf(note);
        const matches = urgent
          ? found.some((heading) => heading.includes('Urgent') || heading.includes('MUST read'))
          : found.includes(section);
        if (!matches) differing.push(note.pr);
      }
      expect(compared).toBeGreaterThan(270);
      // krel files an action-required note with several kinds under a kind; relnotes keeps it urgent.
      for (const pr of differing) {
        expect(notes.find((note) => note.pr === pr)).toMatchObject({ actionRequired: true });
      }
      expect(differing.length).toBeLessThanOrEqual(1);
    }
  });
});
