import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultInjector } from './faults.js';
import { executeGraphQL, type GraphQLRequestBody } from './graphql-execute.js';
import {
  checkAuthorization,
  etagMatches,
  etagOf,
  faultReply,
  json,
  primaryRateLimited,
  type Reply,
  requestId,
} from './http-replies.js';
import { RateLimiter, type RateResource, type RateSnapshot, rateLimitHeaders } from './rate-limit.js';
import { RepoStore } from './repo-store.js';
import { errorResponse, handleRest, matchRestRoute, notFound, type RestResponse } from './rest-routes.js';
import type { Json, Urls } from './rest-shapes.js';
import type { EmulatorOptions, EmulatorStats, GitHubEmulator, RequestLogEntry } from './types.js';

const MAX_BODY_BYTES = 25 * 1024 * 1024;
const ENTERPRISE_REST = '/api/v3';
function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function delay(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

function queryRecord(params: URLSearchParams): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [key, value] of params) record[key] = value;
  return record;
}

/** Start an emulator on 127.0.0.1. Call `close()` when done. */
export async function startGitHubEmulator(options: Readonly<EmulatorOptions>): Promise<GitHubEmulator> {
  const store = new RepoStore(options.repos);
  const faults = new FaultInjector(options.faults ?? []);
  const limiter = new RateLimiter({
    core: options.rateLimit?.core ?? 5000,
    graphql: options.rateLimit?.graphql ?? 5000,
  });
  const requests: RequestLogEntry[] = [];
  const enterprise = options.enterprise === true;
  const graphqlPath = enterprise ? '/api/graphql' : '/graphql';
  const urls: Urls = { api: '', web: (options.webUrl ?? 'https://github.com').replace(/(?<!\/)\/+$/, '') };

  const rateLimitBody = (): Json => {
    const entry = (snapshot: RateSnapshot): Json => ({
      limit: snapshot.limit,
      used: snapshot.used,
      remaining: snapshot.remaining,
      reset: snapshot.reset,
    });
    const core = entry(limiter.snapshot('core'));
    const reset = limiter.snapshot('core').reset;
    return {
      resources: {
        core,
        graphql: entry(limiter.snapshot('graphql')),
        search: { limit: 30, used: 0, remaining: 30, reset },
        integration_manifest: { limit: 5000, used: 0, remaining: 5000, reset },
      },
      rate: core,
    };
  };

  const handle = async (
    req: IncomingMessage,
    res: ServerResponse,
    holder: { entry?: RequestLogEntry },
  ): Promise<void> => {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const isGraphQL = url.pathname === graphqlPath && method === 'POST';
    let path = url.pathname;
    let outsidePrefix = false;
    if (enterprise && !isGraphQL) {
      if (path === ENTERPRISE_REST || path.startsWith(`${ENTERPRISE_REST}/`))
        path = path.slice(ENTERPRISE_REST.length) || '/';
      else outsidePrefix = true;
    }
    const entry: RequestLogEntry = {
      method,
      path: isGraphQL ? '/graphql' : path,
      query: queryRecord(url.searchParams),
      route: 'unknown',
      status: 0,
      notModified: false,
      fault: null,
      authorization: 'none',
    };
    requests.push(entry);
    holder.entry = entry;

    // GitHub's Link headers point at /repositories/{id}/…; serve those as the /repos/{owner}/{repo}/… route.
    let dispatchPath = path;
    const parts = path.split('/');
    if (parts[1] === 'repositories' && parts[2] !== undefined) {
      const repo = store.findById(Number(parts[2]));
      if (repo) dispatchPath = ['', 'repos', repo.fixture.owner, repo.fixture.name, ...parts.slice(3)].join('/');
    }
    const match = isGraphQL || outsidePrefix ? null : matchRestRoute(method, dispatchPath);
    entry.route = isGraphQL ? 'graphql' : (match?.route ?? 'unknown');

    const raw = await readBody(req);
    await delay(options.latencyMs ?? 0);

    const send = (reply: Reply, extra: Partial<RequestLogEntry> = {}): void => {
      Object.assign(entry, { status: reply.status }, extra);
      res.writeHead(reply.status, {
        'x-github-request-id': requestId(),
        'x-github-media-type': 'github.v3; format=json',
        'x-github-api-version-selected': '2022-11-28',
        vary: 'Accept, Authorization, Cookie, X-GitHub-OTP',
        ...reply.headers,
      });
      res.end(reply.status === 304 ? undefined : reply.body);
    };

    const resource: RateResource = isGraphQL ? 'graphql' : 'core';
    // A /repositories/{id}/… request is matched as its /repos/{owner}/{repo}/… path.
    const fault = faults.next(method, isGraphQL ? '/graphql' : dispatchPath, isGraphQL);
    if (fault) {
      entry.fault = fault.kind;
      if (fault.kind === 'drop-connection') {
        req.socket.destroy();
        return;
      }
      send(faultReply(fault, resource, limiter.snapshot(resource), isGraphQL));
      return;
    }

    entry.authorization = checkAuthorization(req.headers.authorization, options.token);
    if (options.token !== undefined && entry.authorization !== 'valid') {
      const message = entry.authorization === 'none' ? 'Requires authentication' : 'Bad credentials';
      const headers = rateLimitHeaders({
        limit: 60,
        remaining: 60,
        used: 0,
        reset: limiter.snapshot('core').reset,
        resource: 'core',
      });
      send(json(401, errorResponse(401, message).body, headers));
      return;
    }
    if (raw === null) {
      send(json(413, errorResponse(413, 'Request body too large').body));
      return;
    }

    const counted = entry.route !== 'GET /rate_limit';
    if (counted && limiter.exhausted(resource)) {
      send(primaryRateLimited(resource, limiter.snapshot(resource), isGraphQL));
      return;
    }

    let parsed: unknown;
    if (raw.length > 0) {
      try {
        parsed = JSON.parse(raw.toString('utf8'));
      } catch (error) {
        if (!(error instanceof SyntaxError)) throw error;
        send(json(400, errorResponse(400, 'Problems parsing JSON').body, rateLimitHeaders(limiter.consume(resource))));
        return;
      }
    }

    if (isGraphQL) {
      const snapshot = limiter.consume('graphql');
      const result = executeGraphQL((parsed ?? {}) as GraphQLRequestBody, {
        store,
        urls,
        rateLimit: {
          cost: 1,
          limit: snapshot.limit,
          remaining: snapshot.remaining,
          used: snapshot.used,
          resetAt: new Date(snapshot.reset * 1000),
        },
      });
      entry.graphqlFields = result.fields;
      send(json(result.status, result.body, rateLimitHeaders(snapshot)));
      return;
    }

    const response: RestResponse = match
      ? handleRest(
          match,
          { method, query: url.searchParams, body: parsed ?? {} },
          { store, urls, now: () => new Date(), rateLimitBody },
        )
      : notFound();
    const body = JSON.stringify(response.body);
    if (method === 'GET' && response.status === 200) {
      const etag = etagOf(body);
      const cache = { etag, 'cache-control': 'private, max-age=60, s-maxage=60' };
      if (etagMatches(req.headers['if-none-match'], etag)) {
        // Like GitHub, a conditional request answered with 304 costs nothing.
        send(
          { status: 304, headers: { ...cache, ...rateLimitHeaders(limiter.snapshot(resource)) }, body: '' },
          { notModified: true },
        );
        return;
      }
      const snapshot = counted ? limiter.consume(resource) : limiter.snapshot(resource);
      send(json(200, response.body, { ...cache, ...rateLimitHeaders(snapshot), ...response.headers }));
      return;
    }
    send(json(response.status, response.body, { ...rateLimitHeaders(limiter.consume(resource)), ...response.headers }));
  };

  const server = createServer((req, res) => {
    const holder: { entry?: RequestLogEntry } = {};
    handle(req, res, holder).catch((error: unknown) => {
      // An emulator bug must surface in the test that hit it, as a 500 naming the cause.
      if (holder.entry) holder.entry.status = 500;
      if (res.headersSent) {
        res.destroy(error instanceof Error ? error : undefined);
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ message: `Emulator error: ${message}` }));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  urls.api = enterprise ? `${origin}${ENTERPRISE_REST}` : origin;

  return {
    url: urls.api,
    graphqlUrl: `${origin}${graphqlPath}`,
    requests,
    stats(): EmulatorStats {
      const byRoute: Record<string, number> = {};
      for (const entry of requests) byRoute[entry.route] = (byRoute[entry.route] ?? 0) + 1;
      return { requests: requests.length, byRoute };
    },
    setFaults(plan) {
      faults.replace(plan);
    },
    reset() {
      requests.length = 0;
      faults.reset();
      limiter.reset();
      store.reset();
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
