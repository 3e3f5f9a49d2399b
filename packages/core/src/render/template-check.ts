// Finds unknown helpers and partials before rendering, so the error names the place
// (Handlebars only notices them at render time, and says nowhere for a missing partial).
import type { TemplatePlace } from './template-error.js';

/** The parts of a Handlebars AST node this check reads. */
export interface TemplateAst {
  type: string;
  loc?: { start: { line: number; column: number } } | null;
  [key: string]: unknown;
}

export interface TemplateProblem {
  message: string;
  place: TemplatePlace | undefined;
  hint: string;
}

/** Returns the first unknown helper or partial the template uses, or undefined. */
export function checkTemplateNames(
  ast: TemplateAst,
  helpers: ReadonlySet<string>,
  partials: ReadonlySet<string>,
): TemplateProblem | undefined {
  const inline = new Set<string>();
  collectInlinePartials(ast, inline);
  return visit(ast, new Set(), (node, blockParams) => {
    if (isCall(node)) {
      const name = helperName(node, blockParams);
      if (name !== undefined && !helpers.has(name)) {
        return {
          message: `unknown helper "${name}"`,
          place: placeOf(node),
          hint: `Use one of: ${[...helpers].sort().join(', ')}.`,
        };
      }
    }
    if (node.type === 'PartialStatement') {
      const name = staticPartialName(node.name);
      if (name !== undefined && !partials.has(name) && !inline.has(name)) {
        return {
          message: `unknown partial "${name}"`,
          place: placeOf(node),
          hint: partials.size
            ? `Known partials: ${[...partials].sort().join(', ')}.`
            : 'This template has no partials.',
        };
      }
    }
    return undefined;
  });
}

type Visitor = (node: TemplateAst, blockParams: ReadonlySet<string>) => TemplateProblem | undefined;

const CHILD_KEYS = ['body', 'program', 'inverse', 'path', 'params', 'hash', 'pairs', 'value', 'name'];

function visit(node: TemplateAst, blockParams: ReadonlySet<string>, visitor: Visitor): TemplateProblem | undefined {
  const found = visitor(node, blockParams);
  if (found) return found;
  let scope = blockParams;
  if (node.type === 'Program' && Array.isArray(node.blockParams) && node.blockParams.length > 0) {
    scope = new Set([...blockParams, ...node.blockParams.filter((p): p is string => typeof p === 'string')]);
  }
  for (const key of CHILD_KEYS) {
    const child = node[key];
    const children = Array.isArray(child) ? child : [child];
    for (const item of children) {
      if (isNode(item)) {
        const problem = visit(item, scope, visitor);
        if (problem) return problem;
      }
    }
  }
  return undefined;
}

function collectInlinePartials(node: TemplateAst, names: Set<string>): void {
  if (node.type === 'DecoratorBlock' && pathOriginal(node.path) === 'inline') {
    const first = Array.isArray(node.params) ? node.params[0] : undefined;
    if (isNode(first) && first.type === 'StringLiteral' && typeof first.value === 'string') names.add(first.value);
  }
  for (const key of CHILD_KEYS) {
    const child = node[key];
    for (const item of Array.isArray(child) ? child : [child]) if (isNode(item)) collectInlinePartials(item, names);
  }
}

function isCall(node: TemplateAst): boolean {
  return node.type === 'MustacheStatement' || node.type === 'BlockStatement' || node.type === 'SubExpression';
}

/** The helper a call names, when it is certainly a helper call (Handlebars' own rule, knownHelpersOnly). */
function helperName(node: TemplateAst, blockParams: ReadonlySet<string>): string | undefined {
  const path = node.path;
  if (!isNode(path) || path.type !== 'PathExpression' || path.data === true || path.depth !== 0) return undefined;
  const parts = path.parts;
  if (!Array.isArray(parts) || parts.length !== 1 || typeof parts[0] !== 'string') return undefined;
  const name = parts[0];
  if (blockParams.has(name) || pathOriginal(path)?.startsWith('this') || pathOriginal(path)?.startsWith('.')) {
    return undefined;
  }
  const params = Array.isArray(node.params) ? node.params.length : 0;
  const hash = isNode(node.hash);
  return node.type === 'SubExpression' || params > 0 || hash ? name : undefined;
}

function staticPartialName(name: unknown): string | undefined {
  if (!isNode(name)) return undefined;
  if (name.type === 'PathExpression' && name.data !== true) return pathOriginal(name);
  if (name.type === 'StringLiteral' && typeof name.value === 'string') return name.value;
  return undefined;
}

function pathOriginal(path: unknown): string | undefined {
  return isNode(path) && typeof path.original === 'string' ? path.original : undefined;
}

function placeOf(node: TemplateAst): TemplatePlace | undefined {
  const start = node.loc?.start;
  return start ? { line: start.line, column: start.column + 1 } : undefined;
}

function isNode(value: unknown): value is TemplateAst {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
