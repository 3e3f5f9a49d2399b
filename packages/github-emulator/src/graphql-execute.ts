// Executes the GitHub GraphQL subset relnotes uses against the repo store, with GitHub's error shapes.
import { type GqlField, type GqlOperation, GqlSyntaxError, type GqlValue, parseGraphQL } from './graphql-parser.js';
import {
  type Args,
  checkArg,
  ExecutionError,
  type FieldDef,
  type GraphQLContext,
  literalFits,
  MAX_PAGE,
  OBJECT_TYPES,
  type Path,
  type ResolveScope,
  typeNameOf,
} from './graphql-schema.js';
import type { Json } from './rest-shapes.js';

export type { GraphQLContext, GraphQLRateLimit } from './graphql-schema.js';

export interface GraphQLRequestBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

interface GqlError {
  [key: string]: Json;
}

function locations(field: GqlField | GqlOperation): Json {
  return [{ line: field.location.line, column: field.location.column }];
}

class Execution implements ResolveScope {
  readonly errors: GqlError[] = [];
  nodeCount = 0;
  private readonly usedVariables = new Set<string>();

  constructor(
    readonly ctx: GraphQLContext,
    private readonly operation: GqlOperation,
    private readonly variables: Record<string, unknown>,
  ) {}

  private value(value: GqlValue, path: Path, field: GqlField): unknown {
    switch (value.kind) {
      case 'variable': {
        this.usedVariables.add(value.name);
        const definition = this.operation.variables.find((v) => v.name === value.name);
        if (!definition) {
          this.errors.push({
            message: `Variable $${value.name} is used by ${this.operation.name ?? 'anonymous query'} but not declared`,
            locations: locations(field),
            path: ['query', ...path],
            extensions: { code: 'variableNotDefined', variableName: value.name },
          });
          return null;
        }
        if (value.name in this.variables) return this.variables[value.name];
        return definition.defaultValue ? this.value(definition.defaultValue, path, field) : null;
      }
      case 'list':
        return value.values.map((item) => this.value(item, path, field));
      case 'object':
        return Object.fromEntries(value.fields.map((f) => [f.name, this.value(f.value, path, field)]));
      case 'null':
        return null;
      case 'int':
      case 'float':
      case 'string':
      case 'boolean':
      case 'enum':
        return value.value;
    }
  }

  /** Static checks before anything runs; a failure means no `data` at all, like GitHub. */
  validate(): boolean {
    for (const definition of this.operation.variables) {
      const given = this.variables[definition.name];
      if (definition.nonNull && (given === undefined || given === null) && definition.defaultValue === null) {
        this.errors.push({
          message: `Variable $${definition.name} of type ${definition.type} was provided invalid value`,
          locations: locations(this.operation),
          extensions: { value: null, problems: [{ path: [], explanation: 'Expected value to not be null' }] },
        });
      }
    }
    if (this.errors.length > 0) return false;
    this.validateSelections('Query', this.operation.selections, []);
    if (this.errors.length > 0) return false;
    this.nodeCount = this.checkPagination('Query', this.operation.selections, []);
    return this.errors.length === 0;
  }

  private validateSelections(typeName: string, selections: readonly GqlField[], path: Path): void {
    const fields = OBJECT_TYPES[typeName] ?? {};
    for (const field of selections) {
      const fieldPath = [...path, field.alias ?? field.name];
      if (field.name === '__typename') continue;
      const def = fields[field.name];
      if (!def) {
        this.errors.push({
          path: ['query', ...fieldPath],
          extensions: { code: 'undefinedField', typeName, fieldName: field.name },
          locations: locations(field),
          message: `Field '${field.name}' doesn't exist on type '${typeName}'`,
        });
        continue;
      }
      const args = def.args ?? {};
      for (const arg of field.arguments) {
        const spec = args[arg.name];
        if (!spec) {
          this.errors.push({
            path: ['query', ...fieldPath, arg.name],
            extensions: { code: 'argumentNotAccepted', name: field.name, typeName: 'Field', argumentName: arg.name },
            locations: locations(field),
            message: `Field '${field.name}' doesn't accept argument '${arg.name}'`,
          });
          continue;
        }
        let value = this.value(arg.value, fieldPath, field);
        if (spec.type.endsWith('[]') && value !== null && value !== undefined && !Array.isArray(value)) value = [value];
        if (!literalFits(spec.type, arg.value) || !checkArg(spec.type, value)) {
          this.errors.push({
            path: ['query', ...fieldPath, arg.name],
            extensions: { code: 'argumentLiteralsIncompatible', typeName: 'Field', argumentName: arg.name },
            locations: locations(field),
            message: `Argument '${arg.name}' on Field '${field.name}' has an invalid value (${JSON.stringify(value)}). Expected type '${spec.type}'.`,
          });
        }
      }
      const missing = Object.entries(args)
        .filter(([name, spec]) => spec.required && !field.arguments.some((arg) => arg.name === name))
        .map(([name]) => name);
      if (missing.length > 0) {
        this.errors.push({
          path: ['query', ...fieldPath],
          extensions: {
            code: 'missingRequiredArguments',
            className: 'Field',
            name: field.name,
            arguments: missing.join(', '),
          },
          locations: locations(field),
          message: `Field '${field.name}' is missing required arguments: ${missing.join(', ')}`,
        });
      }
      const isObject = def.type in OBJECT_TYPES;
      if (isObject && field.selections === null) {
        this.errors.push({
          path: ['query', ...fieldPath],
          extensions: { code: 'selectionMismatch', nodeName: `field '${field.name}'`, typeName: def.type },
          locations: locations(field),
          message: `Field must have selections (field '${field.name}' returns ${def.type} but has no selections. Did you mean '${field.name} { ... }'?)`,
        });
      } else if (!isObject && field.selections !== null) {
        this.errors.push({
          path: ['query', ...fieldPath],
          extensions: { code: 'selectionMismatch', nodeName: `field '${field.name}'`, typeName: def.type },
          locations: locations(field),
          message: `Selections can't be made on scalars (field '${field.name}' returns ${def.type} but has selections [${field.selections.map((s) => s.name).join(', ')}])`,
        });
      } else if (isObject && field.selections !== null) {
        this.validateSelections(def.type, field.selections, fieldPath);
      }
    }
  }

