import { describe, expect, it } from 'vitest';
import type { Extraction, PullRequest } from '../model.js';
import { type ClassificationRules, DEFAULT_RULES } from '../rules.js';
import { classifyNote } from './classify-note.js';

function pullRequest(overrides: Partial<PullRequest> = {}): PullRequest {
  return {
    number: 812,
    title: 'Teach the scheduler to count sheep',
    body: '(body)',
    labels: ['kind/feature', 'sig/scheduling', 'area/sheep'],
    author: { login: 'bo', url: 'https://github.com/bo' },
    url: 'https://github.com/example/farm/pull/812',
    mergedAt: '2026-05-01T09:00:00Z',
    mergeCommit: 'abc123',
    baseRef: 'main',
    ...overrides,
  };
}

function extraction(overrides: Partial<Extraction> = {}): Extraction {
  return {
    status: 'note',
    text: 'The scheduler counts sheep.',
    noneMarker: null,
    actionRequired: false,
    docs: [],
    diagnostics: [],
    ...overrides,
  };
}

describe('classifyNote', () => {
  it('builds a note from the PR, its labels and the extraction', () => {
    const docs = [{ url: 'https://example.org/sheep', description: 'Sheep guide', type: 'external' as const }];
    const note = classifyNote(pullRequest(), extraction({ docs }));
    expect(note).toMatchObject({
      pr: 812,
      prUrl: 'https://github.com/example/farm/pull/812',
      title: 'Teach the scheduler to count sheep',
      text: 'The scheduler counts sheep.',
      author: { login: 'bo', url: 'https://github.com/bo' },
      commit: 'abc123',
      mergedAt: '2026-05-01T09:00:00Z',
      kinds: ['feature'],
      sigs: ['scheduling'],
      areas: ['sheep'],
      stage: null,
      stageChange: null,
      features: [],
      actionRequired: false,
      docs,
      highlight: false,
      doNotPublish: false,
      dataFields: {},
    });
    expect(note.docs[0]).not.toBe(docs[0]);
    expect(note.provenance.kinds).toEqual([{ source: 'label', detail: 'label kind/feature', confidence: 1 }]);
    expect(note.provenance.sigs).toEqual([{ source: 'label', detail: 'label sig/scheduling', confidence: 1 }]);
    expect(note.provenance.text?.[0]?.source).toBe('text');
    expect(note.provenance.actionRequired).toBeUndefined();
    expect(note.provenance.doNotPublish).toBeUndefined();
  });

  it('sets action-required from the label or the marker, and records which', () => {
    const byLabel = classifyNote(pullRequest({ labels: ['release-note-action-required'] }), extraction());
    expect(byLabel.actionRequired).toBe(true);
    expect(byLabel.provenance.actionRequired).toEqual([
      { source: 'label', detail: 'label release-note-action-required', confidence: 1 },
    ]);
    const byMarker = classifyNote(pullRequest(), extraction({ actionRequired: true }));
    expect(byMarker.actionRequired).toBe(true);
    expect(byMarker.provenance.actionRequired?.map((entry) => entry.source)).toEqual(['text']);
  });

  it('does not publish notes that say none, are empty or missing, or carry release-note-none', () => {
    const none = classifyNote(pullRequest(), extraction({ status: 'none', text: null, noneMarker: 'N/A' }));
    expect(none).toMatchObject({ doNotPublish: true, text: '' });
    expect(none.provenance.doNotPublish?.[0]?.detail).toContain('N/A');
    expect(classifyNote(pullRequest(), extraction({ status: 'empty', text: null })).doNotPublish).toBe(true);
    expect(classifyNote(pullRequest(), extraction({ status: 'missing', text: null })).doNotPublish).toBe(true);
    const labelled = classifyNote(pullRequest({ labels: ['release-note-none'] }), extraction());
    expect(labelled.doNotPublish).toBe(true);
    expect(labelled.text).toBe('The scheduler counts sheep.');
    expect(labelled.provenance.doNotPublish).toEqual([
      { source: 'label', detail: 'label release-note-none', confidence: 1 },
    ]);
  });

  it('takes stage and stage change from a stage label', () => {
    const note = classifyNote(pullRequest({ labels: ['kind/feature', 'stage/beta'] }), extraction());
    expect(note.stage).toBe('beta');
    expect(note.stageChange).toBe('beta');
    const provenance = { source: 'label', detail: 'label stage/beta', confidence: 0.9 };
    expect(note.provenance.stage).toEqual([provenance]);
    expect(note.provenance.stageChange).toEqual([provenance]);
  });

  it('credits the original author of a cherry-pick', () => {
    const original = { login: 'orig', url: 'https://github.com/orig' };
    const note = classifyNote(pullRequest({ cherryPickOf: { number: 700, author: original } }), extraction());
    expect(note.author).toEqual(original);
    expect(note.pr).toBe(812);
  });

  it('returns fresh arrays that do not alias the input', () => {
    const pr = pullRequest();
    const note = classifyNote(pr, extraction());
    note.kinds.push('bug');
    note.author.login = 'changed';
    expect(pr.labels).toEqual(['kind/feature', 'sig/scheduling', 'area/sheep']);
    expect(pr.author.login).toBe('bo');
  });

  it('uses the rules it is given', () => {
    const rules: ClassificationRules = {
      ...DEFAULT_RULES,
      labelPrefixes: { kind: 'type/', sig: 'team/', area: 'area/' },
    };
    const note = classifyNote(pullRequest({ labels: ['type/bug', 'team/core', 'kind/feature'] }), extraction(), rules);
    expect(note.kinds).toEqual(['bug']);
    expect(note.sigs).toEqual(['core']);
  });
});
