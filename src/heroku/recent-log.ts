import { PlatformError } from '../core/errors.js';
import { openLogSession, readLogSession } from '../logs/log-session.js';
import { LogSummarizer, type LogSummary } from '../logs/summary.js';
import type { HerokuClient } from './client.js';

/** What the last minutes of the app's platform log (router and dyno lines) show, or why it was not read. */
export type RecentLog = { minutes: number; summary: LogSummary } | { unavailable: string };

/** "The last minutes": the newest line's time and this many minutes before it. */
export const RECENT_MINUTES = 15;

/** Reads the platform's last 1,500 router and dyno lines through a log session; never fails the check. */
export async function readRecentLog(client: Pick<HerokuClient, 'post'>, app: string, minutes = RECENT_MINUTES): Promise<RecentLog> {
  const lines: string[] = [];
  try {
    const url = await openLogSession(client as HerokuClient, app, { lines: 1500, source: 'heroku' });
    await readLogSession(url, (line) => lines.push(line), { signal: AbortSignal.timeout(15_000) });
  } catch (error) {
    if (error instanceof PlatformError) return { unavailable: `the log could not be read (${error.message})` };
    throw error;
  }
  return recentOf(lines, minutes);
}

/** The lines within `minutes` of the newest one, summarised. */
export function recentOf(lines: string[], minutes: number): RecentLog {
  const stamps = lines.map((line) => Date.parse(line.slice(0, line.indexOf(' '))));
  const newest = Math.max(...stamps.filter(Number.isFinite));
  const summarizer = new LogSummarizer();
  if (Number.isFinite(newest)) {
    const since = newest - minutes * 60_000;
    lines.forEach((line, i) => {
      if (stamps[i]! >= since) summarizer.add(line);
    });
  }
  return { minutes, summary: summarizer.result() };
}
