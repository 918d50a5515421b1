import { PlatformError } from '../core/errors.js';
import { Redactor } from '../core/redact.js';
import { describeFailure } from './api-error.js';
import { RatePacer } from './rate-pacer.js';
import { DEFAULT_BACKOFF, backoffMs, isRetryable, retryAfterMs, type Outcome } from './retry-policy.js';

export const DEFAULT_API_URL = 'https://api.heroku.com';
/** Heroku's largest page; asking for it keeps long lists to few round trips. */
const PAGE_MAX = 1000;

/** Time as the client sees it; tests pass one that does not really wait. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface HerokuClientOptions {
  token: string;
  /** https://api.heroku.com unless --api-url / IMPLANTA_API_URL says otherwise. */
  baseUrl?: string;
  userAgent?: string;
  fetch?: typeof fetch;
  /** Retries after the first attempt. */
  maxRetries?: number;
  /** Per attempt, headers and body together. */
  timeoutMs?: number;
  /** No retry starts once this much time has gone by since the first attempt. */
  retryBudgetMs?: number;
  clock?: Clock;
}

interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

export interface ApiResponse<T> {
  status: number;
  headers: Headers;
  data: T;
}

/**
 * The Heroku Platform API v3 client. Requests are independent (no queue, no lock), so callers fetch
 * facts concurrently; each request retries on its own under the policy in retry-policy.ts, bounded in
 * count and in total time. Every failure is a one-line PlatformError naming the method and path.
 */
export class HerokuClient {
  readonly baseUrl: string;
  private readonly token: string;
  private readonly userAgent: string;
  private readonly fetchImpl: typeof fetch;
  private readonly maxRetries: number;
  private readonly timeoutMs: number;
  private readonly retryBudgetMs: number;
  private readonly clock: Clock;
  private readonly pacer = new RatePacer();

  constructor(options: HerokuClientOptions) {
    this.token = options.token;
    this.baseUrl = (options.baseUrl ?? DEFAULT_API_URL).replace(/\/+$/, '');
    this.userAgent = options.userAgent ?? 'implanta';
    this.fetchImpl = options.fetch ?? fetch;
    this.maxRetries = options.maxRetries ?? 4;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.retryBudgetMs = options.retryBudgetMs ?? 60_000;
    this.clock = options.clock ?? realClock;
  }

  async get<T>(path: string): Promise<T> {
    return (await this.request<T>('GET', path)).data;
  }

  async post<T>(path: string, body?: unknown): Promise<T> {
    return (await this.request<T>('POST', path, body)).data;
  }

  async patch<T>(path: string, body?: unknown): Promise<T> {
    return (await this.request<T>('PATCH', path, body)).data;
  }

  async put<T>(path: string, body?: unknown): Promise<T> {
    return (await this.request<T>('PUT', path, body)).data;
  }

  async delete<T>(path: string, body?: unknown): Promise<T> {
    return (await this.request<T>('DELETE', path, body)).data;
  }

  /** Every item of a list, following `Next-Range` across 206 Partial Content pages. */
  async list<T>(path: string): Promise<T[]> {
    const items: T[] = [];
    const seen = new Set<string>();
    let range = `id ..; max=${PAGE_MAX}`;
    for (;;) {
      const page = await this.request<unknown>('GET', path, undefined, { Range: range });
      if (!Array.isArray(page.data)) throw new PlatformError(`GET ${path}: expected a list, the API answered ${describeJson(page.data)}`);
      items.push(...(page.data as T[]));
      const next = page.headers.get('next-range');
      if (page.status !== 206 || !next) return items;
      if (seen.has(next)) throw new PlatformError(`GET ${path}: the API sent the same Next-Range twice; stopping`);
      seen.add(next);
      range = next;
    }
  }

