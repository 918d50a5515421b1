import { baseUrlOf, isObject, mapLimit, requestJson, ServiceError } from './http.js';
import { isValidVersion } from './pep440.js';
import { defaultPypiCacheDir, PypiCache, type CachedProject, type Release } from './pypi-cache.js';

export const DEFAULT_PYPI_URL = 'https://pypi.org';

export interface PypiClientOptions {
  /** Index base URL (default https://pypi.org); the JSON API lives at `<base>/pypi/<name>/json`. */
  baseUrl?: string;
  cacheDir?: string;
  /** How long an answer is trusted without asking again (default one hour). */
  ttlMs?: number;
  /** No requests at all: cached answers of any age, or nothing. */
  offline?: boolean;
  timeoutMs?: number;
  concurrency?: number;
}

/** What PyPI says of one project. */
export type PypiLookup =
  | { status: 'found'; releases: Release[] }
  | { status: 'not-found' }
  | { status: 'unavailable'; reason: string };

/**
 * Client for PyPI's JSON API. Releases are the installable ones: yanked releases (every file yanked)
 * and releases without files are dropped, as pip would never pick them.
 */
export class PypiClient {
  /** Without credentials: safe to show. */
  readonly baseUrl: string;
  private readonly authHeaders: Record<string, string>;
  private readonly cache: PypiCache;
  private readonly ttlMs: number;
  private readonly timeoutMs: number;

  constructor(private readonly options: PypiClientOptions = {}) {
    const base = baseUrlOf('--pypi-url', options.baseUrl ?? DEFAULT_PYPI_URL);
    this.baseUrl = base.url;
    this.authHeaders = base.headers;
    this.cache = new PypiCache(options.cacheDir ?? defaultPypiCacheDir());
    this.ttlMs = options.ttlMs ?? 60 * 60 * 1000;
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  projectUrl(name: string): string {
    return `${this.baseUrl}/pypi/${encodeURIComponent(name)}/json`;
  }

  /** Looks up many projects, a few at a time (PyPI is shared; implanta is one of many clients). */
  async lookupAll(names: readonly string[]): Promise<Map<string, PypiLookup>> {
    const unique = [...new Set(names)];
    const results = await mapLimit(unique, this.options.concurrency ?? 8, (name) => this.lookup(name));
    return new Map(unique.map((name, i) => [name, results[i]!]));
  }

  async lookup(name: string): Promise<PypiLookup> {
    const url = this.projectUrl(name);
    const cached = this.cache.read(name, url);
    if (cached && (this.options.offline || Date.now() - cached.fetchedAt < this.ttlMs)) return fromCache(cached);
    if (this.options.offline) return { status: 'unavailable', reason: `offline, and no cached PyPI answer for ${name}` };
    try {
      const entry = await this.fetch(url, cached);
      this.cache.write(name, entry);
      return fromCache(entry);
    } catch (error) {
      if (error instanceof ServiceError) return { status: 'unavailable', reason: error.message };
      throw error;
    }
  }

  /** A conditional request when the cache has an ETag: a 304 renews the cached answer. */
  private async fetch(url: string, cached: CachedProject | undefined): Promise<CachedProject> {
    const response = await requestJson(url, {
      service: 'PyPI',
      timeoutMs: this.timeoutMs,
      accept: [304, 404],
      headers: { ...this.authHeaders, ...(cached?.etag && { 'if-none-match': cached.etag }) },
    });
    const fetchedAt = Date.now();
    if (response.status === 304 && cached) return { ...cached, fetchedAt };
    if (response.status === 404) return { url, status: 404, fetchedAt, releases: [] };
    if (response.status === 304) throw new ServiceError(`PyPI answered ${url} with 304 to an unconditional request`);
    const etag = response.headers.get('etag') ?? undefined;
    return { url, status: 200, ...(etag && { etag }), fetchedAt, releases: installableReleases(url, response.body) };
  }
}

function fromCache(entry: CachedProject): PypiLookup {
  return entry.status === 404 ? { status: 'not-found' } : { status: 'found', releases: entry.releases };
}

/** Reads `releases` of the JSON API: `{version: [file, …]}`, each file with `yanked` and its upload time. */
function installableReleases(url: string, body: unknown): Release[] {
  if (!isObject(body) || !isObject(body.releases)) {
    throw new ServiceError(`PyPI answered ${url} with JSON that has no "releases" object`);
  }
  const releases: Release[] = [];
  for (const [version, files] of Object.entries(body.releases)) {
    if (!isValidVersion(version) || !Array.isArray(files)) continue;
    const installable = files.filter((f) => isObject(f) && f.yanked !== true);
    if (installable.length === 0) continue;
    const times = installable
      .map((f) => (f as Record<string, unknown>).upload_time_iso_8601)
      .filter((t): t is string => typeof t === 'string')
      .sort();
    releases.push({ version, ...(times[0] && { uploaded: times[0] }) });
  }
  return releases;
}
