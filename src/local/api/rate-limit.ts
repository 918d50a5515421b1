/**
 * Heroku's rate limit: each account holds up to `capacity` request tokens (4500), refilled at about 75 a
 * minute; a request spends one, and with none left the API answers 429. Every token of the local
 * platform is its own account here.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly capacity = 4500,
    private readonly refillPerMinute = 75,
    private readonly now: () => number = Date.now,
  ) {}

  /** Spends a token when one is left; `remaining` is what the RateLimit-Remaining header reports. */
  take(key: string): { allowed: boolean; remaining: number } {
    const bucket = this.refilled(key);
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    return { allowed, remaining: Math.floor(bucket.tokens) };
  }

  remaining(key: string): number {
    return Math.floor(this.refilled(key).tokens);
  }

  private refilled(key: string): { tokens: number; at: number } {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, at: now };
    bucket.tokens = Math.min(this.capacity, bucket.tokens + ((now - bucket.at) / 60_000) * this.refillPerMinute);
    bucket.at = now;
    this.buckets.set(key, bucket);
    return bucket;
  }
}