  /** One request with retries; resolves with a 2xx answer's parsed JSON body. */
  async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const started = this.clock.now();
    for (let attempt = 0; ; attempt++) {
      const pace = this.pacer.delayMs();
      if (pace > 0) await this.clock.sleep(pace);

      let answer: Answer | undefined;
      let outcome: Outcome;
      try {
        answer = await this.attempt(method, path, body, headers);
        this.pacer.observe(answer.headers.get('ratelimit-remaining'));
        outcome = { kind: 'status', status: answer.status, retryAfter: answer.headers.get('retry-after') };
      } catch (error) {
        outcome = classify(error);
      }
      if (answer && answer.status >= 200 && answer.status < 300) return this.decode<T>(method, path, answer, body);

      const wait =
        (outcome.kind === 'status' && outcome.status === 429 ? retryAfterMs(outcome.retryAfter, this.clock.now()) : undefined) ??
        backoffMs(attempt, DEFAULT_BACKOFF);
      const elapsed = this.clock.now() - started;
      if (isRetryable(method, outcome) && attempt < this.maxRetries && elapsed + wait <= this.retryBudgetMs) {
        await this.clock.sleep(wait);
        continue;
      }
      throw this.failure(method, path, body, outcome, answer, attempt + 1);
    }
  }

  private async attempt(method: string, path: string, body: unknown, extra: Record<string, string>): Promise<Answer> {
    const headers: Record<string, string> = {
      Accept: 'application/vnd.heroku+json; version=3',
      Authorization: `Bearer ${this.token}`,
      'User-Agent': this.userAgent,
      ...extra,
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await this.fetchImpl(this.baseUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    return { status: response.status, headers: response.headers, text: await response.text() };
  }

  private decode<T>(method: string, path: string, answer: Answer, body: unknown): ApiResponse<T> {
    if (answer.text.trim() === '') return { status: answer.status, headers: answer.headers, data: undefined as T };
    const data = parseJson(answer.text);
    if (data === undefined) {
      throw new PlatformError(this.redact(`${method} ${path}: the API answered ${answer.status} with a body that is not JSON`, path, body));
    }
    return { status: answer.status, headers: answer.headers, data: data as T };
  }

  private failure(method: string, path: string, body: unknown, outcome: Outcome, answer: Answer | undefined, attempts: number): PlatformError {
    const tries = attempts > 1 ? ` (after ${attempts} attempts)` : '';
    let message: string;
    if (outcome.kind === 'status') {
      message = describeFailure({ method, path, status: outcome.status, body: answer && parseJson(answer.text), requestId: answer?.headers.get('request-id') });
    } else {
      const host = new URL(this.baseUrl).host;
      const what = outcome.kind === 'timeout' ? `no answer from ${host} within ${this.timeoutMs} ms` : networkProblem(host, outcome.code);
      const unsure = !isRetryable(method, outcome) ? '; the request may or may not have been applied: check before repeating it' : '';
      message = `${method} ${path}: ${what}${unsure}`;
    }
    return new PlatformError(this.redact(message + tries, path, body));
  }

  /** The token and the secrets the request carried (config values, keys) are masked in messages. */
  private redact(message: string, path: string, body: unknown): string {
    return new Redactor([this.token, ...secretsIn(path, body)]).redact(message);
  }
}

function classify(error: unknown): Outcome {
  const err = error as { name?: string; code?: string; cause?: { code?: string; name?: string } };
  if (err?.name === 'TimeoutError' || err?.cause?.name === 'TimeoutError') return { kind: 'timeout' };
  return { kind: 'network', code: err?.cause?.code ?? err?.code ?? 'connection failed' };
}

function networkProblem(host: string, code: string): string {
  if (code === 'ECONNREFUSED') return `could not reach ${host} (connection refused)`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `could not resolve ${host}`;
  if (['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET'].includes(code)) return `the connection to ${host} dropped before an answer`;
  return `could not reach ${host} (${code})`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const SECRET_FIELD = /key|token|password|secret|config/i;

/** Every value of a config-vars body; elsewhere the values of fields named like secrets (private_key, config). */
function secretsIn(path: string, body: unknown): string[] {
  if (/\/config-vars\/?$/.test(path)) return stringsIn(body);
  if (!body || typeof body !== 'object') return [];
  return Object.entries(body).flatMap(([field, value]) => (SECRET_FIELD.test(field) ? stringsIn(value) : secretsIn('', value)));
}

function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  return `a JSON ${typeof value}`;
}
