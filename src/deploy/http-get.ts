import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface HttpGetOptions {
  url: string;
  /** Host header (and TLS server name) to send instead of the URL's host: a custom domain. */
  host?: string;
  headers?: Record<string, string>;
  timeoutMs: number;
  /** Bodies are read up to this size; a debug page fits well within it. */
  maxBodyBytes?: number;
}

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** Time to the complete body. */
  ms: number;
}

/**
 * One GET with node:http, not fetch: fetch cannot set the Host header nor stop at a redirect while still
 * showing its Location, and a smoke test needs both. Rejects with a one-line reason (a system error code or
 * "no answer within N ms").
 */
export function httpGet(options: HttpGetOptions): Promise<HttpAnswer> {
  const url = new URL(options.url);
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const started = performance.now();
  const limit = options.maxBodyBytes ?? 1_000_000;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'GET',
        headers: { 'User-Agent': 'implanta-smoke', Accept: 'text/html,*/*', ...(options.host && { Host: options.host }), ...options.headers },
        ...(options.host && url.protocol === 'https:' && { servername: options.host }),
        timeout: options.timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < limit) chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), ms: Math.round(performance.now() - started) }));
        res.on('error', (error) => reject(new Error(reason(error, options.timeoutMs))));
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', (error) => reject(new Error(reason(error, options.timeoutMs))));
    req.end();
  });
}

function reason(error: NodeJS.ErrnoException, timeoutMs: number): string {
  if (error.code === 'ETIMEDOUT') return `no answer within ${timeoutMs} ms`;
  return error.code ?? error.message;
}
