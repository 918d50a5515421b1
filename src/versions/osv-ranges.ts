import { compareVersions, isValidVersion, sortVersions } from './pep440.js';
import type { OsvAffected, OsvEvent, OsvVulnerability } from './osv-schema.js';
import { normalizeName } from './names.js';

/** The `affected` entries of a vulnerability that are about this PyPI package. */
export function affectedEntries(vuln: OsvVulnerability, name: string): OsvAffected[] {
  return (vuln.affected ?? []).filter(
    (a) => a.package?.ecosystem === 'PyPI' && typeof a.package.name === 'string' && normalizeName(a.package.name) === name,
  );
}

/**
 * Whether `version` of package `name` is affected, as the OSV schema defines it: listed in `versions`,
 * or inside an ECOSYSTEM range, which runs from an `introduced` event up to the next `fixed` (exclusive)
 * or `last_affected` (inclusive) event in version order.
 */
export function isAffected(vuln: OsvVulnerability, name: string, version: string): boolean {
  if (vuln.withdrawn || !isValidVersion(version)) return false;
  return affectedEntries(vuln, name).some(
    (entry) =>
      (entry.versions ?? []).some((v) => isValidVersion(v) && compareVersions(v, version) === 0) ||
      (entry.ranges ?? []).some((range) => range.type === 'ECOSYSTEM' && inRange(range.events, version)),
  );
}

function inRange(events: readonly OsvEvent[], version: string): boolean {
  let affected = false;
  for (const event of sortEvents(events)) {
    if (event.introduced !== undefined && atLeast(version, event.introduced)) affected = true;
    else if (event.fixed !== undefined && atLeast(version, event.fixed)) affected = false;
    else if (event.last_affected !== undefined && compareVersions(version, event.last_affected) > 0) affected = false;
    else if (event.limit !== undefined && atLeast(version, event.limit)) affected = false;
  }
  return affected;
}

/** `introduced: "0"` means "from the very first version". */
function atLeast(version: string, bound: string): boolean {
  return bound === '0' || (isValidVersion(bound) && compareVersions(version, bound) >= 0);
}

function eventVersion(e: OsvEvent): string {
  return e.introduced ?? e.fixed ?? e.last_affected ?? e.limit ?? '0';
}

/** Version order; at one version an `introduced` comes before the event that closes a range. */
function sortEvents(events: readonly OsvEvent[]): OsvEvent[] {
  return events
    .filter((e) => eventVersion(e) === '0' || isValidVersion(eventVersion(e)))
    .map((e, i) => ({ e, i }))
    .sort((a, b) => {
      const va = eventVersion(a.e);
      const vb = eventVersion(b.e);
      const byVersion = va === vb ? 0 : va === '0' ? -1 : vb === '0' ? 1 : compareVersions(va, vb);
      return byVersion || Number(a.e.introduced === undefined) - Number(b.e.introduced === undefined) || a.i - b.i;
    })
    .map(({ e }) => e);
}

/** Every `fixed` version the advisory names for this package, ascending. */
export function fixedVersions(vuln: OsvVulnerability, name: string): string[] {
  const fixed = affectedEntries(vuln, name).flatMap((entry) =>
    (entry.ranges ?? []).filter((r) => r.type === 'ECOSYSTEM').flatMap((r) => r.events.map((e) => e.fixed).filter((v) => v !== undefined)),
  );
  return sortVersions(fixed);
}
