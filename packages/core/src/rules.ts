import type { FeatureStage } from './model.js';

/** One section of "Changes by Kind": its title and the kinds that land in it. */
export interface SectionRule {
  title: string;
  kinds: readonly string[];
}

/** Everything classification decides by is data, and can be replaced from a config file. */
export interface ClassificationRules {
  /** Exact label prefixes: `kind/`, `sig/`, `area/`. */
  labelPrefixes: Readonly<{ kind: string; sig: string; area: string }>;
  /** Sections in order; a note with several kinds goes to the first section that takes one of them. */
  sections: readonly SectionRule[];
  /** Where a note with no known kind goes. */
  uncategorized: string;
  /** Labels that mark a note as action-required (it then goes under Urgent Upgrade Notes). */
  actionRequiredLabels: readonly string[];
  /** Labels that mean: do not publish this note. */
  doNotPublishLabels: readonly string[];
  /** SIG slug → display name. Unlisted slugs are title-cased word by word. */
  sigNames: Readonly<Record<string, string>>;
  /** Words of a SIG slug spelled specially when an unlisted slug is title-cased (krel: `api` → `API`). */
  sigWords?: Readonly<Record<string, string>>;
  /** Label → the stage it announces (e.g. `stage/beta`). */
  stageLabels: Readonly<Record<string, FeatureStage>>;
}

export const KUBERNETES_SECTIONS: readonly SectionRule[] = [
  { title: 'Deprecation', kinds: ['deprecation'] },
  { title: 'API Change', kinds: ['api-change'] },
  { title: 'Feature', kinds: ['feature'] },
  { title: 'Design', kinds: ['design'] },
  { title: 'Documentation', kinds: ['documentation'] },
  { title: 'Failing Test', kinds: ['failing-test'] },
  { title: 'Bug or Regression', kinds: ['bug', 'regression'] },
  { title: 'Other (Cleanup or Flake)', kinds: ['cleanup', 'flake'] },
];

/** Display names Kubernetes prints for SIGs whose name is not simple title case. */
export const KUBERNETES_SIG_NAMES: Readonly<Record<string, string>> = {
  'api-machinery': 'API Machinery',
  cli: 'CLI',
  'cloud-provider': 'Cloud Provider',
  'cluster-lifecycle': 'Cluster Lifecycle',
  'contributor-experience': 'Contributor Experience',
  docs: 'Docs',
  etcd: 'Etcd',
  'k8s-infra': 'K8s Infra',
  windows: 'Windows',
};

/** The words krel's prettySIG spells specially. */
export const KUBERNETES_SIG_WORDS: Readonly<Record<string, string>> = {
  api: 'API',
  aws: 'AWS',
  cli: 'CLI',
  gcp: 'GCP',
  openstack: 'OpenStack',
  vmware: 'VMWare',
  vsphere: 'vSphere',
};

export const DEFAULT_RULES: ClassificationRules = {
  labelPrefixes: { kind: 'kind/', sig: 'sig/', area: 'area/' },
  sections: KUBERNETES_SECTIONS,
  uncategorized: 'Uncategorized',
  actionRequiredLabels: ['release-note-action-required'],
  doNotPublishLabels: ['release-note-none'],
  sigNames: KUBERNETES_SIG_NAMES,
  sigWords: KUBERNETES_SIG_WORDS,
  stageLabels: {
    'stage/alpha': 'alpha',
    'stage/beta': 'beta',
    'stage/stable': 'stable',
    'stage/deprecated': 'deprecated',
    'stage/removed': 'removed',
  },
};
