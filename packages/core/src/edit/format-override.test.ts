import { describe, expect, it } from 'vitest';
import type { ReleaseNote } from '../model.js';
import { applyOverrides } from './apply-overrides.js';
import { formatOverride } from './format-override.js';
import { parseOverrideFile } from './parse-override-file.js';

const base: ReleaseNote = {
  pr: 321,
  prUrl: 'https://github.com/acme/widgets/pull/321',
  title: 'Teach frobctl to count',
  text: '`frobctl count` counts widgets.\n\n- works offline\n- prints: a total',
  author: { login: 'octo-dev', url: 'https://github.com/octo-dev' },
  commit: 'c0ffee0000000000000000000000000000000000',
  mergedAt: '2099-01-01T00:00:00Z',
  kinds: ['feature'],
  sigs: ['cli'],
  areas: ['frobctl'],
  stage: 'alpha',
  stageChange: null,
  features: [],
  actionRequired: false,
  docs: [{ description: '[KEP]', url: 'https://example.com/keps/7', type: 'KEP' }],
  highlight: false,
  doNotPublish: false,
  dataFields: {},
  provenance: {},
};

describe('formatOverride', () => {
  it('writes the fields copied from the note in Kubernetes’ layout, and the derived ones as commented hints', () => {
    expect(formatOverride(base)).toBe(
      [
        'pr: 321',
        'commit: c0ffee0000000000000000000000000000000000',
        'releasenote:',
        '  text: |-',
        '    `frobctl count` counts widgets.',
        '',
        '    - works offline',
        '    - prints: a total',
        '  author: octo-dev',
        '  documentation:',
        '    - description: "[KEP]"',
        '      url: https://example.com/keps/7',
        '      type: KEP',
        '  kinds:',
        '    - feature',
        '  sigs:',
        '    - cli',
        '  areas:',
        '    - frobctl',
        '  feature: true',
        '  action_required: false',
        '  do_not_publish: false',
        '  # Derived by relnotes on every run, not overridden; uncomment a line to override it:',
        '  # stage: alpha',
        '  # stage_change: null',
        '  # highlight: false',
        '',
      ].join('\n'),
    );
  });

  it('reads back to the same note, leaving the derived stage alone', () => {
    const tricky = { ...base, text: '`kubectl` now: works', kinds: [], commit: null, dataFields: { cve: { id: 'X' } } };
    const { overrides, diagnostics } = parseOverrideFile(formatOverride(tricky), 'pr-321-map.yaml');
    expect(diagnostics).toEqual([]);
    const { notes } = applyOverrides([{ ...base, text: 'old', kinds: ['bug'] }], overrides);
    const { provenance: _edited, ...rest } = notes[0] as ReleaseNote;
    const { provenance: _original, ...expected } = tricky;
    expect(rest).toEqual({ ...expected, commit: base.commit });
  });
});
