import { createReleaseNote, DEFAULT_RULES, RelnotesError } from '@relnotes/core';
import { describe, expect, it } from 'vitest';
import {
  createSavedContext,
  parseSavedContext,
  SAVED_CONTEXT_VERSION,
  serializeSavedContext,
} from './saved-context.js';

const note = createReleaseNote({
  pr: 7,
  prUrl: 'https://github.com/acme/widgets/pull/7',
  title: 'Polish widgets',
  text: 'Widgets shine.',
  author: { login: 'ana', url: 'https://github.com/ana' },
  kinds: ['feature'],
  sigs: ['widgets'],
  provenance: { kinds: [{ source: 'label', detail: 'label kind/feature', confidence: 1 }] },
});

const context = createSavedContext({
  release: { version: 'v1.0.0', previous: 'v0.9.0', date: null, repository: 'acme/widgets' },
  config: { rules: DEFAULT_RULES, repository: 'acme/widgets' },
  notes: [note],
  features: [
    {
      id: 'widget-gate',
      kep: null,
      title: 'Widget gate',
      sig: 'widgets',
      sigs: [],
      gates: ['WidgetGate'],
      url: null,
      stages: [{ release: 'v1.0', stage: 'alpha' }],
      source: 'features',
      path: 'features.yaml',
      dir: null,
    },
  ],
  diagnostics: [{ severity: 'warning', ruleId: 'missing-block', message: 'No block.', pr: 8 }],
});

function parseError(data: unknown): RelnotesError {
  try {
    parseSavedContext(JSON.stringify(data), 'ctx.json');
  } catch (error) {
    expect(error).toBeInstanceOf(RelnotesError);
    return error as RelnotesError;
  }
  throw new Error('expected an error');
}

describe('saved contexts', () => {
  it('read back exactly what was saved', () => {
    const text = serializeSavedContext(context);
    expect(text.endsWith('\n')).toBe(true);
    expect(parseSavedContext(text, 'ctx.json')).toEqual(context);
    expect(context).toMatchObject({ relnotes: 'context', version: SAVED_CONTEXT_VERSION });
  });

  it('name the file and the bad part of a context that is not one', () => {
    expect(parseError({ ...context, relnotes: 'notes' }).message).toBe(
      'ctx.json: not a relnotes context: "relnotes" must be "context"',
    );
    expect(parseError({ ...context, version: '1' }).message).toBe(
      'ctx.json: not a relnotes context: "version" must be a whole number, got "1"',
    );
    expect(parseError({ ...context, version: 3 })).toMatchObject({
      message: 'ctx.json: context version 3 was written by a newer relnotes; this one reads version 1',
      file: 'ctx.json',
    });
    expect(parseError({ ...context, config: { rules: { ...DEFAULT_RULES, sections: 'x' } } }).message).toBe(
      'ctx.json: not a relnotes context: "config.rules.sections" must be a list',
    );
    expect(parseError({ ...context, notes: [{ ...note, author: 'ana' }] }).message).toBe(
      'ctx.json: not a relnotes context: "notes[0]" (PR #7): "author.login" must be a string',
    );
    expect(parseError({ ...context, features: [{ id: 3 }] }).message).toBe(
      'ctx.json: not a relnotes context: "features[0]" must be a feature with an "id" and "stages"',
    );
    expect(parseError({ ...context, release: { version: 1 } }).message).toBe(
      'ctx.json: not a relnotes context: "release.version" must be a string or null',
    );
  });
});
