import { excerpt } from '@relnotes/core';
import { GitHubError, redact } from './github-error.js';
import { describeRequest, requestUrl } from './resilient-fetch.js';

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
const TITLE_OPEN = '<title';
const TITLE_CLOSE = '</title>';

/** The `<title>` of an HTML page, found by scanning (no regex); null when there is none. */
function htmlTitle(text: string): string | null {
  const lower = text.slice(0, 64 * 1024).toLowerCase();
  const open = lower.indexOf(TITLE_OPEN);
  if (open === -1) return null;
  const start = lower.indexOf('>', open);
  const end = lower.indexOf(TITLE_CLOSE, start);
  if (start === -1 || end === -1) return null;
  const title = excerpt(text.slice(start + 1, end), 60);
  return title === '' ? null : title;
}

function looksLikeJson(text: string): boolean {
  const first = text.trimStart()[0];
  return first === '{' || first === '[';
}

/** What came instead of JSON, in a few words: `an HTML page titled "Welcome to nginx!"`. */
function describeBody(contentType: string, text: string): string {
  const type = contentType.split(';')[0]?.trim() || 'no content type';
  if (type.includes('html') || text.trimStart().startsWith('<')) {
    const title = htmlTitle(text);
    return title === null ? `an HTML page (${type}): "${excerpt(text)}"` : `an HTML page titled "${title}"`;
  }
  return text.trim() === '' ? `an empty ${type} answer` : `${type}: "${excerpt(text)}"`;
}

/**
 * Every answer of the GitHub API has a JSON body (or none). Anything else — a proxy's or a web server's
 * HTML page, when apiUrl points at the wrong host or path — fails here, in one readable line, instead of
 * octokit putting the whole page in the error or code tripping over a missing field.
 */
export function expectJson(inner: typeof fetch, secret: string | undefined): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    if (NULL_BODY_STATUSES.has(response.status)) return response;
    const contentType = response.headers.get('content-type') ?? '';
    if (contentType.toLowerCase().includes('json')) return response;
    const text = await response.text();
    if (looksLikeJson(text)) {
      const copy = new Response(text, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
      Object.defineProperty(copy, 'url', { value: response.url });
      return copy;
    }
    const request = describeRequest(init?.method, requestUrl(input));
    throw new GitHubError(
      'http',
      redact(
        `${request}: expected a GitHub API JSON response, got ${describeBody(contentType, text)} (status ${response.status})`,
        secret,
      ),
      {
        status: response.status,
        request,
        hint: 'Check apiUrl (--api-url, GITHUB_API_URL): it must be the REST API base, such as https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise.',
      },
    );
  };
}
