import { describeError, GitHubError } from './github-error.js';
import { describeRequest } from './resilient-fetch.js';

interface HttpErrorLike {
  status: number;
  request?: { method?: string; url?: string };
}

function findGitHubError(error: unknown): GitHubError | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    if (current instanceof GitHubError) return current;
    current = current.cause;
  }
  return null;
}

function isHttpError(error: unknown): error is HttpErrorLike {
  return error instanceof Error && typeof (error as Partial<HttpErrorLike>).status === 'number';
}

/**
 * Turns whatever octokit threw into a GitHubError without the token. The original error is not kept as
 * `cause`: octokit errors carry the request options, and those can carry credentials.
 */
export function translateError(error: unknown, secret: string | undefined): GitHubError {
  const known = findGitHubError(error);
  if (known) return known;
  const reason = describeError(error, secret);
  if (!isHttpError(error)) return new GitHubError('http', `GitHub request failed: ${reason}`);
  const request = describeRequest(error.request?.method, error.request?.url ?? '');
  const status = error.status;
  if (status === 401) {
    return new GitHubError('auth', `${request}: GitHub rejected the credentials (401): ${reason}`, {
      status,
      request,
      hint: 'Check the token (GITHUB_TOKEN): is it set, unexpired, and allowed to read this repository?',
    });
  }
  if (status === 403) {
    return new GitHubError('auth', `${request}: GitHub refused the request (403): ${reason}`, {
      status,
      request,
      hint: 'The token may lack access to this repository, or SSO authorisation.',
    });
  }
  if (status === 404) {
    return new GitHubError('not-found', `${request}: not found (404): ${reason}`, {
      status,
      request,
      hint: 'Check the repository name and apiUrl; private repositories need a token.',
    });
  }
  return new GitHubError('http', `${request}: GitHub answered ${status}: ${reason}`, { status, request });
}
