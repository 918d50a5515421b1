import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalPlatform, type LocalPlatform, type LocalPlatformOptions } from '../../src/local/server.js';
import { schemaErrors } from './heroku-schema.js';

export interface ApiAnswer {
  status: number;
  headers: Headers;
  body: any;
}

export const API_HEADERS = { Accept: 'application/vnd.heroku+json; version=3', Authorization: 'Bearer test-token' };

/**
 * One raw request to the local platform, as a curl script following the Platform API reference sends
 * it; the answer must conform to Heroku's published schema, whatever its status.
 */
export async function api(baseUrl: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiAnswer> {
  const response = await fetch(baseUrl + path, {
    method,
    headers: { ...API_HEADERS, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const parsed = text ? JSON.parse(text) : undefined;
  assert.deepEqual(schemaErrors(method, path, response.status, parsed), [], `${method} ${path} (${response.status}) does not match the Platform API schema`);
  return { status: response.status, headers: response.headers, body: parsed };
}

/**
 * A fetch for HerokuClient that checks every JSON answer against the schema before the client sees it,
 * so client tests also prove the server's shapes. Answers that are not JSON (injected garbage) pass as is.
 */
export function validatingFetch(problems: string[]): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const text = await response.clone().text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return response;
    }
    const url = new URL(String(input));
    for (const error of schemaErrors(init?.method ?? 'GET', url.pathname, response.status, parsed)) problems.push(`${init?.method} ${url.pathname}: ${error}`);
    return response;
  };
}

/** A local platform in a fresh data directory, closed when the test ends; `call` is `api` bound to it. */
export async function startTestPlatform(
  t: { after(fn: () => unknown): void },
  options: Partial<LocalPlatformOptions> = {},
): Promise<LocalPlatform & { dataDir: string; call: (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<ApiAnswer> }> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'implanta-local-'));
  const local = await startLocalPlatform({ port: 0, ...options, dataDir });
  t.after(async () => {
    await local.close();
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  return { ...local, dataDir, call: (method, path, body, headers) => api(local.url, method, path, body, headers) };
}
