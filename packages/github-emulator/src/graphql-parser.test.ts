import { describe, expect, it } from 'vitest';
import { GqlSyntaxError, parseGraphQL } from './graphql-parser.js';

describe('parseGraphQL', () => {
  it('parses operations, variables with defaults, aliases and every argument kind', () => {
    const [operation] = parseGraphQL(`
      # a comment
      query Notes($owner: String!, $states: [PullRequestState!] = [MERGED], $after: String) {
        repository(owner: $owner, name: "r\\"x\\u0041") {
          pr0: pullRequest(number: 12) { number }
          pullRequests(states: $states, first: 100, after: $after, orderBy: {field: UPDATED_AT, direction: DESC}, x: -1.5e2, y: null, z: true) {
            nodes { title }
          }
        }
      }`);
    expect(operation?.name).toBe('Notes');
    expect(operation?.variables).toEqual([
      { name: 'owner', type: 'String!', nonNull: true, defaultValue: null },
      {
        name: 'states',
        type: '[PullRequestState!]',
        nonNull: false,
        defaultValue: { kind: 'list', values: [{ kind: 'enum', value: 'MERGED' }] },
      },
      { name: 'after', type: 'String', nonNull: false, defaultValue: null },
    ]);
    const repository = operation?.selections[0];
    expect(repository?.arguments).toEqual([
      { name: 'owner', value: { kind: 'variable', name: 'owner' } },
      { name: 'name', value: { kind: 'string', value: 'r"xA' } },
    ]);
    const [pr0, pulls] = repository?.selections ?? [];
    expect(pr0).toMatchObject({
      alias: 'pr0',
      name: 'pullRequest',
      arguments: [{ name: 'number', value: { kind: 'int', value: 12 } }],
    });
    expect(pulls?.arguments.map((a) => a.value)).toEqual([
      { kind: 'variable', name: 'states' },
      { kind: 'int', value: 100 },
      { kind: 'variable', name: 'after' },
      {
        kind: 'object',
        fields: [
          { name: 'field', value: { kind: 'enum', value: 'UPDATED_AT' } },
          { name: 'direction', value: { kind: 'enum', value: 'DESC' } },
        ],
      },
      { kind: 'float', value: -150 },
      { kind: 'null' },
      { kind: 'boolean', value: true },
    ]);
    expect(pulls?.location).toEqual({ line: 6, column: 11 });
  });

  it('reports syntax errors with line and column', () => {
    expect(() => parseGraphQL('{\n  repository(owner: ) { name }\n}')).toThrow(
      'Parse error on ")" (RPAREN) at [2, 21]',
    );
    expect(() => parseGraphQL('{ a ')).toThrow(GqlSyntaxError);
    expect(() => parseGraphQL('{ a(x: "open) }')).toThrow('Unterminated string');
    expect(() => parseGraphQL('{ ...F } fragment F on Query { a }')).toThrow('Fragments are not supported');
    expect(() => parseGraphQL('')).toThrow(GqlSyntaxError);
  });

  it('refuses deep nesting and stays linear on long hostile input', () => {
    expect(() => parseGraphQL(`${'{ a '.repeat(100)}${'}'.repeat(100)}`)).toThrow('nested too deeply');
    const started = performance.now();
    const long = `{ a(x: "${'\\"'.repeat(200_000)}") }`;
    expect(parseGraphQL(long)[0]?.selections[0]?.name).toBe('a');
    expect(() => parseGraphQL(`{ ${'a '.repeat(200_000)}`)).toThrow(GqlSyntaxError);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
