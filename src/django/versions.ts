/**
 * Which Django versions implanta's Django rules cover, and which check exists in which version. Read from
 * Django's own django/core/checks for 3.0 through 6.0.
 */

export interface DjangoRelease {
  major: number;
  minor: number;
}

export const OLDEST_COVERED: DjangoRelease = { major: 3, minor: 0 };
/** Newer releases are judged like this one: Django keeps its checks once added. */
export const NEWEST_KNOWN: DjangoRelease = { major: 6, minor: 0 };

export function compareRelease(a: DjangoRelease, b: DjangoRelease): number {
  return a.major - b.major || a.minor - b.minor;
}

export function atLeast(v: DjangoRelease, major: number, minor: number): boolean {
  return compareRelease(v, { major, minor }) >= 0;
}

export function formatRelease(v: DjangoRelease): string {
  return `${v.major}.${v.minor}`;
}

interface Lifetime {
  since: DjangoRelease;
  /** Last release that still has the check. */
  until?: DjangoRelease;
}

const since = (major: number, minor: number): Lifetime => ({ since: { major, minor } });

/** Checks added after 3.0 or removed since; every other rule here exists in all covered releases. */
const LIFETIMES: Record<string, Lifetime> = {
  'security.E100': { since: { major: 3, minor: 1 }, until: { major: 3, minor: 2 } },
  'security.E101': since(3, 2),
  'security.E102': since(3, 2),
  'security.E024': since(4, 0),
  'security.W025': since(4, 1),
  'security.E026': since(6, 0),
  'async.E001': since(3, 1),
  'caches.W002': since(3, 1),
};

export function checkExists(id: string, v: DjangoRelease): boolean {
  const life = LIFETIMES[id];
  if (!life) return true;
  if (compareRelease(v, life.since) < 0) return false;
  return !life.until || compareRelease(v, life.until) <= 0;
}

/** The release whose docs describe a check: the newest covered release that still has it. */
export function docsRelease(id: string): DjangoRelease {
  return LIFETIMES[id]?.until ?? NEWEST_KNOWN;
}

export function isCovered(v: DjangoRelease): boolean {
  return compareRelease(v, OLDEST_COVERED) >= 0;
}
