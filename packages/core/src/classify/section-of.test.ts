import { describe, expect, it } from 'vitest';
import { type ClassificationRules, DEFAULT_RULES } from '../rules.js';
import { sectionOf, unknownKinds } from './section-of.js';

describe('sectionOf', () => {
  it('maps single kinds, regression and cleanup/flake included', () => {
    expect(sectionOf({ kinds: ['feature'], actionRequired: false }).section).toBe('Feature');
    expect(sectionOf({ kinds: ['regression'], actionRequired: false }).section).toBe('Bug or Regression');
    expect(sectionOf({ kinds: ['flake'], actionRequired: false }).section).toBe('Other (Cleanup or Flake)');
    expect(sectionOf({ kinds: ['failing-test'], actionRequired: false }).section).toBe('Failing Test');
  });

  it('picks the highest-priority kind of several, whatever their order (krel kindPriority)', () => {
    expect(sectionOf({ kinds: ['bug', 'feature'], actionRequired: false }).section).toBe('Feature');
    expect(sectionOf({ kinds: ['cleanup', 'api-change', 'deprecation'], actionRequired: false }).section).toBe(
      'Deprecation',
    );
    expect(sectionOf({ kinds: ['flake', 'regression'], actionRequired: false }).section).toBe('Bug or Regression');
  });

  it('sends notes without a known kind to Uncategorized', () => {
    expect(sectionOf({ kinds: [], actionRequired: false }).section).toBe('Uncategorized');
    expect(sectionOf({ kinds: ['support'], actionRequired: false }).section).toBe('Uncategorized');
    expect(sectionOf({ kinds: ['support', 'bug'], actionRequired: false }).section).toBe('Bug or Regression');
  });

  it('marks action-required notes urgent, also with several kinds', () => {
    expect(sectionOf({ kinds: ['bug', 'api-change'], actionRequired: true })).toEqual({
      urgent: true,
      section: 'API Change',
    });
    expect(sectionOf({ kinds: ['bug'], actionRequired: false }).urgent).toBe(false);
  });

  it('follows replaced sections in their order', () => {
    const rules: ClassificationRules = {
      ...DEFAULT_RULES,
      sections: [
        { title: 'Fixes', kinds: ['bug'] },
        { title: 'New', kinds: ['feature'] },
      ],
      uncategorized: 'Misc',
    };
    expect(sectionOf({ kinds: ['feature', 'bug'], actionRequired: false }, rules).section).toBe('Fixes');
    expect(sectionOf({ kinds: ['cleanup'], actionRequired: false }, rules).section).toBe('Misc');
  });
});

describe('unknownKinds', () => {
  it('lists kinds no section takes', () => {
    expect(unknownKinds(['bug', 'support', 'flake', 'kep'])).toEqual(['support', 'kep']);
  });
});
