import { parseDynoMessage } from './dyno-event.js';
import { ServiceHistogram } from './histogram.js';
import { pathOnly, redactQuery } from './redact-path.js';
import { RouterScan } from './router-line.js';

export interface PathStats {
  path: string;
  requests: number;
  mean_ms: number;
  max_ms: number;
}

export interface LogSummary {
  /** Every line read, and those that were not log lines at all. */
  lines: number;
  unparsed: number;
  /** heroku[router] lines with a status: the requests. */
  requests: number;
  status: Record<string, number>;
  /** H-codes of the router lines. */
  codes: Record<string, number>;
  /** R-codes of the dyno lines. */
  dyno_errors: Record<string, number>;
  /** `State changed from … to crashed`, and the exit statuses of `Process exited with status N`. */
  crashes: number;
  exit_statuses: Record<string, number>;
  /** heroku[router] lines without a status: counted, never taken as requests. */
  malformed: number;
  service_ms: { p50?: number; p95?: number; p99?: number; max?: number };
  slowest_paths: PathStats[];
  /** Per dyno (`web.1`; `none` for router errors no dyno answered): H-codes, R-codes, crashes and 5xx. */
  errors_per_dyno: Record<string, Record<string, number>>;
  /** The first and last timestamps seen, and the seconds between them. */
  window: { from?: string; to?: string; seconds?: number };
}

