import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorBody } from '../../heroku/schema-extensions.js';
import { ApiError } from '../platform/errors.js';

const MAX_BODY_BYTES = 1 << 20;

/** The JSON body of a request; an empty body is `{}`, as curl sends none for a bare POST. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, 'request_entity_too_large', 'Request body is larger than 1 MB.');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'bad_request', 'Request body is not valid JSON.');
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendError(res: ServerResponse, error: ApiError, headers: Record<string, string> = {}): void {
  const body: ErrorBody = { id: error.id, message: error.message, ...(error.resource && { resource: error.resource }) };
  sendJson(res, error.status, body, headers);
}
