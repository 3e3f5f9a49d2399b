import {
  buildReleaseNotes,
  createRenderContext,
  type ReleaseNote,
  renderHtmlPage,
  sanitizeNotes,
} from '@relnotes/core';
import { describe, expect, it } from 'vitest';
// Shared with scripts/bench-pathological.mjs, which prints the time of each case.
import { pathologicalBodies, pathologicalNotes } from '../../../../scripts/pathological-cases.mjs';
import { builtinTemplate, makeNote, makePullRequest } from './test-helpers/pipeline.js';

// "Well under a second" each on a developer machine (see the bench); the bound here leaves room for slow CI.
const LIMIT_MS = 2_000;

async function renderAll(notes: readonly ReleaseNote[]) {
  const sanitized = sanitizeNotes(notes);
  const markdown = (await builtinTemplate('kubernetes'))(createRenderContext(sanitized.notes));
  return { notes: sanitized.notes, markdown, html: renderHtmlPage(markdown, { title: 'Notes' }) };
}

/** Top-level list items of the rendered changelog: lines that start with `- `. */
function noteLines(markdown: string): number {
  return markdown.split('\n').filter((line) => line.startsWith('- ')).length;
}

describe('pathological PR bodies', () => {
  it.each(pathologicalBodies().map((entry) => [entry.name, entry.body] as const))(
    '%s: extracted, sanitised and rendered quickly, as one note at most',
    async (_, body) => {
      const started = performance.now();
      const built = buildReleaseNotes([makePullRequest(1, body)]);
      const out = await renderAll(built.notes);
      const elapsed = performance.now() - started;
      expect(built.notes).toHaveLength(1);
      expect(noteLines(out.markdown)).toBeLessThanOrEqual(1);
      expect(out.markdown.split('\n').filter((line) => line.startsWith('#'))).toEqual(
        noteLines(out.markdown) === 1 ? ['## Changes by Kind', '### Bug or Regression'] : [],
      );
      // No note outgrows GitHub's PR body limit once sanitised.
      expect(out.notes[0]?.text.length ?? 0).toBeLessThanOrEqual(65_536);
      expect(out.html).toContain('</html>');
      expect(elapsed).toBeLessThan(LIMIT_MS);
    },
  );

  it('a body over 65,536 characters is read up to the limit, with a diagnostic', () => {
    const [first] = pathologicalBodies();
    const built = buildReleaseNotes([makePullRequest(7, first?.body ?? '')]);
    expect(built.notes[0]?.text).toBe('Gizmos resize.');
    expect(built.diagnostics).toContainEqual(expect.objectContaining({ ruleId: 'body-too-long', pr: 7 }));
  });
});

describe('pathological note texts (override files, krel JSON)', () => {
  it.each(pathologicalNotes().map((entry) => [entry.name, entry.text] as const))(
    '%s: sanitised and rendered quickly as one list item',
    async (_, text) => {
      const started = performance.now();
      const out = await renderAll([makeNote(1, text)]);
      const elapsed = performance.now() - started;
      expect(noteLines(out.markdown)).toBe(1);
      expect(out.notes[0]?.text.length).toBeLessThanOrEqual(10_000);
      expect(out.html).toContain('</html>');
      expect(elapsed).toBeLessThan(LIMIT_MS);
    },
  );
});
