import { describe, expect, it } from 'vitest';
import { type ClassificationRules, DEFAULT_RULES } from '../rules.js';
import { formatSigList, sigDisplayName } from './sig-names.js';

describe('sigDisplayName', () => {
  it('uses the display names of the rules', () => {
    expect(sigDisplayName('api-machinery')).toBe('API Machinery');
    expect(sigDisplayName('cli')).toBe('CLI');
    expect(sigDisplayName('k8s-infra')).toBe('K8s Infra');
  });

  it('title-cases unlisted slugs word by word, with krel special words', () => {
    expect(sigDisplayName('node')).toBe('Node');
    expect(sigDisplayName('cluster-lifecycle')).toBe('Cluster Lifecycle');
    expect(sigDisplayName('provider-aws')).toBe('Provider AWS');
    expect(sigDisplayName('cloud-provider-vsphere')).toBe('Cloud Provider vSphere');
    expect(sigDisplayName('openstack-gcp-vmware')).toBe('OpenStack GCP VMWare');
    expect(sigDisplayName('MULTI-cluster')).toBe('Multi Cluster');
  });

  it('follows replaced rules', () => {
    const rules: ClassificationRules = { ...DEFAULT_RULES, sigNames: { ui: 'User Interface' }, sigWords: { db: 'DB' } };
    expect(sigDisplayName('ui', rules)).toBe('User Interface');
    expect(sigDisplayName('db-tools', rules)).toBe('DB Tools');
    expect(sigDisplayName('api-tools', rules)).toBe('Api Tools');
    const { sigWords: _dropped, ...withoutWords } = DEFAULT_RULES;
    expect(sigDisplayName('aws', withoutWords)).toBe('Aws');
  });
});

describe('formatSigList', () => {
  it('prints none, one, two and many SIGs as krel does', () => {
    expect(formatSigList([])).toBe('');
    expect(formatSigList(['node'])).toBe('SIG Node');
    expect(formatSigList(['storage', 'cloud-provider'])).toBe('SIG Cloud Provider and Storage');
    expect(formatSigList(['testing', 'api-machinery', 'auth', 'apps'])).toBe(
      'SIG API Machinery, Apps, Auth and Testing',
    );
  });

  it('sorts by slug, not by display name, and drops repeats', () => {
    // By display name 'Windows' would sort before 'vSphere'.
    expect(formatSigList(['windows', 'vsphere'])).toBe('SIG vSphere and Windows');
    expect(formatSigList(['node', 'node'])).toBe('SIG Node');
  });

  it('does not reorder the caller’s array', () => {
    const sigs = ['storage', 'apps'];
    formatSigList(sigs);
    expect(sigs).toEqual(['storage', 'apps']);
  });
});