/** Distinct paths kept for the slowest-paths list; past it, new paths are counted together. */
const MAX_PATHS = 10_000;
const OTHER_PATHS = '(other paths)';
const SLOWEST_SHOWN = 10;
const CLASSES = ['2xx', '3xx', '4xx', '5xx'];
const ANSI = /\x1b\[[0-9;]*m/g;

/**
 * Summarises a log one line at a time in bounded memory: counters, a fixed-size histogram of service
 * times, at most MAX_PATHS paths and one counter set per dyno. A 1 GB log costs what a 1 MB one does.
 */
export class LogSummarizer {
  private lines = 0;
  private unparsed = 0;
  private requests = 0;
  private malformed = 0;
  private crashes = 0;
  private readonly status: Record<string, number> = { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 };
  private readonly codes: Record<string, number> = {};
  private readonly dynoErrors: Record<string, number> = {};
  private readonly exitStatuses: Record<string, number> = {};
  private readonly perDyno = new Map<string, Record<string, number>>();
  private readonly paths = new Map<string, { requests: number; totalMs: number; maxMs: number }>();
  private readonly service = new ServiceHistogram();
  private from: string | undefined;
  private to: string | undefined;
  private readonly scan = new RouterScan();

  /**
   * @param latin1 the lines were decoded byte for byte (latin1, much faster than UTF-8 on a large file):
   * the paths shown are decoded as UTF-8 at the end.
   */
  constructor(private readonly latin1 = false) {}

  /**
   * One line, in the shape splitLogLine() reads (`TIMESTAMP source[process]: message`), taken apart
   * here with index arithmetic and no intermediate objects: this is the loop a 1 GB summary runs.
   */
  add(raw: string): void {
    this.addRange(raw, 0, raw.length);
  }

  /** The line text[start, end): a large read hands its chunk and the line's bounds, no line string. */
  addRange(text: string, start: number, end: number): void {
    this.lines++;
    // `heroku logs` colours its output on a terminal, starting with the timestamp; a saved copy may keep the escapes.
    if (text.charCodeAt(start) === 27) {
      const plain = text.slice(start, end).replace(ANSI, '');
      this.lines--;
      this.addRange(plain, 0, plain.length);
      return;
    }
    let space = text.indexOf(' ', start);
    if (space >= end) space = -1;
    let open = space < start + 10 || text.charCodeAt(start + 4) !== 45 /* - */ ? -1 : text.indexOf('[', space + 2);
    if (open >= end) open = -1;
    let close = open < 0 ? -1 : text.indexOf(']: ', open + 1);
    if (close + 3 > end) close = -1;
    if (close < 0) {
      if (text.slice(start, end).trim() !== '') this.unparsed++;
      return;
    }
    const time = text.slice(start, space);
    if (this.from === undefined || time < this.from) this.from = time;
    if (this.to === undefined || time > this.to) this.to = time;
    if (open !== space + 7 || !text.startsWith('heroku', space + 1)) return;
    if (close === open + 7 && text.startsWith('router', open + 1)) this.router(text, close + 3, end);
    else this.dyno(text.slice(open + 1, close), text.slice(close + 3, end));
  }

  private router(text: string, start: number, end: number): void {
    const request = this.scan;
    if (!request.scan(text, start, end)) {
      this.malformed++;
      return;
    }
    this.requests++;
    const status = request.status;
    const klass = status >= 200 && status < 600 ? CLASSES[Math.floor(status / 100) - 2]! : `${Math.floor(status / 100)}xx`;
    this.status[klass] = (this.status[klass] ?? 0) + 1;
    const dyno = request.dyno || 'none';
    if (request.code) {
      this.codes[request.code] = (this.codes[request.code] ?? 0) + 1;
      this.countFor(dyno, request.code);
    }
    if (status >= 500) this.countFor(dyno, '5xx');
    if (request.serviceMs >= 0) {
      this.service.add(request.serviceMs);
      this.path(request.path, request.serviceMs);
    }
  }

  private dyno(process: string, message: string): void {
    const event = parseDynoMessage(message);
    if (!event) return;
    if (event.kind === 'code') {
      this.dynoErrors[event.code] = (this.dynoErrors[event.code] ?? 0) + 1;
      this.countFor(process, event.code);
    } else if (event.kind === 'crash') {
      this.crashes++;
      this.countFor(process, 'crashes');
    } else {
      this.exitStatuses[event.status] = (this.exitStatuses[event.status] ?? 0) + 1;
    }
  }

  private countFor(dyno: string, what: string): void {
    let counts = this.perDyno.get(dyno);
    if (!counts) {
      // Dyno names are few (web.1…web.N, run.1234): still, a forged log must not grow this without end.
      if (this.perDyno.size >= MAX_PATHS) return;
      counts = {};
      this.perDyno.set(dyno, counts);
    }
    counts[what] = (counts[what] ?? 0) + 1;
  }

  private path(path: string, ms: number): void {
    let key = pathOnly(path);
    let stats = this.paths.get(key);
    if (!stats) {
      if (this.paths.size >= MAX_PATHS) key = OTHER_PATHS;
      stats = this.paths.get(key) ?? { requests: 0, totalMs: 0, maxMs: 0 };
      this.paths.set(key, stats);
    }
    stats.requests++;
    stats.totalMs += ms;
    if (ms > stats.maxMs) stats.maxMs = ms;
  }

  result(): LogSummary {
    const pick = (q: number) => this.service.percentile(q);
    const service = this.service.count === 0 ? {} : { p50: pick(0.5)!, p95: pick(0.95)!, p99: pick(0.99)!, max: this.service.max };
    const slowest = [...this.paths.entries()]
      .map(([path, s]) => ({ path: redactQuery(this.latin1 ? Buffer.from(path, 'latin1').toString('utf8') : path), requests: s.requests, mean_ms: Math.round(s.totalMs / s.requests), max_ms: s.maxMs }))
      .sort((a, b) => b.mean_ms - a.mean_ms || b.max_ms - a.max_ms)
      .slice(0, SLOWEST_SHOWN);
    const seconds = this.from && this.to ? (Date.parse(this.to) - Date.parse(this.from)) / 1000 : undefined;
    return {
      lines: this.lines,
      unparsed: this.unparsed,
      requests: this.requests,
      status: { ...this.status },
      codes: sorted(this.codes),
      dyno_errors: sorted(this.dynoErrors),
      crashes: this.crashes,
      exit_statuses: { ...this.exitStatuses },
      malformed: this.malformed,
      service_ms: service,
      slowest_paths: slowest,
      errors_per_dyno: Object.fromEntries([...this.perDyno.entries()].sort(([a], [b]) => a.localeCompare(b))),
      window: {
        ...(this.from && { from: this.from }),
        ...(this.to && { to: this.to }),
        ...(seconds !== undefined && Number.isFinite(seconds) && { seconds: Math.round(seconds * 1000) / 1000 }),
      },
    };
  }
}

function sorted(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}
