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
  const bytes = Buffer.from(message, 'utf8');
  const scan = new RouterScan();
  if (!scan.scan(bytes, 0, bytes.length)) return undefined;
  const text = (field: Field) => scan.text(bytes, field) ?? '';
  const request: RouterRequest = { at: text(Field.at), method: text(Field.method), path: text(Field.path), host: text(Field.host), dyno: text(Field.dyno), status: scan.status };
  const code = text(Field.code);
  if (code) request.code = code;
  const desc = scan.text(bytes, Field.desc);
  if (desc !== undefined) request.desc = desc;
  const connect = scan.millis(bytes, Field.connect);
  if (connect >= 0) request.connectMs = connect;
  const service = scan.millis(bytes, Field.service);
  if (service >= 0) request.serviceMs = service;
  const size = scan.integer(bytes, Field.bytes);
  if (size >= 0) request.bytes = size;
  return request;
}

/** The router fields implanta reads; the rest (request_id, fwd, protocol, sock) are stepped over. */
export const enum Field {
  at,
  code,
  desc,
  method,
  path,
  host,
  dyno,
  connect,
  service,
  status,
  bytes,
}
const FIELDS = 11;

const SPACE = 32;
const EQUALS = 61;
const QUOTE = 34;
const ZERO = 48;
const NINE = 57;

/**
 * One left-to-right pass over the bytes of `key=value` and `key="quoted value"` pairs, noting where
 * each field implanta reads starts and ends; the first occurrence of a key wins. It works on the bytes
 * as read (no string per line, no regex, no object per line) because a summary runs it on millions of
 * lines: the caller turns into a string only the few fields it keeps (an H-code, a dyno on an error).
 */
export class RouterScan {
  /** Start and end of each Field's value in the scanned bytes; start -1 when absent. */
  private readonly starts = new Int32Array(FIELDS);
  private readonly ends = new Int32Array(FIELDS);
  /** The three-digit status, or -1: set by scan(), the one number every line needs. */
  status = -1;

  /** Scans bytes[start, end); false when there is no three-digit status (a malformed router line). */
  scan(b: Uint8Array, start: number, end: number): boolean {
    const starts = this.starts;
    for (let f = 0; f < FIELDS; f++) starts[f] = -1;
    this.status = -1;
    let i = start;
    while (i < end) {
      while (i < end && b[i] === SPACE) i++;
      const keyStart = i;
      let c = 0;
      while (i < end && (c = b[i]!) !== EQUALS && c !== SPACE) i++;
      if (i >= end || c !== EQUALS) continue; // a bare word: step over it
      const field = fieldOf(b, keyStart, i - keyStart);
      i++;
      let valueStart = i;
      let valueEnd: number;
      if (i < end && b[i] === QUOTE) {
        valueStart = ++i;
        while (i < end && b[i] !== QUOTE) i++;
        valueEnd = i;
        i++;
      } else {
        while (i < end && b[i] !== SPACE) i++;
        valueEnd = i;
      }
      if (field >= 0 && starts[field] === -1) {
        starts[field] = valueStart;
        this.ends[field] = valueEnd;
      }
    }
    const s = starts[Field.status]!;
    if (s >= 0 && this.ends[Field.status]! - s === 3) this.status = digits(b, s, s + 3);
    return this.status >= 0;
  }

  has(field: Field): boolean {
    return this.starts[field]! >= 0;
  }

  start(field: Field): number {
    return this.starts[field]!;
  }

  end(field: Field): number {
    return this.ends[field]!;
  }

  /** A field's value as text (UTF-8); undefined when the line has no such field. */
  text(b: Buffer, field: Field): string | undefined {
    const s = this.starts[field]!;
    return s < 0 ? undefined : b.toString('utf8', s, this.ends[field]!);
  }

  /** `12ms` or `12.5ms` → the number; absent, empty or anything else → -1. */
  millis(b: Uint8Array, field: Field): number {
    const s = this.starts[field]!;
    return s < 0 ? -1 : millis(b, s, this.ends[field]!);
  }

  /** Digits only → the number; absent, empty or anything else → -1. */
  integer(b: Uint8Array, field: Field): number {
    const s = this.starts[field]!;
    const e = this.ends[field]!;
    return s < 0 || e === s ? -1 : digits(b, s, e);
  }
}

/** Which Field a key names, by its length and bytes; -1 for a key implanta does not read. */
function fieldOf(b: Uint8Array, k: number, length: number): number {
  // Spelled out byte by byte: this runs for every field of every router line.
  const c0 = b[k];
  const c1 = b[k + 1];
  switch (length) {
    case 2:
      return c0 === 97 /* a */ && c1 === 116 /* t */ ? Field.at : -1;
    case 4: {
      const c2 = b[k + 2];
      const c3 = b[k + 3];
      if (c0 === 112 /* p */) return c1 === 97 /* a */ && c2 === 116 /* t */ && c3 === 104 /* h */ ? Field.path : -1;
      if (c0 === 100 /* d */) {
        if (c1 === 121 /* y */ && c2 === 110 /* n */ && c3 === 111 /* o */) return Field.dyno;
        return c1 === 101 /* e */ && c2 === 115 /* s */ && c3 === 99 /* c */ ? Field.desc : -1;
      }
      if (c0 === 99 /* c */) return c1 === 111 /* o */ && c2 === 100 /* d */ && c3 === 101 /* e */ ? Field.code : -1;
      if (c0 === 104 /* h */) return c1 === 111 /* o */ && c2 === 115 /* s */ && c3 === 116 /* t */ ? Field.host : -1;
      return -1;
    }
    case 5: // bytes
      return c0 === 98 && c1 === 121 && b[k + 2] === 116 && b[k + 3] === 101 && b[k + 4] === 115 ? Field.bytes : -1;
    case 6: // status, method
      if (c0 === 115) return c1 === 116 && b[k + 2] === 97 && b[k + 3] === 116 && b[k + 4] === 117 && b[k + 5] === 115 ? Field.status : -1;
      return c0 === 109 && c1 === 101 && b[k + 2] === 116 && b[k + 3] === 104 && b[k + 4] === 111 && b[k + 5] === 100 ? Field.method : -1;
    case 7: // service, connect
      if (c0 === 115) return c1 === 101 && b[k + 2] === 114 && b[k + 3] === 118 && b[k + 4] === 105 && b[k + 5] === 99 && b[k + 6] === 101 ? Field.service : -1;
      return c0 === 99 && c1 === 111 && b[k + 2] === 110 && b[k + 3] === 110 && b[k + 4] === 101 && b[k + 5] === 99 && b[k + 6] === 116 ? Field.connect : -1;
  }
  return -1;
}

/** Digits only → the number; anything else → -1. */
export function digits(b: Uint8Array, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const c = b[i]!;
    if (c < ZERO || c > NINE) return -1;
    value = value * 10 + (c - ZERO);
  }
  return value;
}

/** `12ms` or `12.5ms` → the number; empty or anything else → -1. */
export function millis(b: Uint8Array, from: number, to: number): number {
  if (to - from < 3 || b[to - 2] !== 109 /* m */ || b[to - 1] !== 115 /* s */) return -1;
  const end = to - 2;
  let dot = from;
  while (dot < end && b[dot] !== 46 /* . */) dot++;
  if (dot === end) return digits(b, from, end);
  const whole = digits(b, from, dot);
  const fraction = digits(b, dot + 1, end);
  if (whole < 0 || fraction < 0 || dot + 1 === end) return -1;
  return whole + fraction / 10 ** (end - dot - 1);
}
