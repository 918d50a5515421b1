/**
 * The fields of one `heroku[router]` line, as Heroku documents them (devcenter "HTTP Routing"):
 * `at=info|error code=H12 desc="…" method=GET path="/" host=… request_id=… fwd="…" dyno=web.1
 * connect=1ms service=30001ms status=503 bytes=0 protocol=https`. A field the router could not know
 * is present and empty (`dyno= connect= service=` on an H10).
 */
export interface RouterRequest {
  at: string;
  code?: string;
  desc?: string;
  method: string;
  path: string;
  host: string;
  dyno: string;
  connectMs?: number;
  serviceMs?: number;
  status: number;
  bytes?: number;
}

/** Parses a router line's message; undefined when it has no numeric status (malformed, not a request). */
export function parseRouterMessage(message: string): RouterRequest | undefined {
  const scan = new RouterScan();
  if (!scan.scan(message, 0)) return undefined;
  const request: RouterRequest = { at: scan.at, method: scan.method, path: scan.path, host: scan.host, dyno: scan.dyno, status: scan.status };
  if (scan.code) request.code = scan.code;
  if (scan.desc !== undefined) request.desc = scan.desc;
  if (scan.connectMs >= 0) request.connectMs = scan.connectMs;
  if (scan.serviceMs >= 0) request.serviceMs = scan.serviceMs;
  if (scan.bytes >= 0) request.bytes = scan.bytes;
  return request;
}

const SPACE = 32;
const EQUALS = 61;
const QUOTE = 34;
const ZERO = 48;
const NINE = 57;

/**
 * One left-to-right pass over `key=value` and `key="quoted value"` pairs, keeping the fields implanta
 * reads; the first occurrence of a key wins. It is a reusable object with no per-field allocation but
 * the strings it keeps, because a summary runs it on millions of lines. Numbers: -1 when absent.
 */
export class RouterScan {
  at = '';
  code = '';
  desc: string | undefined;
  method = '';
  path = '';
  host = '';
  dyno = '';
  connectMs = -1;
  serviceMs = -1;
  status = -1;
  bytes = -1;
  private seen = 0;

  /** Scans `text` from `start` to `end` (default: its end); false when there is no three-digit status. */
  scan(text: string, start: number, end = text.length): boolean {
    this.at = this.code = this.method = this.path = this.host = this.dyno = '';
    this.desc = undefined;
    this.connectMs = this.serviceMs = this.status = this.bytes = -1;
    this.seen = 0;
    const n = end;
    let i = start;
    while (i < n) {
      while (i < n && text.charCodeAt(i) === SPACE) i++;
      const keyStart = i;
      let c = 0;
      while (i < n && (c = text.charCodeAt(i)) !== EQUALS && c !== SPACE) i++;
      if (i >= n || c !== EQUALS) continue; // a bare word: skip it
      const keyEnd = i++;
      let valueStart = i;
      let valueEnd: number;
      if (text.charCodeAt(i) === QUOTE) {
        valueStart = i + 1;
        const close = text.indexOf('"', valueStart);
        valueEnd = close < 0 || close > n ? n : close;
        i = valueEnd + 1;
      } else {
        const space = text.indexOf(' ', i);
        valueEnd = space < 0 || space > n ? n : space;
        i = valueEnd;
      }
      this.field(text, keyStart, keyEnd - keyStart, valueStart, valueEnd);
    }
    return this.status >= 0;
  }

  private field(text: string, key: number, length: number, from: number, to: number): void {
    const first = text.charCodeAt(key);
    let bit = 0;
    switch (length) {
      case 2:
        if (text.startsWith('at', key)) bit = 1;
        break;
      case 4:
        if (first === 99 /* c */ && text.startsWith('code', key)) bit = 2;
        else if (first === 100 /* d */ && text.startsWith('dyno', key)) bit = 4;
        else if (first === 100 && text.startsWith('desc', key)) bit = 8;
        else if (first === 112 /* p */ && text.startsWith('path', key)) bit = 16;
        else if (first === 104 /* h */ && text.startsWith('host', key)) bit = 32;
        break;
      case 5:
        if (text.startsWith('bytes', key)) bit = 64;
        break;
      case 6:
        if (first === 115 /* s */ && text.startsWith('status', key)) bit = 128;
        else if (first === 109 /* m */ && text.startsWith('method', key)) bit = 256;
        break;
      case 7:
        if (first === 115 && text.startsWith('service', key)) bit = 512;
        else if (first === 99 && text.startsWith('connect', key)) bit = 1024;
        break;
    }
    if (bit === 0 || this.seen & bit) return;
    this.seen |= bit;
    switch (bit) {
      case 1: this.at = text.slice(from, to); break;
      case 2: this.code = text.slice(from, to); break;
      case 4: this.dyno = text.slice(from, to); break;
      case 8: this.desc = text.slice(from, to); break;
      case 16: this.path = text.slice(from, to); break;
      case 32: this.host = text.slice(from, to); break;
      case 64: this.bytes = to > from ? integer(text, from, to) : -1; break;
      case 128: this.status = to - from === 3 ? integer(text, from, to) : -1; break;
      case 256: this.method = text.slice(from, to); break;
      case 512: this.serviceMs = millis(text, from, to); break;
      case 1024: this.connectMs = millis(text, from, to); break;
    }
  }
}

/** Digits only; -1 otherwise. */
function integer(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < ZERO || c > NINE) return -1;
    value = value * 10 + (c - ZERO);
  }
  return value;
}

/** `12ms` or `12.5ms` → the number; empty or anything else → -1. */
function millis(text: string, from: number, to: number): number {
  if (to - from < 3 || text.charCodeAt(to - 2) !== 109 /* m */ || text.charCodeAt(to - 1) !== 115 /* s */) return -1;
  const end = to - 2;
  const dot = text.indexOf('.', from);
  if (dot < 0 || dot >= end) return integer(text, from, end);
  const whole = integer(text, from, dot);
  const fraction = integer(text, dot + 1, end);
  if (whole < 0 || fraction < 0 || dot + 1 === end) return -1;
  return whole + fraction / 10 ** (end - dot - 1);
}
