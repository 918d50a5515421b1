import type { IncomingMessage } from 'node:http';

/**
 * The credential of a request, as Heroku takes it: `Authorization: Bearer TOKEN`, or HTTP basic with the
 * token as password (what `curl -n` sends from .netrc). The local platform accepts any non-empty token.
 */
export function requestToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization?.trim();
  if (!header) return undefined;
  const [scheme, value = ''] = header.split(/\s+/, 2) as [string, string | undefined];
  if (scheme.toLowerCase() === 'bearer') return value.trim() || undefined;
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const password = decoded.slice(decoded.indexOf(':') + 1);
    return decoded.includes(':') && password ? password : undefined;
  }
  return undefined;
}
