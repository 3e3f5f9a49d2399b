import { describe, expect, it } from 'vitest';
import { type ClassificationRules, DEFAULT_RULES } from '../rules.js';
import { classifyLabels } from './classify-labels.js';

describe('classifyLabels', () => {
  it('sorts labels by exact prefix and keeps their order', () => {
    const result = classifyLabels(['sig/node', 'kind/bug', 'area/kubelet', 'kind/regression', 'sig/apps', 'lgtm']);
    expect(result.kinds).toEqual(['bug', 'regression']);
    expect(result.sigs).toEqual(['node', 'apps']);
    expect(result.areas).toEqual(['kubelet']);
  });

  it('ignores labels that only look like a prefix', () => {
    const result = classifyLabels(['kind', 'kind/', 'kindness/feature', 'Kind/bug', 'signal/x', 'sig']);
    expect(result).toMatchObject({ kinds: [], sigs: [], areas: [] });
  });

  it('de-duplicates repeated labels', () => {
    expect(classifyLabels(['kind/bug', 'kind/bug', 'sig/node', 'sig/node']).kinds).toEqual(['bug']);
    expect(classifyLabels(['sig/node', 'sig/node']).sigs).toEqual(['node']);
  });

  it('reads action-required and do-not-publish labels', () => {
    expect(classifyLabels(['release-note-action-required'])).toMatchObject({
      actionRequired: true,
      doNotPublish: false,
    });
    expect(classifyLabels(['release-note-none'])).toMatchObject({ actionRequired: false, doNotPublish: true });
    expect(classifyLabels(['release-note'])).toMatchObject({ actionRequired: false, doNotPublish: false });
  });

  it('takes the first stage label', () => {
    expect(classifyLabels(['kind/feature', 'stage/beta', 'stage/stable'])).toMatchObject({
      stage: 'beta',
      stageLabel: 'stage/beta',
    });
    expect(classifyLabels(['kind/feature'])).toMatchObject({ stage: null, stageLabel: null });
  });

  it('follows replaced rules', () => {
    const rules: ClassificationRules = {
      ...DEFAULT_RULES,
      labelPrefixes: { kind: 'type: ', sig: 'team/', area: 'component/' },
      actionRequiredLabels: ['breaking'],
      doNotPublishLabels: ['skip-changelog'],
      stageLabels: { experimental: 'alpha' },
    };
    expect(
      classifyLabels(['type: bug', 'team/ui', 'component/api', 'breaking', 'skip-changelog', 'experimental'], rules),
    ).toEqual({
      kinds: ['bug'],
      sigs: ['ui'],
      areas: ['api'],
      actionRequired: true,
      doNotPublish: true,
      stage: 'alpha',
      stageLabel: 'experimental',
    });
    expect(classifyLabels(['kind/bug', 'stage/beta'], rules)).toMatchObject({ kinds: [], stage: null });
  });
});
