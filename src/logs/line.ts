/**
 * One line of `heroku logs` output: `2024-05-01T12:00:00.123456+00:00 heroku[router]: at=info …`.
 * `source` is `app` or `heroku` (the platform: router, dyno manager, api), `process` what is in the
 * brackets (`router`, `web.1`, `api`, `scheduler.4521`).
 */
export interface LogLine {
  time: string;
  source: string;
  process: string;
  message: string;
}

const ANSI = /\x1b\[[0-9;]*m/g;

/** Splits a log line into its parts; undefined when it is not one (a blank line, a stray message). */
export function splitLogLine(raw: string): LogLine | undefined {
  // `heroku logs` colours its output on a terminal; a saved copy may keep the escapes.
  const line = raw.includes('\x1b') ? raw.replace(ANSI, '') : raw;
  const space = line.indexOf(' ');
  if (space <= 0) return undefined;
  const open = line.indexOf('[', space + 1);
  if (open < 0) return undefined;
  const close = line.indexOf(']: ', open + 1);
  if (close < 0) return undefined;
  const source = line.slice(space + 1, open);
  if (source.length === 0 || !/^[\w-]+$/.test(source)) return undefined;
  const time = line.slice(0, space);
  // Every timestamp Logplex writes starts with a date: 2024-05-01T…
  if (time.length < 10 || time.charCodeAt(4) !== 45 /* - */) return undefined;
  return { time, source, process: line.slice(open + 1, close), message: line.slice(close + 3) };
}
