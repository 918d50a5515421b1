import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError } from '../platform/errors.js';
import type { Platform } from '../platform/platform.js';
import { requestToken } from './auth.js';
import { drawFault, type Fault } from './faults.js';
import { readJsonBody, sendError, sendJson } from './http-io.js';
import { paginate, parseRange } from './pagination.js';
import type { RateLimiter } from './rate-limit.js';
import { matchRoute } from './router.js';
import type { Route } from './router.js';
import { ROUTES } from './routes.js';

export interface ApiHandlerOptions {
  platform: Platform;
  /** The route table; default the Platform API routes (the runtime adds its dyno routes). */
  routes?: readonly Route[];
  rateLimiter: RateLimiter;
  faults: readonly Fault[];
  random: () => number;
  latencyMs: number;
  /** Largest page a list answers (Heroku: 1000); tests lower it to exercise Next-Range. */
  maxPageSize: number;
}

/**
 * One API request, in Heroku's order: latency and injected faults first (they stand for the network and
 * the front door), then the credential, the rate limit, the route and its service call.
 */
export function createApiHandler(options: ApiHandlerOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const headers: Record<string, string> = { 'Request-Id': randomUUID() };
    try {
      if (options.latencyMs > 0) await sleep(options.latencyMs);
      const fault = drawFault(options.faults, options.random);
      if (fault?.kind === 'reset') {
        req.socket.destroy();
        return;
      }
      if (fault) throw faultError(fault.status);

      const token = requestToken(req);
      if (!token) throw new ApiError(401, 'unauthorized', 'Invalid credentials provided.');
      const limit = options.rateLimiter.take(token);
      headers['RateLimit-Remaining'] = String(limit.remaining);
      if (!limit.allowed) throw new ApiError(429, 'rate_limit', 'Your account reached the API rate limit. Please wait a few minutes before making new requests.');

      const url = new URL(req.url ?? '/', 'http://localhost');
      const match = matchRoute(options.routes ?? ROUTES, req.method ?? 'GET', url.pathname);
      if (!match) {
        throw new ApiError(404, 'not_found', 'The requested API endpoint was not found. Are you using the right HTTP verb (i.e. `GET` vs. `POST`)?');
      }
      const body = req.method === 'GET' ? {} : await readJsonBody(req);
      if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ApiError(400, 'bad_request', 'Request body must be a JSON object.');
      const result = await match.route.handle({
        params: match.params,
        body: body as Record<string, unknown>,
        headers: req.headers,
        platform: options.platform,
        rateLimitRemaining: limit.remaining,
      });

      if (match.route.ranges) {
        const range = parseRange(header(req, 'range'), match.route.ranges, options.maxPageSize);
        const page = paginate(result as unknown[], range, match.route.ranges);
        sendJson(res, page.status, page.items, { ...headers, ...page.headers });
      } else {
        sendJson(res, match.route.status ?? 200, result, headers);
      }
    } catch (error) {
      if (error instanceof ApiError) {
        sendError(res, error, headers);
        return;
      }
      console.error(`implanta local: ${req.method} ${req.url}: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent) sendError(res, new ApiError(500, 'internal_server_error', 'Internal server error.'), headers);
      else res.destroy();
    }
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function faultError(status: number): ApiError {
  if (status === 429) return new ApiError(429, 'rate_limit', 'Your account reached the API rate limit. Please wait a few minutes before making new requests.');
  if (status === 503) return new ApiError(503, 'service_unavailable', 'The API is temporarily unavailable.');
  return new ApiError(status, 'internal_server_error', 'Internal server error.');
}
