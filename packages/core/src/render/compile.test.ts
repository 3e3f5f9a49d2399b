import { describe, expect, it } from 'vitest';
import { RelnotesError } from '../errors.js';
import { compileTemplate } from './compile.js';
import type { RenderContext } from './types.js';

function compileError(run: () => unknown): RelnotesError {
  try {
    run();
  } catch (error) {
    if (error instanceof RelnotesError) return error;
    throw error;
  }
  throw new Error('expected a RelnotesError');
}

const ctx = (value: unknown) => value as RenderContext;

describe('compileTemplate', () => {
  it('renders with partials and custom helpers on its own instance', () => {
    const template = compileTemplate('{{#each xs}}{{> item}}{{/each}}', {
      partials: { item: '<{{shout this}}>' },
      helpers: { shout: (value) => String(value).toUpperCase() },
    });
    expect(template(ctx({ xs: ['a', 'b'] }))).toBe('<A><B>');
    // Helpers registered for one template do not leak into another.
    expect(() => compileTemplate('{{shout x}}')).toThrow(/unknown helper "shout"/);
  });

  it('keeps standalone block lines out of the output', () => {
    const template = compileTemplate('{{#each xs}}\n- {{this}}\n{{/each}}\n');
    expect(template(ctx({ xs: ['a', 'b'] }))).toBe('- a\n- b\n');
  });

  it('supports inline partials and sections over context fields', () => {
    const template = compileTemplate(
      '{{#*inline "x"}}[{{this}}]{{/inline}}{{#each xs}}{{> x}}{{/each}}{{#if xs}}!{{/if}}',
    );
    expect(template(ctx({ xs: [1, 2] }))).toBe('[1][2]!');
  });

  it('joins adjacent numbers as text (plain Handlebars with noEscape adds them)', () => {
    const template = compileTemplate('{{a}}{{b}}|{{#each xs as |x i|}}{{x}}{{i}},{{/each}}|{{{a}}}{{b}}');
    expect(template(ctx({ a: 1, b: 2, xs: [1, 2] }))).toBe('12|10,21,|12');
    expect(compileTemplate('{{a}}{{b}}')(ctx({ a: null, b: 2 }))).toBe('2');
  });

  it('does not offer the log helper (a library never prints)', () => {
    expect(() => compileTemplate('{{log "x" 1}}')).toThrow(/unknown helper "log"/);
  });

  it('does not reach into prototypes', () => {
    // `constructor` resolves to nothing, so `.name` is missing (it would be "Object" otherwise).
    const template = compileTemplate('[{{#with x}}{{constructor.name}}{{/with}}]');
    expect(() => template(ctx({ x: {} }))).toThrow(/"name" is not defined/);
  });
});

