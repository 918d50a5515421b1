import { InputError } from '../core/errors.js';
import { hideCredentials } from '../project/requirements/url-credentials.js';
import { toolVersion } from '../core/version.js';

/**
 * A fact from a remote index could not be had: the service was unreachable, timed out, or answered
 * something that is not what its API documents. The message names the service and the URL, and is
 * what the report shows as the skip reason.
 */
export class ServiceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServiceError';
  }
}

export interface JsonResponse {
  status: number;
  headers: Headers;
  /** Parsed body; undefined for statuses without one (304, 404). */
  body: unknown;
}

export interface JsonRequest {
  /** Service name for messages: "PyPI", "OSV". */
  service: string;
  method?: 'GET' | 'POST';
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs: number;
  /** Statuses the caller handles itself (no body is parsed for them). */
  accept?: readonly number[];
}

/** One JSON request with a timeout; every failure becomes a ServiceError naming the URL. */
export async function requestJson(url: string, req: JsonRequest): Promise<JsonResponse> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: req.method ?? 'GET',
      headers: {
        accept: 'application/json',
        'user-agent': `implanta/${toolVersion()}`,
        ...(req.body !== undefined && { 'content-type': 'application/json' }),
        ...req.headers,
      },
      ...(req.body !== undefined && { body: JSON.stringify(req.body) }),
      signal: AbortSignal.timeout(req.timeoutMs),
    });
  } catch (error) {
    throw new ServiceError(`${req.service} not reachable at ${url}: ${networkReason(error, req.timeoutMs)}`);
  }
  if (req.accept?.includes(response.status)) {
    await response.body?.cancel();
    return { status: response.status, headers: response.headers, body: undefined };
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new ServiceError(`${req.service} answered ${url} with HTTP ${response.status}`);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new ServiceError(`${req.service} not reachable at ${url}: ${networkReason(error, req.timeoutMs)}`);
  }
  try {
    return { status: response.status, headers: response.headers, body: JSON.parse(text) };
  } catch {
    throw new ServiceError(`${req.service} answered ${url} with invalid JSON`);
  }
}

/** fetch hides the useful part (ECONNREFUSED, a DNS failure) in `cause`. */
function networkReason(error: unknown, timeoutMs: number): string {
  const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return `no answer within ${timeoutMs / 1000} s`;
  return err.cause?.code ?? err.cause?.message ?? err.message ?? String(error);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Runs `fn` over `items` with at most `limit` calls in flight, keeping the input order in the result. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * A base URL as given by a flag (`--pypi-url https://user:token@mirror.example/`). fetch refuses URLs
 * with credentials, and messages must never show them: they move into an Authorization header, and
 * the URL kept for requests and messages has none. Trailing slashes go, so paths join cleanly.
 */
export function baseUrlOf(flag: string, value: string): { url: string; headers: Record<string, string> } {
  let parsed: URL | undefined;
  try {
    parsed = new URL(value);
  } catch {
    // reported below, like any other URL implanta cannot use
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new InputError(`${flag} ${hideCredentials(value)}: expected an http(s) URL`);
  }
  const headers: Record<string, string> = {};
  if (parsed.username || parsed.password) {
    const user = `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`;
    headers.authorization = `Basic ${Buffer.from(user).toString('base64')}`;
    parsed.username = '';
    parsed.password = '';
  }
  return { url: parsed.toString().replace(/\/+$/, ''), headers };
}
