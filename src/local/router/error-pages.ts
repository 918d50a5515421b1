/** What a custom page fetch may take before the router falls back to its own page. */
const FETCH_TIMEOUT_MS = 5_000;
const CACHE_MS = 10 * 60_000;
const FAILURE_CACHE_MS = 30_000;

export type PageKind = 'maintenance' | 'error';

function page(title: string, text: string): string {
  return `<!DOCTYPE html>
<html>
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${title}</title>
    <style>body{font-family:sans-serif;margin:10vh auto;max-width:36em;padding:0 1em;color:#333}h1{font-weight:normal}</style>
  </head>
  <body>
    <h1>${title}</h1>
    <p>${text}</p>
  </body>
</html>
`;
}

/** The router's own pages, in the spirit of Heroku's defaults. */
export const DEFAULT_PAGES: Record<PageKind, string> = {
  maintenance: page('Offline for Maintenance', 'This app is undergoing maintenance right now. Please check back later.'),
  error: page(
    'Application Error',
    'An error occurred in the application and your page could not be served. If you are the application owner, check your logs for details: <code>heroku logs --tail</code>.',
  ),
};

export const NO_SUCH_APP_PAGE = page('No such app', "There's nothing here, yet.");

/**
 * The page the router answers with 503 when the app is in maintenance (MAINTENANCE_PAGE_URL) or no dyno
 * can answer (ERROR_PAGE_URL): the app's own page when it set one and it can be fetched, cached as Heroku
 * caches it, else the default.
 */
export class ErrorPages {
  private readonly cache = new Map<string, { body: string; until: number }>();

  async get(kind: PageKind, url: string | undefined): Promise<string> {
    if (!url) return DEFAULT_PAGES[kind];
    const cached = this.cache.get(url);
    if (cached && cached.until > Date.now()) return cached.body;
    const body = await fetchPage(url);
    this.cache.set(url, { body: body ?? DEFAULT_PAGES[kind], until: Date.now() + (body === undefined ? FAILURE_CACHE_MS : CACHE_MS) });
    return body ?? DEFAULT_PAGES[kind];
  }
}

async function fetchPage(url: string): Promise<string | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'follow' });
    return response.ok ? await response.text() : undefined;
  } catch {
    return undefined;
  }
}
