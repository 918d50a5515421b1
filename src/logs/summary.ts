import { ByteKeys } from './byte-keys.js';
import type { ByteLineSink } from './byte-lines.js';
import { parseDynoMessage } from './dyno-event.js';
import { ServiceHistogram } from './histogram.js';
import { redactQuery } from './redact-path.js';
import { Field, millis, RouterScan } from './router-line.js';

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
const ANSI = /\x1b\[[0-9;]*m/g;

const SPACE = 32;
const OPEN = 91; // [
const CLOSE = 93; // ]
const COLON = 58;
const QUESTION = 63;
/** `heroku[router]: `, the 16 bytes after a router line's timestamp. */
const ROUTER_PREFIX = Buffer.from('heroku[router]: ', 'latin1');
/** `heroku[`: a platform line about a dyno. */
const HEROKU_PREFIX = Buffer.from('heroku[', 'latin1');

/**
 * Summarises a log one line at a time in bounded memory: counters, a fixed-size histogram of service
 * times, at most MAX_PATHS paths and one counter set per dyno. A 1 GB log costs what a 1 MB one does.
 *
 * It reads bytes, not strings: a line is taken apart where it lies in the read buffer, by index
 * arithmetic, and only what is kept becomes a string (an H-code, a dyno name on an error, the paths at
 * the end). That is what keeps a 1 GB summary within a few times an awk pass (bench/logs.ts).
 */
export class LogSummarizer implements ByteLineSink {
  private lines = 0;
  private unparsed = 0;
  private requests = 0;
  private malformed = 0;
  private crashes = 0;
  /** Requests by the status's first digit (0xx…9xx). */
  private readonly classes = new Float64Array(10);
  private readonly codes: Record<string, number> = {};
  private readonly dynoErrors: Record<string, number> = {};
  private readonly exitStatuses: Record<string, number> = {};
  private readonly perDyno = new Map<string, Record<string, number>>();
  private readonly paths = new ByteKeys(MAX_PATHS);
  private pathRequests: Float64Array = new Float64Array(64);
  private pathTotalMs: Float64Array = new Float64Array(64);
  private pathMaxMs: Float64Array = new Float64Array(64);
  private readonly otherPaths = { requests: 0, totalMs: 0, maxMs: 0 };
  private readonly service = new ServiceHistogram();
  /** The smallest and largest timestamps seen, as bytes (compared as the strings they are). */
  private from = Buffer.alloc(64);
  private fromLength = -1;
  private to = Buffer.alloc(64);
  private toLength = -1;
  private readonly scan = new RouterScan();

  /** One line, in the shape splitLogLine() reads (`TIMESTAMP source[process]: message`). */
  add(raw: string): void {
    const bytes = Buffer.from(raw, 'utf8');
    this.addLine(bytes, 0, bytes.length);
  }

  /** The line bytes[start, end), taken apart in place: this is the loop a 1 GB summary runs. */
  addLine(b: Buffer, start: number, end: number): void {
    this.lines++;
    // `heroku logs` colours its output on a terminal, starting with the timestamp; a saved copy may keep the escapes.
    if (b[start] === 27) return this.coloured(b, start, end);
    let space = start;
    while (space < end && b[space] !== SPACE) space++;
    // Every timestamp Logplex writes starts with a date: 2024-05-01T…
    if (space === end || space < start + 10 || b[start + 4] !== 45 /* - */) return this.notALogLine(b, start, end);
    if (space + 17 <= end && startsWith(b, space + 1, ROUTER_PREFIX)) {
      this.time(b, start, space);
      return this.router(b, space + 17, end);
    }
    let open = space + 2;
    while (open < end && b[open] !== OPEN) open++;
    let close = open + 1;
    while (close + 2 < end && !(b[close] === CLOSE && b[close + 1] === COLON && b[close + 2] === SPACE)) close++;
    if (close + 2 >= end) return this.notALogLine(b, start, end);
    this.time(b, start, space);
    if (open === space + 7 && startsWith(b, space + 1, HEROKU_PREFIX)) this.dyno(b, open + 1, close, close + 3, end);
  }

  private coloured(b: Buffer, start: number, end: number): void {
    const plain = Buffer.from(b.toString('latin1', start, end).replace(ANSI, ''), 'latin1');
    this.lines--;
    this.addLine(plain, 0, plain.length);
  }

  private notALogLine(b: Buffer, start: number, end: number): void {
    for (let i = start; i < end; i++) {
      const c = b[i]!;
      if (c !== SPACE && (c < 9 || c > 13)) {
        this.unparsed++;
        return;
      }
    }
  }

  private time(b: Buffer, start: number, end: number): void {
    const length = end - start;
    if (this.fromLength < 0 || compare(b, start, end, this.from, this.fromLength) < 0) {
      if (length > this.from.length) this.from = Buffer.alloc(length);
      b.copy(this.from, 0, start, end);
      this.fromLength = length;
    }
    if (this.toLength < 0 || compare(b, start, end, this.to, this.toLength) > 0) {
      if (length > this.to.length) this.to = Buffer.alloc(length);
      b.copy(this.to, 0, start, end);
      this.toLength = length;
    }
  }

  private router(b: Buffer, start: number, end: number): void {
    const scan = this.scan;
    if (!scan.scan(b, start, end)) {
      this.malformed++;
      return;
    }
    this.requests++;
    const status = scan.status;
    this.classes[(status / 100) | 0]!++;
    if (scan.has(Field.code) && scan.end(Field.code) > scan.start(Field.code)) {
      const code = scan.text(b, Field.code)!;
      this.codes[code] = (this.codes[code] ?? 0) + 1;
      this.countFor(this.dynoOf(b), code);
    }
    if (status >= 500) this.countFor(this.dynoOf(b), '5xx');
    const serviceStart = scan.start(Field.service);
    if (serviceStart < 0) return;
    const ms = millis(b, serviceStart, scan.end(Field.service));
    if (ms < 0) return;
    this.service.add(ms);
    // Requests are grouped by page: the path without its query string.
    const pathStart = scan.start(Field.path);
    let pathEnd = pathStart < 0 ? pathStart : scan.end(Field.path);
    for (let i = pathStart; i < pathEnd; i++) {
      if (b[i] === QUESTION) {
        pathEnd = i;
        break;
      }
    }
    this.path(pathStart < 0 ? b.subarray(0, 0) : b, Math.max(pathStart, 0), Math.max(pathEnd, 0), ms);
  }

  private dynoOf(b: Buffer): string {
    return this.scan.text(b, Field.dyno) || 'none';
  }

  private dyno(b: Buffer, processStart: number, processEnd: number, messageStart: number, end: number): void {
    // Only `Error R…`, `State changed…` and `Process exited…` say something counted: look before decoding.
    const first = b[messageStart];
    if (first !== 69 /* E */ && first !== 83 /* S */ && first !== 80 /* P */) return;
    const event = parseDynoMessage(b.toString('utf8', messageStart, end));
    if (!event) return;
    const process = b.toString('utf8', processStart, processEnd);
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

  private path(b: Uint8Array, start: number, end: number, ms: number): void {
    const id = this.paths.id(b, start, end);
    if (id < 0) {
      const other = this.otherPaths;
      other.requests++;
      other.totalMs += ms;
      if (ms > other.maxMs) other.maxMs = ms;
      return;
    }
    if (id >= this.pathRequests.length) {
      this.pathRequests = grow(this.pathRequests);
      this.pathTotalMs = grow(this.pathTotalMs);
      this.pathMaxMs = grow(this.pathMaxMs);
    }
    this.pathRequests[id]!++;
    this.pathTotalMs[id]! += ms;
    if (ms > this.pathMaxMs[id]!) this.pathMaxMs[id] = ms;
  }

  result(): LogSummary {
    const pick = (q: number) => this.service.percentile(q);
    const service = this.service.count === 0 ? {} : { p50: pick(0.5)!, p95: pick(0.95)!, p99: pick(0.99)!, max: this.service.max };
    const stats = (path: string, requests: number, totalMs: number, maxMs: number): PathStats => ({ path: redactQuery(path), requests, mean_ms: Math.round(totalMs / requests), max_ms: maxMs });
    const all: PathStats[] = [];
    for (let id = 0; id < this.paths.size; id++) all.push(stats(this.paths.text(id), this.pathRequests[id]!, this.pathTotalMs[id]!, this.pathMaxMs[id]!));
    const other = this.otherPaths;
    if (other.requests > 0) all.push(stats(OTHER_PATHS, other.requests, other.totalMs, other.maxMs));
    const slowest = all.sort((a, b) => b.mean_ms - a.mean_ms || b.max_ms - a.max_ms).slice(0, SLOWEST_SHOWN);
    const from = this.fromLength < 0 ? undefined : this.from.toString('utf8', 0, this.fromLength);
    const to = this.toLength < 0 ? undefined : this.to.toString('utf8', 0, this.toLength);
    const seconds = from && to ? (Date.parse(to) - Date.parse(from)) / 1000 : undefined;
    // 2xx to 5xx always; a status outside them (1xx, 6xx…) is counted under its own class.
    const status: Record<string, number> = { '2xx': this.classes[2]!, '3xx': this.classes[3]!, '4xx': this.classes[4]!, '5xx': this.classes[5]! };
    this.classes.forEach((count, digit) => {
      if (count > 0 && (digit < 2 || digit > 5)) status[`${digit}xx`] = count;
    });
    return {
      lines: this.lines,
      unparsed: this.unparsed,
      requests: this.requests,
      status,
      codes: sorted(this.codes),
      dyno_errors: sorted(this.dynoErrors),
      crashes: this.crashes,
      exit_statuses: { ...this.exitStatuses },
      malformed: this.malformed,
      service_ms: service,
      slowest_paths: slowest,
      errors_per_dyno: Object.fromEntries([...this.perDyno.entries()].sort(([a], [b]) => a.localeCompare(b))),
      window: {
        ...(from && { from }),
        ...(to && { to }),
        ...(seconds !== undefined && Number.isFinite(seconds) && { seconds: Math.round(seconds * 1000) / 1000 }),
      },
    };
  }
}

function startsWith(b: Uint8Array, at: number, prefix: Uint8Array): boolean {
  for (let i = 0; i < prefix.length; i++) if (b[at + i] !== prefix[i]) return false;
  return true;
}

/** Byte order of a[start, end) against b[0, length): the order of the strings, for ASCII timestamps. */
function compare(a: Uint8Array, start: number, end: number, b: Uint8Array, length: number): number {
  const n = Math.min(end - start, length);
  for (let i = 0; i < n; i++) {
    const d = a[start + i]! - b[i]!;
    if (d !== 0) return d;
  }
  return end - start - length;
}

function grow(array: Float64Array): Float64Array {
  const bigger = new Float64Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

function sorted(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}
