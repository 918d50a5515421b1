import { baseUrlOf, isObject, mapLimit, requestJson, ServiceError } from './http.js';
import { isOsvVulnerability, type OsvVulnerability } from './osv-schema.js';

export const DEFAULT_OSV_URL = 'https://api.osv.dev';

/** One pinned package to ask about. */
export interface Pin {
  name: string;
  version: string;
}

/** Vulnerabilities affecting each pin, keyed by `pinKey`. */
export type VulnerabilityMap = Map<string, OsvVulnerability[]>;

export function pinKey(pin: Pin): string {
  return `${pin.name}==${pin.version}`;
}

export interface OsvClientOptions {
  baseUrl?: string;
  timeoutMs?: number;
  concurrency?: number;
}

/** The API's documented ceiling on queries per batch. */
const BATCH_SIZE = 1000;
/** A pin with more pages than this is an API misbehaving, not a real package. */
const MAX_PAGES = 50;

/**
 * OSV's API: one `querybatch` says which advisories affect each pin (ids only), then one
 * `GET /v1/vulns/{id}` per advisory brings the record with its ranges and fixed versions.
 */
export class OsvClient {
  /** Without credentials: safe to show. */
  readonly baseUrl: string;
  private readonly authHeaders: Record<string, string>;
  private readonly timeoutMs: number;

  constructor(private readonly options: OsvClientOptions = {}) {
    const base = baseUrlOf('--osv-url', options.baseUrl ?? DEFAULT_OSV_URL);
    this.baseUrl = base.url;
    this.authHeaders = base.headers;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  /** Throws ServiceError when OSV cannot answer: a partial answer would read as "no vulnerabilities". */
  async vulnerabilities(pins: readonly Pin[]): Promise<VulnerabilityMap> {
    const ids = new Map<string, string[]>();
    for (let i = 0; i < pins.length; i += BATCH_SIZE) {
      const batch = pins.slice(i, i + BATCH_SIZE);
      const found = await this.queryBatch(batch);
      batch.forEach((pin, j) => ids.set(pinKey(pin), found[j]!));
    }
    const unique = [...new Set([...ids.values()].flat())];
    const records = await mapLimit(unique, this.options.concurrency ?? 8, (id) => this.vulnerability(id));
    const byId = new Map(records.map((r) => [r.id, r]));
    const result: VulnerabilityMap = new Map();
    for (const [key, list] of ids) result.set(key, list.map((id) => byId.get(id)!).filter((v) => !v.withdrawn));
    return result;
  }

  /** Advisory ids per pin, following each result's `next_page_token` until the pin is exhausted. */
  private async queryBatch(pins: readonly Pin[]): Promise<string[][]> {
    const ids: string[][] = pins.map(() => []);
    let pending = pins.map((pin, index) => ({ index, pin, token: undefined as string | undefined }));
    for (let page = 0; pending.length > 0; page++) {
      if (page === MAX_PAGES) throw new ServiceError(`OSV kept paginating ${this.batchUrl()} after ${MAX_PAGES} pages`);
      const queries = pending.map(({ pin, token }) => ({
        package: { name: pin.name, ecosystem: 'PyPI' },
        version: pin.version,
        ...(token && { page_token: token }),
      }));
      const { body } = await requestJson(this.batchUrl(), { service: 'OSV', method: 'POST', body: { queries }, headers: this.authHeaders, timeoutMs: this.timeoutMs });
      const results = isObject(body) ? body.results : undefined;
      if (!Array.isArray(results) || results.length !== queries.length) {
        throw new ServiceError(`OSV answered ${this.batchUrl()} with JSON that has no "results" list matching the ${queries.length} queries`);
      }
      const next: typeof pending = [];
      results.forEach((result: unknown, j) => {
        const item = pending[j]!;
        // A query without matches may come back as an empty object.
        const vulns = isObject(result) && Array.isArray(result.vulns) ? result.vulns : [];
        for (const v of vulns) if (isObject(v) && typeof v.id === 'string') ids[item.index]!.push(v.id);
        const token = isObject(result) ? result.next_page_token : undefined;
        if (typeof token === 'string' && token) next.push({ ...item, token });
      });
      pending = next;
    }
    return ids.map((list) => [...new Set(list)]);
  }

  private async vulnerability(id: string): Promise<OsvVulnerability> {
    const url = `${this.baseUrl}/v1/vulns/${encodeURIComponent(id)}`;
    const { body } = await requestJson(url, { service: 'OSV', headers: this.authHeaders, timeoutMs: this.timeoutMs });
    if (!isOsvVulnerability(body)) throw new ServiceError(`OSV answered ${url} with JSON that is not an OSV record`);
    return body;
  }

  private batchUrl(): string {
    return `${this.baseUrl}/v1/querybatch`;
  }
}
