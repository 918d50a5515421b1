/**
 * Percentiles of the router's `service` times in fixed memory, whatever the length of the log.
 *
 * Why a histogram and not a sketch or a reservoir: the router reports whole milliseconds, and it cuts a
 * request off at 30 s (H12), so nearly every value is an integer in 0…30,000. One counter per
 * millisecond over that range (30,001 doubles, 240 KB) gives the exact percentile a sort would give,
 * in constant time per value. The rare value above 30 s (a streamed answer that started in time) goes
 * to logarithmic buckets 1% wide, so it is at most 1% off. A reservoir would be approximate everywhere
 * and random; a t-digest would be approximate where the exact answer is this cheap.
 */
const EXACT_MAX_MS = 30_000;
/** Log buckets above EXACT_MAX_MS: each 1% wider than the last, enough to reach ~10^9 ms. */
const GROWTH = 1.01;
const LOG_BUCKETS = Math.ceil(Math.log(1e9 / EXACT_MAX_MS) / Math.log(GROWTH));

export class ServiceHistogram {
  private readonly exact = new Float64Array(EXACT_MAX_MS + 1);
  private readonly above = new Float64Array(LOG_BUCKETS + 1);
  private total = 0;
  private maxMs = 0;

  add(ms: number): void {
    this.total++;
    if (ms > this.maxMs) this.maxMs = ms;
    if (ms <= EXACT_MAX_MS) {
      this.exact[Math.round(ms)]!++;
      return;
    }
    const bucket = Math.min(LOG_BUCKETS, Math.floor(Math.log(ms / EXACT_MAX_MS) / Math.log(GROWTH)));
    this.above[bucket]!++;
  }

  get count(): number {
    return this.total;
  }

  get max(): number {
    return this.maxMs;
  }

  /** The nearest-rank percentile (q in 0…1): the smallest value with at least q of all values at or below it. */
  percentile(q: number): number | undefined {
    if (this.total === 0) return undefined;
    const rank = Math.max(1, Math.ceil(q * this.total));
    let seen = 0;
    for (let ms = 0; ms <= EXACT_MAX_MS; ms++) {
      seen += this.exact[ms]!;
      if (seen >= rank) return ms;
    }
    for (let bucket = 0; bucket <= LOG_BUCKETS; bucket++) {
      seen += this.above[bucket]!;
      // The bucket's upper edge, never above the largest value seen.
      if (seen >= rank) return Math.min(this.maxMs, Math.round(EXACT_MAX_MS * GROWTH ** (bucket + 1)));
    }
    return this.maxMs;
  }
}
