import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DocType, ReleaseNote } from '../model.js';
import { buildFeatureIndex } from './feature-index.js';
import { resolveStages } from './resolve-stages.js';
import { makeNote } from './test-helpers/fixtures.js';

// The real kubernetes/enhancements KEPs and release notes, when this machine has them.
const DATA = process.env.RELNOTES_DATA ?? join(import.meta.dirname, '../../../../../shared/data/kubernetes');
const present = existsSync(join(DATA, 'enhancements/keps'));

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : name === 'kep.yaml' ? [path] : [];
  });

interface KrelNote {
  pr_number: number;
  text: string;
  documentation?: { url: string; description?: string; type?: DocType }[] | null;
  do_not_publish?: boolean;
}
interface TruthNote {
  pr_number: number;
  kep_stage: string | null;
  text_stage: string | null;
  garbage_text?: boolean;
  do_not_publish?: boolean;
}

describe.skipIf(!present)('the real KEPs of kubernetes/enhancements', () => {
  const index = present
    ? buildFeatureIndex(
        walk(join(DATA, 'enhancements/keps')).map((path) => ({ path, source: readFileSync(path, 'utf8') })),
      )
    : null;

  it('reads all 651 KEPs without crashing, and reports the known oddities', () => {
    expect(index?.features).toHaveLength(651);
    const rules = (index?.diagnostics ?? []).map((d) => d.ruleId);
    expect(rules.filter((r) => r === 'kep-duplicate-number')).toHaveLength(1);
    expect(rules.filter((r) => r === 'kep-date')).toHaveLength(2);
    expect(rules).not.toContain('kep-yaml');
    expect(
      index?.byKep
        .get(1432)
        ?.stages.filter((s) => s.stage === 'alpha')
        .map((s) => s.release),
    ).toEqual(['v1.21', 'v1.37']);
  });

  it.each(['1.28', '1.29'])(
    'finds the stage changes of v%s: recall and precision at least 0.9, over-claiming at most 0.1',
    (release) => {
      if (!index) throw new Error('the KEPs were not read');
      const krel = JSON.parse(
        readFileSync(join(DATA, `release-${release}/release-notes-draft.json`), 'utf8'),
      ) as Record<string, KrelNote>;
      const truth = JSON.parse(readFileSync(join(DATA, `stage-truth/stage-truth-${release}.json`), 'utf8')) as {
        notes: TruthNote[];
      };
      const notes: ReleaseNote[] = Object.values(krel).map((n) =>
        makeNote({
          pr: n.pr_number,
          text: n.text,
          docs: (n.documentation ?? []).map((d) => ({
            url: d.url,
            description: d.description ?? '',
            type: d.type ?? 'external',
          })),
          doNotPublish: n.do_not_publish === true,
        }),
      );
      const resolved = new Map(
        resolveStages(notes, { index, release: `v${release}` }).notes.map((n) => [n.pr, n.stageChange]),
      );
      const usable = truth.notes.filter((n) => !n.garbage_text && !n.do_not_publish);
      const determinable = usable.filter((n) => n.kep_stage !== null);
      const right = determinable.filter((n) => resolved.get(n.pr_number) === n.kep_stage).length;
      const claimed = determinable.filter((n) => resolved.get(n.pr_number) != null).length;
      const quiet = usable.filter((n) => n.kep_stage === null && !n.text_stage);
      const over = quiet.filter((n) => resolved.get(n.pr_number) != null).length;
      expect(right / determinable.length).toBeGreaterThanOrEqual(0.9);
      expect(right / claimed).toBeGreaterThanOrEqual(0.9);
      expect(over / quiet.length).toBeLessThanOrEqual(0.1);
    },
  );
});
