import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { isObject } from './http.js';

/** What implanta keeps of one PyPI answer: the releases it judges by, not PyPI's whole document. */
export interface CachedProject {
  /** The URL it was fetched from: a cache filled from another index is not this one's answer. */
  url: string;
  /** 200: the project exists; 404: PyPI has no such project (private packages). */
  status: 200 | 404;
  etag?: string;
  /** Milliseconds since the epoch. */
  fetchedAt: number;
  releases: Release[];
}

export interface Release {
  version: string;
  /** ISO 8601 time of the first file's upload. */
  uploaded?: string;
}

export function defaultPypiCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'implanta', 'pypi');
}

/** One JSON file per project. The cache is an optimisation: unreadable or unwritable means a miss. */
export class PypiCache {
  constructor(readonly dir: string) {}

  read(name: string, url: string): CachedProject | undefined {
    try {
      const data: unknown = JSON.parse(readFileSync(this.file(name), 'utf8'));
      if (!isCachedProject(data) || data.url !== url) return undefined;
      return data;
    } catch {
      return undefined;
    }
  }

  write(name: string, entry: CachedProject): void {
    try {
      mkdirSync(this.dir, { recursive: true });
      // Write then rename, so a concurrent implanta never reads half a file.
      const tmp = `${this.file(name)}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(entry));
      renameSync(tmp, this.file(name));
    } catch {
      // A read-only home folder only costs the next run a request.
    }
  }

  private file(name: string): string {
    // PEP 503 names are [a-z0-9-], safe as file names; anything else is encoded rather than trusted.
    return join(this.dir, `${encodeURIComponent(name)}.json`);
  }
}

function isCachedProject(data: unknown): data is CachedProject {
  return (
    isObject(data) &&
    typeof data.url === 'string' &&
    (data.status === 200 || data.status === 404) &&
    typeof data.fetchedAt === 'number' &&
    Array.isArray(data.releases) &&
    data.releases.every((r) => isObject(r) && typeof r.version === 'string')
  );
}
