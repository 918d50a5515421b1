/** Just enough of urllib.parse for database, cache and email URLs, with its quirks kept. */

export interface SplitUrl {
  scheme: string;
  netloc: string;
  path: string;
  query: string;
  username?: string;
  password?: string;
  /** Lower-cased, brackets of an IPv6 literal removed, as urllib gives it. */
  hostname?: string;
  /** undefined when absent; NaN when not a valid port (urllib raises ValueError on reading it). */
  port?: number;
}

export function urlsplit(url: string): SplitUrl {
  let rest = url;
  let scheme = '';
  const schemeMatch = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(rest);
  if (schemeMatch) {
    scheme = schemeMatch[1]!.toLowerCase();
    rest = rest.slice(schemeMatch[0].length);
  }
  let netloc = '';
  if (rest.startsWith('//')) {
    const end = rest.slice(2).search(/[/?#]/);
    netloc = end < 0 ? rest.slice(2) : rest.slice(2, 2 + end);
    rest = end < 0 ? '' : rest.slice(2 + end);
  }
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  const q = rest.indexOf('?');
  const path = q >= 0 ? rest.slice(0, q) : rest;
  const query = q >= 0 ? rest.slice(q + 1) : '';
  return { scheme, netloc, path, query, ...credentials(netloc) };
}

function credentials(netloc: string): Pick<SplitUrl, 'username' | 'password' | 'hostname' | 'port'> {
  const at = netloc.lastIndexOf('@');
  const userinfo = at >= 0 ? netloc.slice(0, at) : undefined;
  const hostport = at >= 0 ? netloc.slice(at + 1) : netloc;
  let username: string | undefined;
  let password: string | undefined;
  if (userinfo !== undefined) {
    const colon = userinfo.indexOf(':');
    username = colon >= 0 ? userinfo.slice(0, colon) : userinfo;
    password = colon >= 0 ? userinfo.slice(colon + 1) : undefined;
  }
  let host = hostport;
  let portText: string | undefined;
  const bracket = /^\[([^\]]*)\](?::(.*))?$/.exec(hostport);
  if (bracket) {
    host = bracket[1]!;
    portText = bracket[2];
  } else {
    const colon = hostport.indexOf(':');
    if (colon >= 0) {
      host = hostport.slice(0, colon);
      portText = hostport.slice(colon + 1);
    }
  }
  let port: number | undefined;
  if (portText !== undefined && portText !== '') {
    const n = /^\d+$/.test(portText) ? Number(portText) : NaN;
    port = n >= 0 && n <= 65535 ? n : NaN;
  }
  return { username, password, hostname: host ? host.toLowerCase() : undefined, port };
}

/** urllib.parse.unquote: %XX sequences as UTF-8; malformed ones stay as written. */
export function unquote(text: string): string {
  return text.replace(/(%[0-9a-fA-F]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

export function unquotePlus(text: string): string {
  return unquote(text.replace(/\+/g, ' '));
}

/** urllib.parse.parse_qs: `&`-separated, blank values dropped, repeated keys collected in order. */
export function parseQs(query: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const pair of query.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    const value = unquotePlus(pair.slice(eq + 1));
    if (value === '') continue;
    const key = unquotePlus(pair.slice(0, eq));
    const values = out.get(key);
    if (values) values.push(value);
    else out.set(key, [value]);
  }
  return out;
}
