import { createRenderContext, sanitizeNotes } from '@relnotes/core';
import { describe, expect, it } from 'vitest';
import { MAX_RELEASE_BODY, truncateReleaseBody } from '../../../github/src/draft-release.js';
import { builtinTemplate, makeNote } from './test-helpers/pipeline.js';

const URL = 'https://github.com/acme/widget/actions/runs/42';

/** About 2,500 notes, some of them multi-line, with lists and fences that hold `- ` lines. */
function manyNotes() {
  return Array.from({ length: 2_500 }, (_, index) => {
    const pr = 1_000 + index;
    const text =
      index % 5 === 0
        ? `Widgets number ${index} changed:\n- first part\n- second part\n\n\`\`\`\n- not a note either\n\`\`\``
        : `Changed widget behaviour number ${index} so that gizmos resize ${'smoothly '.repeat(6)}`;
    return makeNote(pr, text, { kinds: index % 3 === 0 ? ['feature'] : ['bug'], sigs: ['node'] });
  });
}

describe('a rendered GitHub release body over 125,000 characters', () => {
  it.each(['kubernetes', 'github-release'])(
    '%s pack: is cut at a note boundary, within the limit, with a visible "truncated, see …" line',
    async (pack) => {
      const notes = sanitizeNotes(manyNotes()).notes;
      const body = (await builtinTemplate(pack))(createRenderContext(notes, { release: { version: 'v1.2.0' } }));
      expect(body.length).toBeGreaterThan(MAX_RELEASE_BODY);

      const cut = truncateReleaseBody(body, URL);
      expect(cut.truncated).toBe(true);
      expect(cut.body.length).toBeLessThanOrEqual(MAX_RELEASE_BODY);
      const notice = `\n\n_Truncated: see the full notes at ${URL}_\n`;
      expect(cut.body.endsWith(notice)).toBe(true);

      // What is kept is the body up to the start of a note: no note is cut in half.
      const kept = cut.body.slice(0, -notice.length);
      expect(body.startsWith(kept)).toBe(true);
      expect(body.slice(kept.length).trimStart().startsWith('- ')).toBe(true);
      expect(kept.length).toBeGreaterThan(MAX_RELEASE_BODY - 2_000);
    },
  );
});
