import { expect, it } from 'vitest';
import * as templates from './index.js';

it('exports exactly the documented public API', () => {
  expect(Object.keys(templates).sort()).toEqual([
    'builtinPackDir',
    'compileTemplatePack',
    'listBuiltinPacks',
    'loadTemplatePack',
  ]);
});
