/** Heroku never waits longer than 20 minutes to restart a crashed dyno. */
const MAX_DELAY_MS = 20 * 60_000;

/**
 * How long the dyno manager waits before restarting a dyno after its `crashes`-th crash in a row: the
 * first restart is immediate, as on Heroku, then the wait doubles from `baseMs`, up to 20 minutes.
 */
export function crashRestartDelay(crashes: number, baseMs: number): number {
  if (crashes <= 1) return 0;
  return Math.min(baseMs * 2 ** (crashes - 2), MAX_DELAY_MS);
}
