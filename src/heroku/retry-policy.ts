/**
 * When the client tries a request again, and how long it waits first.
 *
 * - 429 (rate limited): every method. The rate limiter refuses before the request is processed, so even a
 *   POST is safe to repeat. The wait is Retry-After when the server sends one, else the backoff.
 * - 500, 502, 503, 504, connection resets and timeouts: GET, PUT, PATCH and DELETE only. Heroku's PATCH and
 *   PUT set absolute values (a quantity, a config var), so repeating one lands in the same state. A POST is
 *   not repeated: a reset or a 503 from the router can come after Heroku created the app or provisioned the
 *   add-on, and a second POST would create a second one (and bill it). The error says so instead.
 * - A refused connection (nothing listening): every method, since the request never left.
 */
export type Outcome =
  | { kind: 'status'; status: number; retryAfter: string | null }
  | { kind: 'network'; code: string }
  | { kind: 'timeout' };

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE']);
const SERVER_ERRORS = new Set([500, 502, 503, 504]);

export function isRetryable(method: string, outcome: Outcome): boolean {
  const idempotent = IDEMPOTENT.has(method);
  switch (outcome.kind) {
    case 'status':
      return outcome.status === 429 || (idempotent && SERVER_ERRORS.has(outcome.status));
    case 'network':
      return outcome.code === 'ECONNREFUSED' || idempotent;
    case 'timeout':
      return idempotent;
  }
}

export interface Backoff {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { baseMs: 250, capMs: 8_000 };

/**
 * Exponential backoff with jitter: half of the doubled delay is fixed, half random, so clients that
 * failed together do not come back together.
 */
export function backoffMs(attempt: number, backoff: Backoff = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const ceiling = Math.min(backoff.capMs, backoff.baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Retry-After as delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
