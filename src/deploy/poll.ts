import { setTimeout as sleep } from 'node:timers/promises';

export interface PollOptions {
  intervalMs: number;
  /** The deadline or a cancel: polling stops and returns what it saw last. */
  signal?: AbortSignal;
}

/**
 * Reads `read` until `settled` says so or the signal fires. Returns the last value and whether it settled;
 * errors from `read` (a PlatformError after the client's own retries) propagate.
 */
export async function pollUntil<T>(read: () => Promise<T>, settled: (value: T) => boolean, options: PollOptions): Promise<{ value: T; settled: boolean }> {
  for (;;) {
    const value = await read();
    if (settled(value)) return { value, settled: true };
    if (options.signal?.aborted) return { value, settled: false };
    await sleep(options.intervalMs, undefined, options.signal ? { signal: options.signal } : undefined).catch(() => undefined);
    if (options.signal?.aborted) return { value, settled: false };
  }
}
