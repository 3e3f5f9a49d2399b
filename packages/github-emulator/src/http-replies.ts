// HTTP answers shared by the REST and GraphQL sides: JSON, ETags, auth, rate limits and faults.
import { createHash, randomBytes } from 'node:crypto';
import type { FiredFault } from './faults.js';
import { type RateResource, type RateSnapshot, rateLimitHeaders } from './rate-limit.js';
import { errorResponse } from './rest-routes.js';
import type { Json } from './rest-shapes.js';
import type { RequestLogEntry } from './types.js';

const RATE_DOCS = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api';
const SECONDARY_DOCS = `${RATE_DOCS}#about-secondary-rate-limits`;

const BAD_GATEWAY_HTML = `<!DOCTYPE html>
<html>
  <head><meta http-equiv="Content-type" content="text/html; charset=utf-8"><title>Unicorn! &middot; GitHub</title></head>
  <body><p><strong>We couldn't respond to your request in time.</strong></p>
  <p>Sorry about that. Please try refreshing and contact us if the problem persists.</p></body>
</html>
`;

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function requestId(): string {
  const hex = randomBytes(10).toString('hex').toUpperCase();
  return `${hex.slice(0, 4)}:${hex.slice(4, 8)}:${hex.slice(8, 14)}:${hex.slice(14, 20)}`;
}

export function json(status: number, body: Json, headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

/** `token X` or `bearer X` (case-insensitive scheme), compared with the configured token; never stored. */
export function checkAuthorization(
  header: string | undefined,
  token: string | undefined,
): RequestLogEntry['authorization'] {
  if (header === undefined || header.trim() === '') return 'none';
  const value = header.trim();
  const space = value.indexOf(' ');
  const scheme = space < 0 ? '' : value.slice(0, space).toLowerCase();
  const credential = space < 0 ? '' : value.slice(space + 1).trim();
  if (scheme !== 'token' && scheme !== 'bearer') return 'invalid';
  if (token === undefined) return 'valid';
  return credential === token ? 'valid' : 'invalid';
}

export function etagOf(body: string): string {
  return `W/"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`;
}

/** Weak comparison, like GitHub: `W/"x"` and `"x"` match; `*` matches anything. */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const strip = (tag: string): string => (tag.startsWith('W/') ? tag.slice(2) : tag);
  return header.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || strip(tag) === strip(etag);
  });
}

/** GitHub's primary limit: REST 403 with remaining 0; GraphQL 200 with a RATE_LIMITED error. */
export function primaryRateLimited(resource: RateResource, snapshot: RateSnapshot, graphql: boolean): Reply {
  const headers = rateLimitHeaders({ ...snapshot, remaining: 0, used: snapshot.limit, resource });
  const message = 'API rate limit exceeded for user ID 1.';
  if (graphql) return json(200, { errors: [{ type: 'RATE_LIMITED', message }] }, headers);
  const help = `If you reach out to GitHub Support for help, please include the request ID ${requestId()}.`;
  const body = errorResponse(403, `${message} ${help}`).body as Record<string, Json>;
  return json(403, { ...body, documentation_url: RATE_DOCS }, headers);
}

/** The answer to an injected fault; `drop-connection` has none (the caller destroys the socket). */
export function faultReply(fault: FiredFault, resource: RateResource, snapshot: RateSnapshot, graphql: boolean): Reply {
  switch (fault.kind) {
    case '502':
      return { status: 502, headers: { 'content-type': 'text/html; charset=utf-8' }, body: BAD_GATEWAY_HTML };
    case 'secondary-rate-limit':
      return json(
        403,
        {
          message: `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${requestId()}.`,
          documentation_url: SECONDARY_DOCS,
          status: '403',
        },
        { ...rateLimitHeaders(snapshot), 'retry-after': String(fault.retryAfterSeconds) },
      );
    case 'primary-rate-limit': {
      const reset = Math.floor(Date.now() / 1000) + fault.retryAfterSeconds;
      return primaryRateLimited(resource, { ...snapshot, reset }, graphql);
    }
    case 'drop-connection':
      throw new Error('drop-connection has no reply');
  }
}
