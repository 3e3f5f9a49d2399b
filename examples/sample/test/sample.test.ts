import { readFileSync } from 'node:fs';
import { DEFAULT_RULES } from '@relnotes/core';
import { describe, expect, it } from 'vitest';

// Guards the sample's coverage: each case the README promises must stay in prs.json.

interface RestPull {
  number: number;
  title: string;
  body: string;
  labels: { name: string }[];
  user: { login: string; html_url: string };
  html_url: string;
  state: string;
  merged_at: string;
  merge_commit_sha: string;
  base: { ref: string };
  updated_at: string;
}

const read = (file: string): string => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
const prs = JSON.parse(read('prs.json')) as RestPull[];
const features = read('features.yaml');

function pr(number: number): RestPull {
  const found = prs.find((p) => p.number === number);
  if (!found) throw new Error(`PR #${number} is missing from prs.json`);
  return found;
}
const labels = (number: number): string[] => pr(number).labels.map((l) => l.name);
const kinds = (number: number): string[] => labels(number).filter((l) => l.startsWith('kind/'));

/** The text of the first release-note fence of a body, found by a line scan (the sample's own fences only). */
function firstNote(body: string): string | null {
  const lines = body.split(/\r?\n/);
  const start = lines.findIndex((l) => /^(`{3,}|~{3,})release-note\s*$/i.test(l));
  if (start < 0) return null;
  const fence = (lines[start] ?? '').slice(0, (lines[start] ?? '').search(/[a-z]/i));
  const end = lines.findIndex((l, i) => i > start && l.trim() === fence);
  return lines.slice(start + 1, end).join('\n');
}

describe('examples/sample/prs.json', () => {
  it('holds 36 to 40 merged PRs with unique numbers in the REST shape', () => {
    expect(prs.length).toBeGreaterThanOrEqual(36);
    expect(prs.length).toBeLessThanOrEqual(40);
    expect(new Set(prs.map((p) => p.number)).size).toBe(prs.length);
    for (const p of prs) {
      expect(p.state).toBe('closed');
      expect(p.merge_commit_sha).toMatch(/^[0-9a-f]{40}$/);
      expect(p.merged_at >= '2026-10-01T00:00:00Z' && p.merged_at < '2026-12-01T00:00:00Z').toBe(true);
      expect(p.html_url).toBe(`https://github.com/harbormaster-dev/harbormaster/pull/${p.number}`);
      expect(p.user.html_url.startsWith('https://github.com/')).toBe(true);
    }
  });

  it('has a PR for every kind of the Kubernetes sections, one without a kind and one with two', () => {
    const used = new Set(prs.flatMap((p) => kinds(p.number)));
    for (const kind of DEFAULT_RULES.sections.flatMap((s) => s.kinds)) expect(used).toContain(`kind/${kind}`);
    expect(kinds(2481)).toEqual([]);
    expect(kinds(2409).sort()).toEqual(['kind/api-change', 'kind/feature']);
    expect(kinds(2466)).toEqual(['kind/regression']);
  });

  it('marks action-required notes by label, by prefix, and by both', () => {
    expect(labels(2405)).toContain('release-note-action-required');
    expect(firstNote(pr(2405).body)?.startsWith('ACTION REQUIRED:')).toBe(true);
    expect(labels(2455)).toContain('release-note-action-required');
    expect(firstNote(pr(2455).body)?.toLowerCase()).not.toContain('action required');
    expect(labels(2474)).not.toContain('release-note-action-required');
    expect(firstNote(pr(2474).body)?.startsWith('ACTION REQUIRED:')).toBe(true);
  });

  it('has NONE-style, missing and empty notes', () => {
    expect(firstNote(pr(2491).body)).toBe('NONE');
    expect(firstNote(pr(2494).body)).toBe('None.');
    expect(firstNote(pr(2497).body)).toBe('N/A');
    expect(firstNote(pr(2503).body)).toBe('"NONE"');
    expect(labels(2500)).toContain('release-note-none');
    expect(firstNote(pr(2500).body)?.length).toBeGreaterThan(20);
    expect(firstNote(pr(2488).body)).toBeNull();
    expect(pr(2488).user.login).toBe('dependabot[bot]');
    expect(firstNote(pr(2506).body)).toBe('');
  });

  it('has the awkward fences and bodies the extractor must accept', () => {
    expect(pr(2452).body).toContain('```release-note\r\n');
    expect(pr(2452).body.replaceAll('\r\n', '')).not.toContain('\n');
    expect(pr(2427).body).toContain('\n```Release-Note \n');
    expect(pr(2434).body).toContain('\n~~~release-note\n');
    expect(firstNote(pr(2431).body)).toContain('```yaml\n');
    expect(firstNote(pr(2423).body)).toContain('\n- `hmctl fleet cordon NAME`');
    expect(pr(2462).body).toContain('```console\n');
    expect(pr(2509).body.split('```release-note\n').length).toBe(3);
  });

  it('has an automated cherry-pick on the release branch', () => {
    expect(pr(2537).title.startsWith('Automated cherry pick of #2533: ')).toBe(true);
    expect(pr(2537).base.ref).toBe('release-0.5');
    expect(pr(2537).body).toContain('/assign d-santoro');
  });

  it('tells the feature-stage stories that features.yaml records', () => {
    const stories: [number, string, string][] = [
      [2409, '`PodSnapshot` feature gate (alpha', '/issues/41'],
      [2412, '`TopologySpreadV2` feature gate is promoted to beta', '/issues/27'],
      [2416, '`QuotaPreemption` feature gate is locked', '/issues/15'],
      [2401, '`--legacy-scheduler` flag', '/issues/52'],
    ];
    for (const [number, words, issue] of stories) {
      expect(pr(number).body).toContain(words);
      expect(pr(number).body).toContain(`- [KEP]: https://github.com/harbormaster-dev/enhancements${issue}`);
      expect(features).toContain(`issue: https://github.com/harbormaster-dev/enhancements${issue}`);
    }
    expect(firstNote(pr(2448).body)).toContain('`NodeDrainBudget` feature gate');
    expect(features).toContain('gates: [NodeDrainBudget]');
    expect(firstNote(pr(2419).body)).toContain('promoted to stable');
    expect(pr(2419).body).not.toContain('- [KEP]: https://');
  });
});
