import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFeatureIndex } from './load-feature-index.js';

let root: string;

async function put(path: string, text: string): Promise<void> {
  await mkdir(join(root, path, '..'), { recursive: true });
  await writeFile(join(root, path), text);
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'relnotes-keps-'));
  await put(
    'enhancements/keps/sig-node/2001-gizmo-pools/kep.yaml',
    'title: Gizmo pools\nkep-number: 2001\nowning-sig: sig-node\nmilestone:\n  alpha: "v1.50"\n',
  );
  await put(
    'enhancements/keps/sig-node/sub/2002-gizmo-sizes/kep.yaml',
    'title: Gizmo sizes\nkep-number: 2002\nmilestone:\n  beta: TBD\n',
  );
  await put('enhancements/keps/sig-node/2003-broken/kep.yaml', 'title: [broken\n');
  await put('enhancements/keps/sig-node/templates/kep.yaml', 'title: Not a KEP\nkep-number: 1\n');
  await put('enhancements/keps/sig-node/2001-gizmo-pools/README.md', '# Gizmo pools\n');
  await put(
    'features.yaml',
    'features:\n  - id: gizmo-ui\n    title: Gizmo UI\n    sig: ui\n    stages: { v0.2: beta }\n',
  );
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('loadFeatureIndex', () => {
  it('reads every kep.yaml in a numbered folder below an enhancements checkout', async () => {
    const index = await loadFeatureIndex({ kepsDir: join(root, 'enhancements') });
    expect(index.features.map((f) => f.dir)).toEqual([
      'keps/sig-node/2001-gizmo-pools',
      'keps/sig-node/sub/2002-gizmo-sizes',
    ]);
    const rules = index.diagnostics.map((d) => d.ruleId).sort();
    expect(rules).toEqual(['kep-milestone', 'kep-yaml']);
    expect(index.diagnostics.find((d) => d.ruleId === 'kep-yaml')?.file).toBe(
      join(root, 'enhancements/keps/sig-node/2003-broken/kep.yaml'),
    );
  });

  it('reads KEPs and a features.yaml into one index', async () => {
    const index = await loadFeatureIndex({
      kepsDir: join(root, 'enhancements/keps'),
      featuresFile: join(root, 'features.yaml'),
    });
    expect(index.features.map((f) => f.id).sort()).toEqual(['2001', '2002', 'gizmo-ui']);
  });

  it('throws E_IO naming a missing folder or file, and E_INPUT for a folder with no KEPs', async () => {
    await expect(loadFeatureIndex({ kepsDir: join(root, 'nope') })).rejects.toMatchObject({
      code: 'E_IO',
      file: join(root, 'nope'),
    });
    await expect(loadFeatureIndex({ featuresFile: join(root, 'none.yaml') })).rejects.toMatchObject({ code: 'E_IO' });
    await mkdir(join(root, 'empty'));
    await expect(loadFeatureIndex({ kepsDir: join(root, 'empty') })).rejects.toMatchObject({ code: 'E_INPUT' });
  });
});
