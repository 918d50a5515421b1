import { PlatformError } from '../core/errors.js';
import type { HerokuClient } from '../heroku/client.js';
import { openLogSession, readLogSession } from '../logs/log-session.js';
import { LogSummarizer, type LogSummary } from '../logs/summary.js';

/**
 * What the router and the dyno manager logged over a stretch of time: requests, the failed ones (5xx,
 * maintenance aside), the H-codes among them, and the dyno trouble (crashes, R14, R15).
 */
export interface TrafficSample {
  requests: number;
  errors: number;
  /** errors / requests; 0 without requests. */
  rate: number;
  codes: Record<string, number>;
  crashes: number;
  r14: number;
  r15: number;
  /** The seconds the sample covers (the log's first to last timestamp for the baseline). */
  seconds: number;
}

export interface WatchReport {
  /** ok: no clear sign the release is worse; worse: rolled back for it; unavailable: the log could not be read. */
  verdict: 'ok' | 'worse' | 'unavailable';
  /** One line: the counts behind the verdict. */
  reason: string;
  seconds: number;
  release: TrafficSample;
  /** The previous release's traffic, read from the log just before the push; absent when it could not be. */
  before?: TrafficSample;
}

/**
 * "Clearly worse", in numbers. One failed request is not a verdict: at least MIN_ERRORS must fail, and
 * the failure rate must be both RATE_MARGIN (5 points) above the previous release's and at least twice
 * it — a site that always failed 10% of its requests is not made worse by failing 12%. A dyno that
 * crashes or is killed for memory (R15) under the new release is a verdict on its own; swapping (R14)
 * is, once it repeats (Heroku logs it about every 20 s while the dyno stays over).
 */
export const MIN_ERRORS = 5;
export const RATE_MARGIN = 0.05;
export const MIN_R14 = 3;

/** Heroku keeps 1,500 lines: the baseline is what the platform still has. */
const BASELINE_LINES = 1500;
const PROGRESS_EVERY_MS = 10_000;

/**
 * The previous release's traffic from the app's recent platform log; undefined when the log cannot be
 * read. Only what follows the last web dyno coming up counts: before it, the log may show another
 * release, or an app with no dyno at all (H14s that say nothing about the code now serving).
 */
export async function measureBaseline(client: HerokuClient, app: string, signal?: AbortSignal): Promise<TrafficSample | undefined> {
  const lines: string[] = [];
  try {
    const url = await openLogSession(client, app, { lines: BASELINE_LINES, source: 'heroku' });
    // At most BASELINE_LINES: the session sends no more.
    await readLogSession(url, (line) => lines.push(line), { ...(signal && { signal }) });
  } catch (error) {
    if (error instanceof PlatformError) return undefined;
    throw error;
  }
  const summarizer = new LogSummarizer();
  const up = lines.findLastIndex((line) => WEB_UP.test(line));
  for (const line of lines.slice(up + 1)) summarizer.add(line);
  return sampleOf(summarizer.result());
}

const WEB_UP = / heroku\[web\.\d+\]: State changed from starting to up/;

export interface WatchOptions {
  client: HerokuClient;
  app: string;
  seconds: number;
  before: TrafficSample | undefined;
  signal?: AbortSignal;
  /** A progress line every 10 s. */
  onOutput?: (line: string) => void;
}

/**
 * Follows the app's platform log (router and dyno lines, from now on) for `seconds`, then judges the
 * release against the previous one's rate. Every request in that time reaches the new release: the
 * deploy watches only once every web dyno runs it.
 */
export async function watchRelease(options: WatchOptions): Promise<WatchReport> {
  const summarizer = new LogSummarizer();
  const started = performance.now();
  let url: string;
  try {
    url = await openLogSession(options.client, options.app, { lines: 0, tail: true, source: 'heroku' });
  } catch (error) {
    if (!(error instanceof PlatformError)) throw error;
    return unavailable(`the log could not be opened (${error.message})`, options.before);
  }
  const stop = AbortSignal.any([AbortSignal.timeout(options.seconds * 1000), ...(options.signal ? [options.signal] : [])]);
  const progress = setInterval(() => {
    const now = sampleOf(summarizer.result());
    options.onOutput?.(`watch: ${Math.round((performance.now() - started) / 1000)} s of ${options.seconds} s, ${counts(now)}`);
  }, PROGRESS_EVERY_MS);
  try {
    await readLogSession(url, (line) => summarizer.add(line), { signal: stop });
  } catch (error) {
    if (!(error instanceof PlatformError)) throw error;
    return unavailable(`the log stream failed (${error.message})`, options.before);
  } finally {
    clearInterval(progress);
  }
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  const release = { ...sampleOf(summarizer.result()), seconds };
  return judge(release, options.before, seconds);
}

/** The verdict on a release's sample against the previous release's. */
export function judge(release: TrafficSample, before: TrafficSample | undefined, seconds: number): WatchReport {
  const base = { seconds, release, ...(before && { before }) };
  const then = before ? ` (before: ${percent(before.rate)} of ${before.requests})` : ' (no earlier traffic to compare with)';
  const baseline = before?.rate ?? 0;
  if (release.crashes + release.r15 > 0) {
    return { ...base, verdict: 'worse', reason: `dynos of the new release crashed ${release.crashes} time(s) and were killed for memory (R15) ${release.r15} time(s) in ${seconds} s; ${counts(release)}` };
  }
  if (release.r14 >= MIN_R14) return { ...base, verdict: 'worse', reason: `the new release ran over its memory quota (R14) ${release.r14} times in ${seconds} s; ${counts(release)}` };
  const clearlyWorse = release.errors >= MIN_ERRORS && release.rate >= baseline + RATE_MARGIN && release.rate >= 2 * baseline;
  if (clearlyWorse) return { ...base, verdict: 'worse', reason: `${counts(release)}${then}` };
  const quiet = release.requests === 0 ? '; no traffic reached it, so the watch proves little' : '';
  return { ...base, verdict: 'ok', reason: `${counts(release)}${then}${quiet}` };
}

function unavailable(why: string, before: TrafficSample | undefined): WatchReport {
  return { verdict: 'unavailable', reason: `not watched: ${why}`, seconds: 0, release: sampleOf(new LogSummarizer().result()), ...(before && { before }) };
}

/** Failed requests are the 5xx answers, maintenance-mode pages (H80, on purpose) aside. */
export function sampleOf(summary: LogSummary): TrafficSample {
  const errors = Math.max(0, (summary.status['5xx'] ?? 0) - (summary.codes['H80'] ?? 0));
  return {
    requests: summary.requests,
    errors,
    rate: summary.requests > 0 ? errors / summary.requests : 0,
    codes: Object.fromEntries(Object.entries(summary.codes).filter(([code]) => code !== 'H80' && code !== 'H27')),
    crashes: summary.crashes,
    r14: summary.dyno_errors['R14'] ?? 0,
    r15: summary.dyno_errors['R15'] ?? 0,
    seconds: summary.window.seconds ?? 0,
  };
}

function counts(sample: TrafficSample): string {
  const codes = Object.entries(sample.codes).map(([code, n]) => `${code} × ${n}`).join(', ');
  return `${sample.requests} request${sample.requests === 1 ? '' : 's'}, ${sample.errors} failed (${percent(sample.rate)})${codes ? `, ${codes}` : ''}`;
}

function percent(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}

/** `--watch 90`, `90s`, `2m`, `0` (off) → seconds. */
export function parseWatchDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(s|m)?$/.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * (match[2] === 'm' ? 60 : 1);
}
