import type { IncomingHttpHeaders } from 'node:http';
import type { SmokePath } from './config.js';
import { djangoDebugMarker } from './debug-page.js';
import { httpGet, type HttpAnswer } from './http-get.js';

/** What the settings promise, so the live answers can be held to it. Absent keys are not checked. */
export interface ExpectedHeaders {
  /** SECURE_HSTS_SECONDS (and its two companions); checked on https answers only, as Django sends it only there. */
  hsts?: { seconds: number; includeSubdomains?: boolean; preload?: boolean };
  /** SECURE_CONTENT_TYPE_NOSNIFF */
  nosniff?: boolean;
  /** SECURE_REFERRER_POLICY, as Django writes it (comma-separated when several). */
  referrerPolicy?: string;
  /** X_FRAME_OPTIONS with XFrameOptionsMiddleware on: DENY or SAMEORIGIN. */
  xFrameOptions?: string;
  /** SECURE_SSL_REDIRECT: a request that reached the router over http gets a 301 to https. */
  httpsRedirect?: boolean;
}

export interface SmokeOptions {
  /** The app's web_url. */
  baseUrl: string;
  paths: SmokePath[];
  host?: string;
  followRedirects?: boolean;
  /** Slowest acceptable answer per request. */
  maxMs: number;
  expect?: ExpectedHeaders;
}

export interface SmokeCheck {
  name: 'reachable' | 'status' | 'contains' | 'debug-page' | 'header' | 'https-redirect' | 'time';
  ok: boolean;
  detail: string;
}

export interface SmokeResult {
  /** The path requested, with `http:` in front for the redirect check. */
  target: string;
  ok: boolean;
  status?: number;
  ms?: number;
  checks: SmokeCheck[];
}

export interface SmokeReport {
  ok: boolean;
  results: SmokeResult[];
}

const MAX_REDIRECTS = 5;

/** Requests each configured path through the router and holds every answer to what the project promises. */
export async function smokeTest(options: SmokeOptions): Promise<SmokeReport> {
  const results: SmokeResult[] = [];
  for (const path of options.paths) results.push(await smokePath(options, path));
  if (options.expect?.httpsRedirect) results.push(await httpsRedirect(options));
  return { ok: results.every((r) => r.ok), results };
}

async function smokePath(options: SmokeOptions, expected: SmokePath): Promise<SmokeResult> {
  const target = expected.path;
  let answer: HttpAnswer & { url: string; hops: number };
  try {
    answer = await get(options, new URL(expected.path, options.baseUrl).href);
  } catch (error) {
    return failed(target, (error as Error).message);
  }
  const checks: SmokeCheck[] = [
    { name: 'status', ok: answer.status === expected.status, detail: `${answer.status}${answer.status === expected.status ? '' : `, expected ${expected.status}`}${redirectNote(answer)}` },
  ];
  if (expected.contains !== undefined) {
    const found = answer.body.includes(expected.contains);
    checks.push({ name: 'contains', ok: found, detail: `${found ? 'has' : 'lacks'} ${JSON.stringify(expected.contains)}` });
  }
  checks.push(debugCheck(answer.body));
  checks.push(...headerChecks(answer.headers, new URL(answer.url).protocol === 'https:', options.expect ?? {}));
  checks.push(timeCheck(answer.ms, options.maxMs));
  return { target, ok: checks.every((c) => c.ok), status: answer.status, ms: answer.ms, checks };
}

/** A request the router received over plain http: Django must send it to https with a permanent redirect. */
async function httpsRedirect(options: SmokeOptions): Promise<SmokeResult> {
  const url = new URL('/', options.baseUrl);
  url.protocol = 'http:';
  if (url.port === '443') url.port = '';
  const target = `${url.protocol}//…/`;
  let answer: HttpAnswer;
  try {
    // The router sets X-Forwarded-Proto from the connection; sending it too makes the check mean the same on any router.
    answer = await httpGet({ url: url.href, ...(options.host && { host: options.host }), headers: { 'X-Forwarded-Proto': 'http' }, timeoutMs: requestTimeout(options.maxMs) });
  } catch (error) {
    return failed(target, (error as Error).message);
  }
  const location = header(answer.headers, 'location') ?? '';
  const ok = answer.status === 301 && location.startsWith('https://');
  const detail = ok ? `301 to ${location}` : `${answer.status}${location ? ` to ${location}` : ''}, expected a 301 to https (SECURE_SSL_REDIRECT and SECURE_PROXY_SSL_HEADER)`;
  const checks: SmokeCheck[] = [{ name: 'https-redirect', ok, detail }, debugCheck(answer.body), timeCheck(answer.ms, options.maxMs)];
  return { target, ok: checks.every((c) => c.ok), status: answer.status, ms: answer.ms, checks };
}

