import { describe, expect, it } from 'vitest';
import * as api from './index.js';

describe('@relnotes/github', () => {
  it('exports exactly its public API', () => {
    expect(Object.keys(api).sort()).toEqual([
      'GitHubError',
      'createGitHubSource',
      'createOrUpdateDraftRelease',
      'defaultCacheDir',
      'resolveReleaseRange',
    ]);
  });
});
