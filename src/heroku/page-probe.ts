/**
 * The result of fetching a custom maintenance or error page. The URL itself is a config-var value and
 * never leaves this record into a message.
 */
export interface PageProbe {
  url: string;
  /** HTTP status of the final response, after redirects. */
  status?: number;
  /** Media type without parameters: `text/html`. */
  contentType?: string;
  /** Why no response came (a system error code, `timeout`, `not an http(s) URL`); no URL in it. */
  error?: string;
}

const TIMEOUT_MS = 5000;

/** Fetches a page the way the router would, following redirects; a failure is a probe, not a throw. */
export async function fetchPageProbe(url: string): Promise<PageProbe> {
  if (!/^https?:\/\//i.test(url)) return { url, error: 'not an http(s) URL' };
  try {
    const response = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(TIMEOUT_MS) });
    await response.body?.cancel();
    const contentType = response.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
    return { url, status: response.status, ...(contentType && { contentType }) };
  } catch (error) {
    return { url, error: failureReason(error) };
  }
}

/** Node's fetch hides the cause (ECONNREFUSED, ENOTFOUND, a TLS code) one level down; messages may quote the host. */
function failureReason(error: unknown): string {
  const e = error as { name?: string; cause?: { code?: unknown } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'timeout';
  const code = e.cause?.code;
  return typeof code === 'string' ? code : 'request failed';
}