  /** GitHub refuses connections without `first`/`last` or above 100 before running; returns the node count. */
  private checkPagination(typeName: string, selections: readonly GqlField[], path: Path): number {
    let count = 0;
    for (const field of selections) {
      const def = OBJECT_TYPES[typeName]?.[field.name];
      if (!def || field.selections === null) continue;
      const fieldPath = [...path, field.alias ?? field.name];
      const inner = this.checkPagination(def.type, field.selections, fieldPath);
      if (!def.connection) {
        count += inner;
        continue;
      }
      const args = this.args(def, field, fieldPath);
      const size = typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : null;
      if (size === null) {
        this.errors.push({
          type: 'MISSING_PAGINATION_BOUNDARIES',
          path: fieldPath,
          locations: locations(field),
          message: `You must provide a \`first\` or \`last\` value to properly paginate the \`${field.name}\` connection.`,
        });
      } else if (size > MAX_PAGE || size < 0) {
        const which = typeof args.first === 'number' ? 'first' : 'last';
        this.errors.push({
          type: 'EXCESSIVE_PAGINATION',
          path: fieldPath,
          locations: locations(field),
          message:
            size < 0
              ? `\`${which}\` on the \`${field.name}\` connection cannot be less than zero.`
              : `Requesting ${size} records on the \`${field.name}\` connection exceeds the \`${which}\` limit of ${MAX_PAGE} records.`,
        });
      } else {
        count += size + size * inner;
      }
    }
    return count;
  }

  private args(def: FieldDef, field: GqlField, path: Path): Args {
    const args: Args = {};
    for (const arg of field.arguments) {
      let value = this.value(arg.value, path, field);
      if (def.args?.[arg.name]?.type.endsWith('[]') && value !== null && value !== undefined && !Array.isArray(value)) {
        value = [value];
      }
      args[arg.name] = value;
    }
    return args;
  }

  run(typeName: string, parent: unknown, selections: readonly GqlField[], path: Path): Record<string, Json> {
    const result: Record<string, Json> = {};
    for (const field of selections) {
      const key = field.alias ?? field.name;
      const fieldPath = [...path, key];
      if (field.name === '__typename') {
        result[key] = typeNameOf(typeName, parent);
        continue;
      }
      const def = OBJECT_TYPES[typeName]?.[field.name];
      if (!def) continue;
      try {
        const value = def.resolve(parent, this.args(def, field, fieldPath), this);
        result[key] = this.complete(def, value, field, fieldPath);
      } catch (error) {
        if (!(error instanceof ExecutionError)) throw error;
        result[key] = null;
        this.errors.push({ type: error.type, path: fieldPath, locations: locations(field), message: error.message });
      }
    }
    return result;
  }

  private complete(def: FieldDef, value: unknown, field: GqlField, path: Path): Json {
    if (value === null || value === undefined) return null;
    const one = (item: unknown, itemPath: Path): Json =>
      field.selections === null ? (item as Json) : this.run(def.type, item, field.selections, itemPath);
    return def.list ? (value as unknown[]).map((item, i) => one(item, [...path, i])) : one(value, path);
  }
}

function errorsOnly(errors: GqlError[]): { status: number; body: Json } {
  return { status: 200, body: { errors } };
}

/** Answer one `POST /graphql` body. Always HTTP 200, like GitHub, except for unparsable JSON (handled by the caller). */
export function executeGraphQL(
  request: GraphQLRequestBody,
  ctx: GraphQLContext,
): { status: number; body: Json; fields: string[] } {
  if (typeof request.query !== 'string' || request.query.trim() === '') {
    return { ...errorsOnly([{ message: 'A query attribute must be specified and must be a string.' }]), fields: [] };
  }
  let operations: GqlOperation[];
  try {
    operations = parseGraphQL(request.query);
  } catch (error) {
    if (!(error instanceof GqlSyntaxError)) throw error;
    return { ...errorsOnly([{ message: error.message, locations: [{ ...error.location }] }]), fields: [] };
  }
  const name = typeof request.operationName === 'string' ? request.operationName : null;
  const operation =
    name === null ? (operations.length === 1 ? operations[0] : undefined) : operations.find((op) => op.name === name);
  if (!operation) {
    const message = name === null ? 'An operation name is required' : `No operation named "${name}"`;
    return { ...errorsOnly([{ message }]), fields: [] };
  }
  const fields = operation.selections.map((field) => field.alias ?? field.name);
  if (operation.operation !== 'query') {
    return { ...errorsOnly([{ message: `The emulator only answers queries, not ${operation.operation}s.` }]), fields };
  }
  const variables =
    typeof request.variables === 'object' && request.variables !== null && !Array.isArray(request.variables)
      ? (request.variables as Record<string, unknown>)
      : {};
  const execution = new Execution(ctx, operation, variables);
  if (!execution.validate()) {
    const paginationOnly = execution.errors.every((e) => typeof e.type === 'string');
    return {
      status: 200,
      body: paginationOnly ? { data: null, errors: execution.errors } : { errors: execution.errors },
      fields,
    };
  }
  const data = execution.run('Query', null, operation.selections, []);
  return { status: 200, body: execution.errors.length > 0 ? { data, errors: execution.errors } : { data }, fields };
}
