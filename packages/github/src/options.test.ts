import { describe, expect, it } from 'vitest';
import { GitHubError } from './github-error.js';
import { resolveEndpoints, withoutUserInfo } from './options.js';

function usageError(run: () => unknown): GitHubError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(GitHubError);
  expect((caught as GitHubError).kind).toBe('usage');
  return caught as GitHubError;
}

describe('resolveEndpoints', () => {
  it('derives GraphQL from the REST base, for github.com and GitHub Enterprise', () => {
    expect(resolveEndpoints(undefined).graphqlUrl).toBe('https://api.github.com/graphql');
    expect(resolveEndpoints('https://ghe.example.test/api/v3/').graphqlUrl).toBe(
      'https://ghe.example.test/api/graphql',
    );
  });

  it('rejects a URL holding credentials at once, without showing them', () => {
    const error = usageError(() => resolveEndpoints('http://x:ghp_secretInUrl@ghe.example.test/api/v3'));
    expect(error.message).toBe(
      'apiUrl must not hold credentials (http://…@ghe.example.test): pass the token as GITHUB_TOKEN or with --token-file',
    );
    expect(usageError(() => resolveEndpoints('https://ghp_secretInUrl@ghe.example.test')).message).not.toContain(
      'ghp_secretInUrl',
    );
  });

  it('does not echo credentials of a URL it cannot parse', () => {
    const error = usageError(() => resolveEndpoints('http://x:ghp_secretInUrl@ghe.example.test:notaport'));
    expect(error.message).toBe('apiUrl is not a URL: "http://…@ghe.example.test:notaport"');
    expect(withoutUserInfo('https://host.test/path@v3')).toBe('https://host.test/path@v3');
  });
});
