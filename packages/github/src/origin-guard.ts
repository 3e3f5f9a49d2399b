import { GitHubError } from './github-error.js';
import { describeRequest, requestUrl } from './resilient-fetch.js';

/**
 * Sends requests only to the API's own origin. octokit's `paginate` follows whatever URL a `Link`
 * header names, and octokit adds the token to every request: a foreign host must never see it.
 */
export function guardOrigin(inner: typeof fetch, origin: string): typeof fetch {
  return (input, init) => {
    const url = requestUrl(input);
    let target: string;
    try {
      target = new URL(url).origin;
    } catch {
      target = 'an invalid URL';
    }
    if (target !== origin) {
      return Promise.reject(
        new GitHubError('unsafe-url', `refusing to send a request to ${target}: only ${origin} may receive the token`, {
          request: describeRequest(init?.method, url),
          hint: 'A Link header or a redirect named another host; check apiUrl.',
        }),
      );
    }
    return inner(input, init);
  };
}
