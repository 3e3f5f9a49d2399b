import { expect, it } from 'vitest';
import * as cli from './index.js';

it('exports exactly the documented public API', () => {
  expect(Object.keys(cli).sort()).toEqual(['VERSION', 'main', 'processIo']);
});
