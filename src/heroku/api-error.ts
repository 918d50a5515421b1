/** A Platform API answer that is not a success, as the client saw it. */
export interface FailedAnswer {
  method: string;
  path: string;
  status: number;
  /** Parsed JSON when the body was JSON, else undefined. */
  body: unknown;
  requestId?: string | null;
}

/**
 * One line a user can act on, from Heroku's error body `{id, message}`. It names the request (method and
 * path) and never the credentials; the caller still passes it through the redactor for anything the
 * server may have echoed.
 */
export function describeFailure(answer: FailedAnswer): string {
  const { method, path, status } = answer;
  const { id, message } = errorFields(answer.body);
  const request = `${method} ${path}`;
  switch (status) {
    case 401:
      return `${request}: unauthorized${message ? ` (${message})` : ''}: run \`heroku login\` or set HEROKU_API_KEY`;
    case 403:
      return id === 'two_factor'
        ? `${request}: two-factor authentication is required for this request: run \`heroku login\` interactively, or set HEROKU_API_KEY to an API key (\`heroku authorizations:create\`)`
        : `${request}: forbidden${message ? `: ${message}` : ''}`;
    case 404: {
      const app = appNameOf(path);
      // "Couldn't find that app." or a request on the app itself: the app is missing or not shared with us.
      if (app && (/^\/apps\/[^/]+\/?$/.test(pathOnly(path)) || /\bapp\b/i.test(message ?? ''))) {
        return `${request}: app ${app} not found or no access`;
      }
      return `${request}: not found${message ? `: ${message}` : ''}`;
    }
    case 422:
      return `${request}: ${message ?? 'invalid request'}`;
    case 429:
      return `${request}: rate limited by Heroku${message ? ` (${message})` : ''}: wait a few minutes and try again`;
    default:
      return `${request}: Heroku answered ${status}${id ? ` ${id}` : ''}${message ? `: ${message}` : ''}${answer.requestId ? ` (request ${answer.requestId})` : ''}`;
  }
}

/** The app name of an `/apps/NAME/...` path, decoded. */
export function appNameOf(path: string): string | undefined {
  const match = /^\/apps\/([^/?#]+)/.exec(path);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return match[1];
  }
}

function pathOnly(path: string): string {
  return path.replace(/[?#].*$/, '');
}

/** Heroku's `id` and `message`, flattened to one short line; absent when the body is not Heroku's shape. */
function errorFields(body: unknown): { id?: string; message?: string } {
  if (!body || typeof body !== 'object') return {};
  const { id, message } = body as Record<string, unknown>;
  return {
    id: typeof id === 'string' ? oneLine(id, 60) : undefined,
    message: typeof message === 'string' && message.trim() ? oneLine(message, 300).replace(/\.$/, '') : undefined,
  };
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
