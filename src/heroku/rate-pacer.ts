/**
 * Keeps a client clear of Heroku's rate limit. Heroku grants each account a pool of request tokens that
 * refills at about 75 a minute (one every 800 ms) and reports what is left in `RateLimit-Remaining`.
 * Once that drops below `lowWater`, each request waits a share of the refill interval, growing to a full
 * interval at zero, so a long run slows down instead of running into 429s. Requests are still sent
 * concurrently: each waits on its own.
 */
export class RatePacer {
  private remaining: number | undefined;

  constructor(
    private readonly lowWater = 100,
    private readonly refillIntervalMs = 800,
  ) {}

  observe(header: string | null): void {
    const value = header === null ? NaN : Number.parseInt(header, 10);
    if (Number.isFinite(value)) this.remaining = value;
  }

  delayMs(): number {
    if (this.remaining === undefined || this.remaining >= this.lowWater) return 0;
    return Math.round(this.refillIntervalMs * (1 - Math.max(0, this.remaining) / this.lowWater));
  }
}