describe('template errors', () => {
  it('a syntax error names the file, line and column and shows the line', () => {
    const error = compileError(() => compileTemplate('# Title\n\n- {{note-text this}\n', { name: 'packs/x/main.hbs' }));
    expect(error.code).toBe('E_TEMPLATE');
    expect(error.file).toBe('packs/x/main.hbs');
    expect(error.line).toBe(3);
    expect(error.column).toBe(19);
    expect(error.message).toContain('packs/x/main.hbs:3:19: syntax error');
    expect(error.message).toContain('\n3 | - {{note-text this}\n');
  });

  it('an unclosed block names where the template ends', () => {
    const error = compileError(() => compileTemplate('a\n{{#each xs}}\nb\n', { name: 'main.hbs' }));
    expect(error.code).toBe('E_TEMPLATE');
    expect(error.message).toMatch(/^main\.hbs:4:1: syntax error: unexpected end of template/);
  });

  it('a mismatched closing block names the block', () => {
    const error = compileError(() => compileTemplate('x\n  {{#if a}}\n{{/each}}', { name: 'main.hbs' }));
    expect(error.message).toMatch(/^main\.hbs:2:6: if doesn't match each/);
    expect(error.line).toBe(2);
    expect(error.column).toBe(6);
  });

  it('an unclosed comment is a syntax error on its line', () => {
    const error = compileError(() => compileTemplate('ok\n {{!-- note', { name: 'main.hbs' }));
    expect(error.message).toMatch(/^main\.hbs:2:2: syntax error/);
  });

  it('an unknown helper is reported at compile time with its place', () => {
    const error = compileError(() => compileTemplate('line one\n  {{shout title}}', { name: 'main.hbs' }));
    expect(error.code).toBe('E_TEMPLATE');
    expect(error.message).toMatch(/^main\.hbs:2:3: unknown helper "shout"/);
    expect(error.message).toContain('2 |   {{shout title}}\n      ^');
    expect(error.hint).toContain('note-text');
  });

  it('an unknown partial is reported at compile time, in the partial file that uses it', () => {
    const error = compileError(() =>
      compileTemplate('{{> outer}}', {
        name: 'main.hbs',
        partials: { outer: 'a\n{{> inner}}' },
        partialFiles: { outer: 'partials/outer.hbs' },
      }),
    );
    expect(error.code).toBe('E_TEMPLATE');
    expect(error.message).toMatch(/^partials\/outer\.hbs:2:1: unknown partial "inner"/);
    expect(error.hint).toBe('Known partials: outer.');
  });

  it('a partial without a file is named by its partial name', () => {
    const error = compileError(() => compileTemplate('x', { partials: { row: '{{#if}}' } }));
    expect(error.message).toMatch(/^partial "row":1:8: syntax error/);
  });

  it('a missing field in strict mode names the field, file, line and column', () => {
    const template = compileTemplate('# {{release.version}}\n\n{{#each notes}}\n- {{txt}}\n{{/each}}', {
      name: 'main.hbs',
    });
    const error = compileError(() => template(ctx({ release: { version: 'v1' }, notes: [{ text: 'x' }] })));
    expect(error.code).toBe('E_TEMPLATE_RENDER');
    expect(error.message).toMatch(/^main\.hbs:4:5: "txt" is not defined here \(templates run in strict mode\)/);
    expect(error.message).toContain('\n4 | - {{txt}}\n        ^');
    expect(error.line).toBe(4);
    expect(error.column).toBe(5);
  });

  it('a missing field inside a partial names the partial file', () => {
    const template = compileTemplate('{{#each notes}}{{> note}}{{/each}}', {
      name: 'main.hbs',
      partials: { note: '- {{text}}\n  {{author.nme}}\n' },
      partialFiles: { note: 'partials/note.hbs' },
    });
    const error = compileError(() => template(ctx({ notes: [{ text: 'x', author: { name: 'a' } }] })));
    expect(error.code).toBe('E_TEMPLATE_RENDER');
    expect(error.file).toBe('partials/note.hbs');
    expect(error.message).toMatch(/^partials\/note\.hbs:2:5: "nme" is not defined here/);
  });

  it('a helper that throws is named, with the place of the call', () => {
    const template = compileTemplate('a\n\n {{pr-link this}}', { name: 'main.hbs' });
    const error = compileError(() => template(ctx({ pr: 'not a number' })));
    expect(error.code).toBe('E_TEMPLATE_RENDER');
    expect(error.message).toMatch(/^main\.hbs:3:2: helper "pr-link" failed: expects a note with a PR number/);
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it('a custom helper that throws is named too, even inside a block helper', () => {
    const template = compileTemplate('{{#wrap}}{{boom 1}}{{/wrap}}', {
      name: 'main.hbs',
      helpers: {
        wrap(this: unknown, ...args: unknown[]) {
          const options = args[args.length - 1] as { fn: (context: unknown) => string };
          return `(${options.fn(this)})`;
        },
        boom: () => {
          throw new Error('no way');
        },
      },
    });
    const error = compileError(() => template(ctx({})));
    expect(error.message).toMatch(/^main\.hbs:1:10: helper "boom" failed: no way/);
  });

  it('a dynamic partial that does not exist fails at render time, naming the template', () => {
    const template = compileTemplate('{{> (lookup this "p")}}', { name: 'main.hbs' });
    const error = compileError(() => template(ctx({ p: 'nope' })));
    expect(error.code).toBe('E_TEMPLATE_RENDER');
    expect(error.message).toBe('main.hbs: The partial nope could not be found');
  });
});

describe('template errors of a pack', () => {
  it('a syntax error in a pack partial names the pack after file:line:column and shows the line', () => {
    const error = compileError(() =>
      compileTemplate('{{> urgent}}', {
        name: '/packs/mine/main.hbs',
        pack: 'mine',
        partials: { urgent: 'a\nb\n  {{#if x}}{{/each}}' },
        partialFiles: { urgent: '/packs/mine/partials/urgent.hbs' },
      }),
    );
    expect(error.code).toBe('E_TEMPLATE');
    expect(error.file).toBe('/packs/mine/partials/urgent.hbs');
    expect(error.message).toMatch(/^\/packs\/mine\/partials\/urgent\.hbs:3:6: in pack "mine": if doesn't match each/);
    expect(error.message).toContain('\n3 |   {{#if x}}{{/each}}\n         ^');
  });

  it('a missing field at render time names the pack too', () => {
    const template = compileTemplate('x\n{{nope}}', { name: 'main.hbs', pack: 'mine' });
    const error = compileError(() => template(ctx({})));
    expect(error.message).toMatch(/^main\.hbs:2:3: in pack "mine": "nope" is not defined here/);
  });

  it('a pack helper that throws names itself, its helpers file, the pack, the template file, line and column', () => {
    const template = compileTemplate('a\n  {{sig-count sigs}}', {
      name: '/packs/mine/main.hbs',
      pack: 'mine',
      helpers: {
        'sig-count': () => {
          throw new RangeError('too many SIGs');
        },
      },
      helperFiles: { 'sig-count': '/packs/base/helpers.mjs' },
    });
    const error = compileError(() => template(ctx({ sigs: [] })));
    expect(error.code).toBe('E_TEMPLATE_RENDER');
    expect(error.message).toMatch(
      /^\/packs\/mine\/main\.hbs:2:3: in pack "mine": helper "sig-count" from \/packs\/base\/helpers\.mjs failed: too many SIGs/,
    );
    expect(error.cause).toBeInstanceOf(RangeError);
  });

  it('a built-in helper that throws inside a pack names the pack but no helpers file', () => {
    const template = compileTemplate('{{pr-link this}}', {
      name: 'main.hbs',
      pack: 'mine',
      helperFiles: { 'pr-link': '/nowhere/helpers.mjs' },
    });
    const error = compileError(() => template(ctx({ pr: 'x' })));
    expect(error.message).toMatch(/^main\.hbs:1:1: in pack "mine": helper "pr-link" failed: /);
  });
});
