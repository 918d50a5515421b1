import { isObject } from './http.js';
import { compareVersions, isPrerelease } from './pep440.js';
import { fixedVersions, isAffected } from './osv-ranges.js';
import type { OsvVulnerability } from './osv-schema.js';
import type { Advisory } from './versions-facts.js';

/** The summary a report shows of one OSV record, for package `name` pinned at `pinned`. */
export function toAdvisory(vuln: OsvVulnerability, name: string, pinned: string): Advisory {
  const fixed = fixedVersions(vuln, name);
  const fixedAbovePin = fixed.find((v) => compareVersions(v, pinned) > 0);
  const severity = githubSeverity(vuln) ?? vuln.severity?.[0]?.score;
  return {
    id: vuln.id,
    aliases: (vuln.aliases ?? []).filter((a): a is string => typeof a === 'string'),
    ...(vuln.summary && { summary: vuln.summary }),
    ...(severity && { severity }),
    fixed,
    ...(fixedAbovePin && { fixedAbovePin }),
    url: advisoryUrl(vuln),
  };
}

/**
 * The smallest step that leaves every known advisory behind: the lowest stable version above the pin
 * that none of them affects. Candidates are the index's releases, or, when the index is unavailable,
 * the advisories' own fixed versions.
 */
export function smallestSafeUpgrade(
  vulns: readonly OsvVulnerability[],
  name: string,
  pinned: string,
  releases: readonly string[] | undefined,
): string | undefined {
  const candidates = releases ?? vulns.flatMap((v) => fixedVersions(v, name));
  return [...new Set(candidates)]
    .filter((v) => !isPrerelease(v) && compareVersions(v, pinned) > 0)
    .sort(compareVersions)
    .find((v) => vulns.every((vuln) => !isAffected(vuln, name, v)));
}

/** GitHub advisories carry a plain-word severity in database_specific; more readable than a CVSS vector. */
function githubSeverity(vuln: OsvVulnerability): string | undefined {
  const severity = isObject(vuln.database_specific) ? vuln.database_specific.severity : undefined;
  return typeof severity === 'string' ? severity : undefined;
}

function advisoryUrl(vuln: OsvVulnerability): string {
  const advisory = vuln.references?.find((r) => r.type === 'ADVISORY' && typeof r.url === 'string');
  return advisory?.url ?? `https://osv.dev/vulnerability/${encodeURIComponent(vuln.id)}`;
}
