import { compileTemplate, type Template } from '@relnotes/core';
import type { TemplatePack } from './load-template-pack.js';

/**
 * Compiles a loaded pack's main template with its partials and helpers; every error names the pack and
 * the file, line and column, and a helper of the pack that throws also names its helpers.mjs.
 */
export function compileTemplatePack(pack: Readonly<TemplatePack>): Template {
  return compileTemplate(pack.main, {
    name: pack.mainFile,
    pack: pack.name,
    partials: pack.partials,
    partialFiles: pack.partialFiles,
    helpers: pack.helpers,
    helperFiles: pack.helperFiles,
  });
}