/** GET with redirects followed only when asked; the Host override goes with every request to the router's address. */
async function get(options: SmokeOptions, first: string): Promise<HttpAnswer & { url: string; hops: number }> {
  const base = new URL(first);
  let url = base;
  let ms = 0;
  for (let hops = 0; ; hops++) {
    const viaRouter = url.host === base.host;
    const answer = await httpGet({ url: url.href, ...(options.host && viaRouter && { host: options.host }), timeoutMs: requestTimeout(options.maxMs) });
    ms += answer.ms;
    const location = header(answer.headers, 'location');
    if (!options.followRedirects || answer.status < 300 || answer.status >= 400 || !location || hops === MAX_REDIRECTS) {
      return { ...answer, ms, url: url.href, hops };
    }
    url = nextUrl(location, url, base, options.host);
  }
}

/** Where a redirect leads; one to the custom domain goes on through the router's address with the Host header. */
function nextUrl(location: string, current: URL, base: URL, host: string | undefined): URL {
  const next = new URL(location, current);
  if (!host || next.hostname !== host) return next;
  const via = new URL(next.pathname + next.search, base);
  via.protocol = next.protocol;
  return via;
}

function redirectNote(answer: { hops: number; url: string }): string {
  return answer.hops > 0 ? ` after ${answer.hops} redirect${answer.hops === 1 ? '' : 's'}` : '';
}

function debugCheck(body: string): SmokeCheck {
  const marker = djangoDebugMarker(body);
  return marker ? { name: 'debug-page', ok: false, detail: `Django's debug page is showing ("${marker}"): DEBUG is on in production` } : { name: 'debug-page', ok: true, detail: 'no debug page' };
}

function timeCheck(ms: number, maxMs: number): SmokeCheck {
  return { name: 'time', ok: ms <= maxMs, detail: `${ms} ms${ms <= maxMs ? '' : `, slower than ${maxMs} ms`}` };
}

function headerChecks(headers: IncomingHttpHeaders, secure: boolean, expect: ExpectedHeaders): SmokeCheck[] {
  const checks: SmokeCheck[] = [];
  if (expect.hsts && secure) checks.push(hstsCheck(header(headers, 'strict-transport-security'), expect.hsts));
  if (expect.nosniff) checks.push(equals(headers, 'x-content-type-options', 'nosniff'));
  if (expect.referrerPolicy !== undefined) checks.push(equals(headers, 'referrer-policy', expect.referrerPolicy));
  if (expect.xFrameOptions !== undefined) checks.push(equals(headers, 'x-frame-options', expect.xFrameOptions));
  return checks;
}

function equals(headers: IncomingHttpHeaders, name: string, expected: string): SmokeCheck {
  const value = header(headers, name);
  const normal = (s: string) => s.toLowerCase().split(',').map((p) => p.trim()).join(',');
  const ok = value !== undefined && normal(value) === normal(expected);
  return { name: 'header', ok, detail: value === undefined ? `${name} missing, expected "${expected}"` : `${name}: ${value}${ok ? '' : `, expected "${expected}"`}` };
}

function hstsCheck(value: string | undefined, expected: NonNullable<ExpectedHeaders['hsts']>): SmokeCheck {
  if (value === undefined) return { name: 'header', ok: false, detail: `strict-transport-security missing, expected max-age=${expected.seconds}` };
  const directives = value.split(';').map((d) => d.trim().toLowerCase());
  const maxAge = Number(/^max-age=(\d+)$/.exec(directives.find((d) => d.startsWith('max-age=')) ?? '')?.[1] ?? NaN);
  const problems: string[] = [];
  if (maxAge !== expected.seconds) problems.push(`max-age=${expected.seconds}`);
  if (expected.includeSubdomains && !directives.includes('includesubdomains')) problems.push('includeSubDomains');
  if (expected.preload && !directives.includes('preload')) problems.push('preload');
  return { name: 'header', ok: problems.length === 0, detail: `strict-transport-security: ${value}${problems.length ? `, expected ${problems.join('; ')}` : ''}` };
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function failed(target: string, reason: string): SmokeResult {
  return { target, ok: false, checks: [{ name: 'reachable', ok: false, detail: `no answer: ${reason}` }] };
}

/** Long enough to measure a slow answer rather than give up on it. */
function requestTimeout(maxMs: number): number {
  return Math.max(30_000, maxMs * 2);
}
