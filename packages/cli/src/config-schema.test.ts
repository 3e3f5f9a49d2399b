import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FEATURE_STAGES, RelnotesError } from '@relnotes/core';
import { describe, expect, it } from 'vitest';
import { KNOWN_KEYS, loadConfig } from './config.js';

interface Schema {
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  required?: string[];
  oneOf?: Schema[];
  minLength?: number;
  pattern?: string;
  description?: string;
  examples?: unknown[];
  $schema?: string;
}

const schemaFile = fileURLToPath(new URL('../relnotes.config.schema.json', import.meta.url));
const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as Schema;
const sampleFile = fileURLToPath(new URL('../../../examples/sample/relnotes.config.json', import.meta.url));

/** The part of JSON Schema 2020-12 this schema uses; enough to tell whether it accepts a config. */
function schemaErrors(value: unknown, node: Schema, path = ''): string[] {
  if (node.oneOf) {
    const passing = node.oneOf.filter((option) => schemaErrors(value, option, path).length === 0);
    return passing.length === 1 ? [] : [`${path}: matches ${passing.length} of oneOf`];
  }
  const types = node.type === undefined ? [] : Array.isArray(node.type) ? node.type : [node.type];
  if (types.length > 0 && !types.some((type) => hasType(value, type))) return [`${path}: not ${types.join('|')}`];
  if (node.enum && !node.enum.includes(value)) return [`${path}: not in enum`];
  if (typeof value === 'string' && node.minLength !== undefined && value.length < node.minLength) {
    return [`${path}: too short`];
  }
  if (typeof value === 'string' && node.pattern !== undefined && !new RegExp(node.pattern, 'u').test(value)) {
    return [`${path}: does not match ${node.pattern}`];
  }
  const errors: string[] = [];
  if (Array.isArray(value) && node.items) {
    value.forEach((item, i) => {
      errors.push(...schemaErrors(item, node.items as Schema, `${path}/${i}`));
    });
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const key of node.required ?? []) if (!(key in record)) errors.push(`${path}/${key}: required`);
    for (const [key, item] of Object.entries(record)) {
      const property = node.properties?.[key];
      if (property) errors.push(...schemaErrors(item, property, `${path}/${key}`));
      else if (node.additionalProperties === false) errors.push(`${path}/${key}: not allowed`);
      else if (typeof node.additionalProperties === 'object') {
        errors.push(...schemaErrors(item, node.additionalProperties, `${path}/${key}`));
      }
    }
  }
  return errors;
}

function hasType(value: unknown, type: string): boolean {
  if (type === 'null') return value === null;
  if (type === 'array') return Array.isArray(value);
  if (type === 'object') return typeof value === 'object' && value !== null && !Array.isArray(value);
  return typeof value === type;
}

async function validatorAccepts(config: unknown): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'relnotes-schema-'));
  const file = join(dir, 'relnotes.config.json');
  writeFileSync(file, JSON.stringify(config));
  try {
    await loadConfig(file);
    return true;
  } catch (error) {
    expect(error).toBeInstanceOf(RelnotesError);
    return false;
  }
}

describe('relnotes.config.schema.json', () => {
  it('is a draft 2020-12 schema that describes exactly the keys the validator knows', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties ?? {}).sort()).toEqual([...KNOWN_KEYS].sort());
  });

  it('gives every key a description and examples (or only a description for $schema)', () => {
    for (const [key, property] of Object.entries(schema.properties ?? {})) {
      expect(property.description, key).toBeTruthy();
      expect(property.examples?.length, key).toBeGreaterThan(0);
      for (const example of property.examples ?? []) {
        expect(schemaErrors({ [key]: example }, schema), `${key} example`).toEqual([]);
      }
    }
  });

  it('lists the feature stages as the enum of stage labels', () => {
    const stageLabels = schema.properties?.stageLabels?.additionalProperties as Schema;
    expect(stageLabels.enum).toEqual([...FEATURE_STAGES]);
  });

  it('agrees with the validator on the sample config (which names the schema)', async () => {
    const sample = JSON.parse(readFileSync(sampleFile, 'utf8'));
    expect(sample.$schema).toBe('../../packages/cli/relnotes.config.schema.json');
    expect(schemaErrors(sample, schema)).toEqual([]);
    await expect(loadConfig(sampleFile)).resolves.toMatchObject({ repository: 'harbormaster-dev/harbormaster' });
  });

  const good: unknown[] = [
    {},
    { repository: 'a/b', release: null, maps: 'maps', template: 'kubernetes' },
    { repository: 'kubernetes-sigs/release-notes_v2.x', template: 'github-release' },
    { maps: ['a', 'b'], labelPrefixes: { kind: 'type/' }, stageLabels: { 'stage/beta': 'beta' } },
    { sections: [{ title: 'Fixes', kinds: ['bug'] }], uncategorized: 'Misc', doNotPublishLabels: ['skip'] },
  ];
  const bad: unknown[] = [
    [],
    { repo: 'a/b' },
    { repository: 7 },
    { repository: '' },
    { repository: 'kubernetes' },
    { repository: 'https://github.com/kubernetes/kubernetes' },
    { repository: 'a/b/c' },
    { maps: 3 },
    { maps: [1] },
    { labelPrefixes: { team: 'team/' } },
    { sections: [{ title: 'Fixes' }] },
    { sections: [{ title: 'Fixes', kinds: 'bug' }] },
    { sigNames: { node: 3 } },
    { stageLabels: { 'stage/ga': 'ga' } },
    { actionRequiredLabels: 'breaking' },
  ];

  it.each(good.map((config) => [JSON.stringify(config), config]))('both accept %s', async (_name, config) => {
    expect(schemaErrors(config, schema)).toEqual([]);
    expect(await validatorAccepts(config)).toBe(true);
  });

  it.each(bad.map((config) => [JSON.stringify(config), config]))('both reject %s', async (_name, config) => {
    expect(schemaErrors(config, schema)).not.toEqual([]);
    expect(await validatorAccepts(config)).toBe(false);
  });
});
