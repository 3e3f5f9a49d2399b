// The public API of @relnotes/templates. Named exports only, listed by hand.

export { builtinPackDir, listBuiltinPacks } from './builtin-packs.js';
export { compileTemplatePack } from './compile-template-pack.js';
export type { TemplatePack } from './load-template-pack.js';
export { loadTemplatePack } from './load-template-pack.js';
