import Handlebars from 'handlebars';
import { RelnotesError } from '../errors.js';
import { markdownHelpers } from './helpers.js';
import { useStringOutputCompiler } from './string-output-compiler.js';
import { checkTemplateNames, type TemplateAst } from './template-check.js';
import {
  createTemplateError,
  HelperFailure,
  messageOf,
  type TemplateOrigin,
  type TemplatePlace,
} from './template-error.js';
import type { HelperFn, RenderContext, Template } from './types.js';

export interface CompileOptions {
  /** The template's file path, named in errors. */
  name?: string;
  /** Partial name → source. */
  partials?: Readonly<Record<string, string>>;
  /** Extra helpers; they override built-in ones of the same name. */
  helpers?: Readonly<Record<string, HelperFn>>;
  /** Partial name → file path, named in errors. */
  partialFiles?: Readonly<Record<string, string>>;
  /** Helper name → the file that defines it (a pack's helpers.mjs), named when the helper throws. */
  helperFiles?: Readonly<Record<string, string>>;
  /** The template pack's name, named in every error with the file, line and column. */
  pack?: string;
}

type HandlebarsEnv = ReturnType<typeof Handlebars.create>;
type CompiledFn = (context: unknown, options?: unknown) => string;

/** Handlebars' own helpers that stay available (`log` is removed: a library does not print). */
const BUILTIN_HELPERS = ['if', 'unless', 'each', 'with', 'lookup', 'blockHelperMissing', 'helperMissing'];

const PROTO_ACCESS = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false };

const RENDER_HINT = 'Fix the template, or check that the field exists in the render context (see templates/README.md).';

/**
 * Compiles a Handlebars template in its own environment: strict mode, no HTML escaping,
 * only the built-in and given helpers. Syntax errors and unknown helpers or partials are
 * RelnotesError `E_TEMPLATE`; errors while rendering are `E_TEMPLATE_RENDER`.
 */
export function compileTemplate(source: string, options: Readonly<CompileOptions> = {}): Template {
  const env = Handlebars.create();
  useStringOutputCompiler(env);
  env.unregisterHelper('log');
  const helpers: Record<string, HelperFn> = { ...markdownHelpers, ...options.helpers };
  for (const [name, fn] of Object.entries(helpers)) {
    const file = Object.hasOwn(options.helpers ?? {}, name) ? options.helperFiles?.[name] : undefined;
    env.registerHelper(name, wrapHelper(name, fn, file));
  }
  const knownHelpers = new Set([...BUILTIN_HELPERS, ...Object.keys(helpers)]);
  const partials = options.partials ?? {};
  const partialNames = new Set(Object.keys(partials));
  const compileOptions = {
    strict: true,
    noEscape: true,
    knownHelpersOnly: true,
    knownHelpers: Object.fromEntries(Object.keys(helpers).map((name) => [name, true])),
  };

  const build = (origin: TemplateOrigin): CompiledFn => {
    const ast = parseTemplate(env, origin);
    const problem = checkTemplateNames(ast, knownHelpers, partialNames);
    if (problem) throw createTemplateError('E_TEMPLATE', origin, problem.message, problem.place, problem.hint);
    const compiled = env.compile(ast, compileOptions) as CompiledFn;
    return (context, runtimeOptions) => {
      try {
        return compiled(context, runtimeOptions);
      } catch (error) {
        throw toRenderError(error, origin);
      }
    };
  };

  for (const [name, text] of Object.entries(partials)) {
    const file = options.partialFiles?.[name] ?? `partial "${name}"`;
    env.registerPartial(name, build({ file, source: text, pack: options.pack }));
  }
  const main = build({ file: options.name ?? 'template', source, pack: options.pack });
  // Explicitly false (not just unset): Handlebars then denies prototype properties without logging a warning.
  return (context: RenderContext) => main(context, PROTO_ACCESS);
}

