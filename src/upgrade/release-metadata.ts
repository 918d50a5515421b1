import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { baseUrlOf, isObject, requestJson, ServiceError } from '../versions/http.js';
import { defaultPypiCacheDir } from '../versions/pypi-cache.js';
import { DEFAULT_PYPI_URL } from '../versions/pypi.js';

/** What one release declares about its environment: its dependencies and the Pythons it runs on. */
export interface ReleaseMetadata {
  /** PEP 508 strings from `info.requires_dist`; empty when the release declares none. */
  requiresDist: string[];
  /** `info.requires_python`, e.g. `>=3.10`; absent when undeclared. */
  requiresPython?: string;
}

export type MetadataLookup =
  | { status: 'found'; metadata: ReleaseMetadata }
  | { status: 'not-found' }
  | { status: 'unavailable'; reason: string };

export interface ReleaseMetadataOptions {
  baseUrl?: string;
  cacheDir?: string;
  offline?: boolean;
  timeoutMs?: number;
}

/**
 * PyPI's per-release JSON (`/pypi/NAME/VERSION/json`). A published release's metadata never changes,
 * so an answer is cached for good (next to the release lists, in `<cacheDir>/releases/`) and reused
 * offline; the project-wide document PypiClient reads does not carry it for older releases.
 */
export class ReleaseMetadataClient {
  private readonly baseUrl: string;
  private readonly headers: Record<string, string>;
  private readonly dir: string;
  private readonly memo = new Map<string, Promise<MetadataLookup>>();

  constructor(private readonly options: ReleaseMetadataOptions = {}) {
    const base = baseUrlOf('--pypi-url', options.baseUrl ?? DEFAULT_PYPI_URL);
    this.baseUrl = base.url;
    this.headers = base.headers;
    this.dir = join(options.cacheDir ?? defaultPypiCacheDir(), 'releases');
  }

  lookup(name: string, version: string): Promise<MetadataLookup> {
    const key = `${name}==${version}`;
    if (!this.memo.has(key)) this.memo.set(key, this.fetch(name, version));
    return this.memo.get(key)!;
  }

  private async fetch(name: string, version: string): Promise<MetadataLookup> {
    const url = `${this.baseUrl}/pypi/${encodeURIComponent(name)}/${encodeURIComponent(version)}/json`;
    const file = join(this.dir, `${encodeURIComponent(name)}@${encodeURIComponent(version)}.json`);
    const cached = readCached(file, url);
    if (cached) return { status: 'found', metadata: cached };
    if (this.options.offline) return { status: 'unavailable', reason: `offline, and no cached PyPI metadata for ${name} ${version}` };
    try {
      const response = await requestJson(url, { service: 'PyPI', timeoutMs: this.options.timeoutMs ?? 15_000, accept: [404], headers: this.headers });
      if (response.status === 404) return { status: 'not-found' };
      const metadata = metadataOf(url, response.body);
      writeCached(this.dir, file, url, metadata);
      return { status: 'found', metadata };
    } catch (error) {
      if (error instanceof ServiceError) return { status: 'unavailable', reason: error.message };
      throw error;
    }
  }
}

function metadataOf(url: string, body: unknown): ReleaseMetadata {
  const info = isObject(body) ? body.info : undefined;
  if (!isObject(info)) throw new ServiceError(`PyPI answered ${url} with JSON that has no "info" object`);
  const dist = Array.isArray(info.requires_dist) ? info.requires_dist.filter((d): d is string => typeof d === 'string') : [];
  const python = typeof info.requires_python === 'string' && info.requires_python.trim() ? info.requires_python.trim() : undefined;
  return { requiresDist: dist, ...(python && { requiresPython: python }) };
}

/** The cache is an optimisation: anything unreadable is a miss, anything unwritable is skipped. */
function readCached(file: string, url: string): ReleaseMetadata | undefined {
  try {
    const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (!isObject(data) || data.url !== url || !Array.isArray(data.requiresDist)) return undefined;
    return { requiresDist: data.requiresDist.filter((d): d is string => typeof d === 'string'), ...(typeof data.requiresPython === 'string' && { requiresPython: data.requiresPython }) };
  } catch {
    return undefined;
  }
}

function writeCached(dir: string, file: string, url: string, metadata: ReleaseMetadata): void {
  try {
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ url, ...metadata }));
    renameSync(tmp, file);
  } catch {
    // a read-only cache folder only costs the next run a request
  }
}
