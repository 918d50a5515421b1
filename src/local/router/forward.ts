import { request, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';

export interface ForwardInput {
  req: IncomingMessage;
  res: ServerResponse;
  port: number;
  headers: OutgoingHttpHeaders;
  /** H12: how long the dyno has to start answering. */
  timeoutMs: number;
}

export interface ForwardResult {
  status: number;
  bytes: number;
  connectMs: number;
  serviceMs: number;
  /**
   * The router's error when the dyno did not answer in full: H12 timeout, H13 closed before answering,
   * H18 closed in the middle of its answer, H27 client gone.
   */
  error?: { code: 'H12' | 'H13' | 'H18' | 'H27'; desc: string };
}

/** Headers that belong to one connection, never forwarded either way. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'upgrade']);

export function withoutHopByHop(headers: IncomingMessage['headers']): OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase())));
}

/**
 * Sends one request to a dyno and streams its answer back, on a fresh connection each time (gunicorn's
 * sync workers close it anyway). The answer's status and byte count, and the connect and service times,
 * are what the router log reports. Nothing is written to the client on an error: the caller answers.
 */
export function forward(input: ForwardInput): Promise<ForwardResult> {
  const started = performance.now();
  let connectMs = 0;
  let bytes = 0;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Omit<ForwardResult, 'connectMs' | 'serviceMs' | 'bytes'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, bytes, connectMs, serviceMs: performance.now() - started - connectMs });
    };
    const upstream = request({
      host: '127.0.0.1',
      port: input.port,
      method: input.req.method,
      path: input.req.url,
      headers: { ...input.headers, connection: 'close' },
      agent: false,
    });
    upstream.on('socket', (socket) => socket.once('connect', () => (connectMs = performance.now() - started)));
    const timer = setTimeout(() => {
      upstream.destroy();
      finish({ status: 503, error: { code: 'H12', desc: 'Request timeout' } });
    }, input.timeoutMs);
    let answered = false;
    upstream.on('response', (answer) => {
      answered = true;
      clearTimeout(timer);
      input.res.writeHead(answer.statusCode ?? 502, { ...withoutHopByHop(answer.headers), via: '1.1 vegur' });
      answer.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        input.res.write(chunk);
      });
      answer.on('end', () => {
        input.res.end();
        finish({ status: answer.statusCode ?? 502 });
      });
      // The dyno started answering, then its socket went before the answer was complete.
      const interrupted = () => {
        if (answer.complete) return;
        input.res.destroy();
        finish({ status: 503, error: { code: 'H18', desc: 'Server Request Interrupted' } });
      };
      answer.on('error', interrupted);
      answer.on('close', interrupted);
    });
    upstream.on('error', () => {
      if (answered) finish({ status: 503, error: { code: 'H18', desc: 'Server Request Interrupted' } });
      else finish({ status: 503, error: { code: 'H13', desc: 'Connection closed without response' } });
    });
    input.res.on('close', () => {
      if (settled || input.res.writableFinished) return;
      upstream.destroy();
      finish({ status: 499, error: { code: 'H27', desc: 'Client Request Interrupted' } });
    });
    input.req.pipe(upstream);
  });
}