function parseTemplate(env: HandlebarsEnv, origin: Readonly<TemplateOrigin>): TemplateAst {
  try {
    return env.parseWithoutProcessing(origin.source) as unknown as TemplateAst;
  } catch (error) {
    const { problem, place } = describeParseError(error);
    throw createTemplateError(
      'E_TEMPLATE',
      origin,
      problem,
      place,
      'Check that every {{#block}} is closed by a matching {{/block}} and every {{ by }}.',
      error,
    );
  }
}

interface LexerState {
  Parser?: { lexer?: { yylloc?: { first_line?: number; first_column?: number } } };
}

/** Handlebars' parse errors carry no position; its (synchronous) lexer still holds the failing token's. */
function describeParseError(error: unknown): { problem: string; place: Partial<TemplatePlace> | undefined } {
  const message = messageOf(error);
  if (error instanceof Handlebars.Exception && typeof error.lineNumber === 'number') {
    return { problem: cleanMessage(message), place: placeOf(error.lineNumber, error.column) };
  }
  const head = /^(Parse|Lexical) error on line (\d+)/.exec(message);
  if (!head) return { problem: message, place: undefined };
  const line = Number(head[2]);
  const loc = (Handlebars as unknown as LexerState).Parser?.lexer?.yylloc;
  const column = loc?.first_line === line && typeof loc.first_column === 'number' ? loc.first_column + 1 : undefined;
  const expecting = /\nExpecting (.*), got '([^']*)'/.exec(message);
  const problem = expecting
    ? `syntax error: unexpected ${describeToken(expecting[2] ?? '')}`
    : head[1] === 'Lexical'
      ? 'syntax error: unrecognised text (an unclosed {{!-- comment --}} or {{ ?)'
      : 'syntax error';
  return { problem, place: { line, ...(column === undefined ? {} : { column }) } };
}

function describeToken(token: string): string {
  if (token === 'EOF') return 'end of template (a block is not closed)';
  if (token === 'INVALID') return 'text inside {{ }}';
  return `'${token}'`;
}

function toRenderError(error: unknown, origin: Readonly<TemplateOrigin>): RelnotesError {
  if (error instanceof RelnotesError) return error;
  if (error instanceof HelperFailure) {
    return createTemplateError(
      'E_TEMPLATE_RENDER',
      origin,
      error.message,
      error.place,
      'Check the arguments given to the helper (see templates/README.md).',
      error.cause,
    );
  }
  if (error instanceof Handlebars.Exception && typeof error.lineNumber === 'number') {
    return createTemplateError(
      'E_TEMPLATE_RENDER',
      origin,
      cleanMessage(error.message),
      placeOf(error.lineNumber, error.column),
      RENDER_HINT,
      error,
    );
  }
  return createTemplateError('E_TEMPLATE_RENDER', origin, messageOf(error), undefined, RENDER_HINT, error);
}

/** Drops Handlebars' ` - 2:4` suffix and its `[object Object]`. */
function cleanMessage(message: string): string {
  const bare = message.replace(/ - \d+:\d+$/, '');
  const missing = /^"([^"]*)" not defined in /.exec(bare);
  return missing ? `"${missing[1]}" is not defined here (templates run in strict mode)` : bare;
}

function placeOf(line: number, column: unknown): Partial<TemplatePlace> {
  return typeof column === 'number' ? { line, column: column + 1 } : { line };
}

/** Names the helper in anything it throws; Handlebars' and our own errors pass through. */
function wrapHelper(name: string, fn: HelperFn, file: string | undefined): HelperFn {
  return function (this: unknown, ...args: unknown[]) {
    try {
      return fn.apply(this, args);
    } catch (error) {
      if (error instanceof RelnotesError || error instanceof HelperFailure || error instanceof Handlebars.Exception) {
        throw error;
      }
      throw new HelperFailure(name, helperPlace(args[args.length - 1]), error, file);
    }
  };
}

function helperPlace(options: unknown): TemplatePlace | undefined {
  const start = (options as { loc?: { start?: { line?: unknown; column?: unknown } } } | undefined)?.loc?.start;
  if (typeof start?.line !== 'number' || typeof start.column !== 'number') return undefined;
  return { line: start.line, column: start.column + 1 };
}
