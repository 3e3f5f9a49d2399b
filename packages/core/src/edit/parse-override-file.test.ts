import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOverrideFile } from './parse-override-file.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const where = (diagnostic: { file?: string; position?: { line: number; column: number } }) =>
  `${diagnostic.file}:${diagnostic.position?.line}:${diagnostic.position?.column}`;

describe('parseOverrideFile', () => {
  it('reads several documents of one file, keeping only the fields present', () => {
    const { overrides, diagnostics } = parseOverrideFile(fixture('several.yaml'), 'maps/several.yaml');
    expect(diagnostics).toEqual([]);
    expect(overrides).toHaveLength(2);
    expect(overrides[0]).toEqual({
      pr: 101,
      commit: null,
      add: false,
      fields: { text: '`frobctl` now prints the widget count.', kinds: ['feature'], sigs: ['widgets'] },
      dataFields: null,
      file: 'maps/several.yaml',
      line: 2,
      column: 1,
      fieldLines: { text: 4, kinds: 6, sigs: 7 },
    });
    expect(overrides[1]).toMatchObject({
      pr: 102,
      commit: '0a1b2c3d4e5f',
      fields: { doNotPublish: false, stage: 'beta', stageChange: 'beta', highlight: true },
      dataFields: { cve: { id: 'CVE-2099-0001', score: 5.5 } },
      line: 10,
    });
  });

  it('reads JSON, which is YAML', () => {
    const { overrides, diagnostics } = parseOverrideFile(fixture('add.json'), 'add.json');
    expect(diagnostics).toEqual([]);
    expect(overrides[0]).toMatchObject({
      pr: 900,
      add: true,
      fields: {
        author: 'octo-dev',
        documentation: [{ description: '[KEP]', url: 'https://example.com/keps/42', type: 'KEP' }],
      },
    });
  });

  it('reports every problem of a file with file, line and column', () => {
    const { overrides, diagnostics } = parseOverrideFile(fixture('broken.yaml.txt'), 'maps/broken.yaml');
    expect(overrides).toEqual([]);
    expect(diagnostics.map((diagnostic) => [where(diagnostic), diagnostic.ruleId])).toEqual([
      ['maps/broken.yaml:3:9', 'override-yaml'],
      ['maps/broken.yaml:7:9', 'override-yaml'],
      ['maps/broken.yaml:11:3', 'override-unknown-field'],
      ['maps/broken.yaml:12:10', 'override-type'],
      ['maps/broken.yaml:14:1', 'override-missing-pr'],
      ['maps/broken.yaml:17:5', 'override-type'],
      ['maps/broken.yaml:18:1', 'override-unknown-field'],
    ]);
    expect(diagnostics.every((diagnostic) => diagnostic.severity === 'error')).toBe(true);
  });

  it('tells to quote a text that starts with a backtick, showing the quoted line', () => {
    const [backtick, colon] = parseOverrideFile(fixture('broken.yaml.txt'), 'b.yaml').diagnostics;
    expect(backtick?.message).toBe(
      'not valid YAML: Plain value cannot start with reserved character `. Quote the text, e.g. ' +
        'text: "`frobctl` no longer panics on empty input.", or write it as a block after `text: |-`',
    );
    expect(colon?.message).toContain('Quote the text, e.g. text: "Widgets: now sorted by name."');
  });

  it('keeps the good documents of a file that has a bad one', () => {
    const source = 'pr: 1\nreleasenote:\n  text: Good.\n---\npr: 2\nreleasenote:\n  text: a: b\n---\npr: 3\n';
    const { overrides, diagnostics } = parseOverrideFile(source, 'm.yaml');
    expect(overrides.map((override) => override.pr)).toEqual([1, 3]);
    expect(diagnostics.map(where)).toEqual(['m.yaml:7:9']);
  });

  it('names an unknown field and lists the known ones', () => {
    const { diagnostics } = parseOverrideFile('pr: 5\nreleasenote:\n  txt: Hello.\n', 'x.yaml');
    expect(diagnostics).toEqual([
      {
        severity: 'error',
        ruleId: 'override-unknown-field',
        message:
          'unknown field "releasenote.txt"; the known fields are text, author, author_url, pr_url, documentation, ' +
          'kinds, sigs, areas, feature, action_required, do_not_publish, stage, stage_change, highlight',
        file: 'x.yaml',
        position: { line: 3, column: 3 },
        pr: 5,
      },
    ]);
  });

  it('checks the type of each field', () => {
    const source = [
      'pr: 7',
      'commit: 1234567',
      'releasenote:',
      '  highlight: yes',
      '  stage: GA',
      '  documentation:',
      '    - url: https://example.com',
      '      type: blog',
      '',
    ].join('\n');
    const { overrides, diagnostics } = parseOverrideFile(source, 't.yaml');
    expect(overrides).toEqual([]);
    expect(diagnostics.map((diagnostic) => `${where(diagnostic)} ${diagnostic.message}`)).toEqual([
      't.yaml:2:9 "commit" must be a string (quote a commit hash made of digits), got 1234567',
      't.yaml:4:14 "releasenote.highlight" must be true or false, got "yes"',
      't.yaml:5:10 "releasenote.stage" must be one of alpha, beta, stable, deprecated, removed or null, got "GA"',
      't.yaml:8:13 "releasenote.documentation.0.type" must be KEP, official or external, got "blog"',
    ]);
  });

  it('reads `stage: null` as "no stage", not as a missing field', () => {
    const { overrides } = parseOverrideFile('pr: 8\nreleasenote:\n  stage: null\n  stage_change: ~\n', 's.yaml');
    expect(overrides[0]?.fields).toEqual({ stage: null, stageChange: null });
  });

  it('requires text, author and a kind, SIG or area for `add: true`', () => {
    const { overrides, diagnostics } = parseOverrideFile('pr: 9\nadd: true\nreleasenote:\n  text: New.\n', 'a.yaml');
    expect(overrides).toEqual([]);
    expect(diagnostics.map((diagnostic) => `${where(diagnostic)} ${diagnostic.message}`)).toEqual([
      'a.yaml:2:1 "add: true" makes a new note and needs releasenote.author, one of kinds, sigs, areas',
    ]);
  });

  it('reports a duplicate key inside one document', () => {
    const { diagnostics } = parseOverrideFile('pr: 1\npr: 2\n', 'd.yaml');
    expect(diagnostics.map((diagnostic) => `${where(diagnostic)} ${diagnostic.message}`)).toEqual([
      'd.yaml:2:1 not valid YAML: Map keys must be unique',
    ]);
  });

  it('warns about quotes inside a block text, which are part of the text', () => {
    const { overrides, diagnostics } = parseOverrideFile(
      "pr: 3\nreleasenote:\n  text: |-\n    'Fixed the thing.'\n",
      'q.yaml',
    );
    expect(overrides[0]?.fields.text).toBe("'Fixed the thing.'");
    expect(diagnostics.map((diagnostic) => [where(diagnostic), diagnostic.severity, diagnostic.ruleId])).toEqual([
      ['q.yaml:3:9', 'warning', 'override-quoted-block'],
    ]);
  });

  it('refuses an alias bomb instead of expanding it', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++)
      lines.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    const { overrides, diagnostics } = parseOverrideFile(`pr: 1\n${lines.join('\n')}\n`, 'bomb.yaml');
    expect(overrides).toEqual([]);
    expect(diagnostics.map((diagnostic) => `${where(diagnostic)} ${diagnostic.ruleId}`)).toEqual([
      'bomb.yaml:1:1 override-yaml',
    ]);
  });

  it('reads an empty file, and a document that is not a mapping is an error', () => {
    expect(parseOverrideFile('', 'e.yaml')).toEqual({ overrides: [], diagnostics: [] });
    const { diagnostics } = parseOverrideFile('- 1\n- 2\n', 'l.yaml');
    expect(diagnostics.map((diagnostic) => `${where(diagnostic)} ${diagnostic.ruleId}`)).toEqual([
      'l.yaml:1:1 override-type',
    ]);
  });
});
