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

/**
 * Parses a router line's message into its fields, scanning `key=value` and `key="quoted value"` pairs
 * once, left to right. A line without a numeric `status` is not a request (malformed): undefined.
 */
export function parseRouterMessage(message: string): RouterRequest | undefined {
  const fields = routerFields(message);
  const status = fields.status;
  if (status === undefined || !/^\d{3}$/.test(status)) return undefined;
  const request: RouterRequest = {
    at: fields.at ?? '',
    method: fields.method ?? '',
    path: fields.path ?? '',
    host: fields.host ?? '',
    dyno: fields.dyno ?? '',
    status: Number(status),
  };
  if (fields.code) request.code = fields.code;
  if (fields.desc !== undefined) request.desc = fields.desc;
  const connect = millis(fields.connect);
  if (connect !== undefined) request.connectMs = connect;
  const service = millis(fields.service);
  if (service !== undefined) request.serviceMs = service;
  if (fields.bytes && /^\d+$/.test(fields.bytes)) request.bytes = Number(fields.bytes);
  return request;
}

/** `12ms` → 12; empty or anything else → undefined. */
function millis(value: string | undefined): number | undefined {
  if (!value || !value.endsWith('ms')) return undefined;
  const n = Number(value.slice(0, -2));
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

const SPACE = 32;
const EQUALS = 61;
const QUOTE = 34;

/** Every `key=value` pair of a router message; the first occurrence of a key wins. */
export function routerFields(message: string): Record<string, string> {
  const fields: Record<string, string> = {};
  const n = message.length;
  let i = 0;
  while (i < n) {
    while (i < n && message.charCodeAt(i) === SPACE) i++;
    const keyStart = i;
    while (i < n && message.charCodeAt(i) !== EQUALS && message.charCodeAt(i) !== SPACE) i++;
    if (i >= n || message.charCodeAt(i) !== EQUALS) continue; // a bare word: skip it
    const key = message.slice(keyStart, i);
    i++;
    let value: string;
    if (message.charCodeAt(i) === QUOTE) {
      const end = message.indexOf('"', i + 1);
      const stop = end < 0 ? n : end;
      value = message.slice(i + 1, stop);
      i = stop + 1;
    } else {
      let end = message.indexOf(' ', i);
      if (end < 0) end = n;
      value = message.slice(i, end);
      i = end;
    }
    if (!(key in fields)) fields[key] = value;
  }
  return fields;
}
