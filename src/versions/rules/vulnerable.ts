import type { Rule } from '../../core/rule.js';
import { defineRule } from '../../core/define-rule.js';
import { upgradePackage } from '../upgrade-hints.js';
import type { Advisory, PackageVersions, VersionsFacts } from '../versions-facts.js';

/** A pin with a published advisory ships a known hole; the finding names the release that closes it. */
export const vulnerableRule: Rule<VersionsFacts> = defineRule({
  id: 'versions.vulnerable',
  area: 'versions',
  severity: 'error',
  title: 'No pinned dependency has a known vulnerability',
  docs: 'https://osv.dev/list?ecosystem=PyPI',
  explain: {
    checks: "Whether any pinned version has a known advisory in OSV (with --osv-db offline, or the OSV API).",
    why: "A known vulnerability has public exploit details.",
    example: "Django==4.2.0",
    fix: "Upgrade to the lowest fixed version implanta names.",
  },
  messages: { 'vulnerable': "a pinned version has known advisories" },
  check(facts: VersionsFacts) {
    if (facts.osv.skipped) return { skip: facts.osv.skipped };
    return facts.packages
      .filter((p) => p.pinned && p.vulnerabilities && p.vulnerabilities.length > 0)
      .map((p) => ({
        messageId: 'vulnerable', message: `${p.requirement.rawName} ${p.pinned} has ${count(p.vulnerabilities!.length)}: ${p.vulnerabilities!.map(describe).join('; ')}.`,
        hint: hint(p),
        ...location(p),
      }));
  },
});

function count(n: number): string {
  return n === 1 ? 'a known vulnerability' : `${n} known vulnerabilities`;
}

/** `GHSA-xxxx (CVE-2024-1234), fixed in 4.2.8` */
function describe(a: Advisory): string {
  const cves = a.aliases.filter((alias) => alias.startsWith('CVE-'));
  const name = cves.length > 0 ? `${a.id} (${cves.join(', ')})` : a.id;
  return `${name}, ${a.fixedAbovePin ? `fixed in ${a.fixedAbovePin}` : 'no fixed release yet'}`;
}

function hint(p: PackageVersions): string {
  if (p.safeUpgrade) return `${upgradePackage(p.requirement.name, p.safeUpgrade)}: the lowest release no known advisory affects.`;
  const urls = p.vulnerabilities!.map((a) => a.url).join(' ');
  return `No release fixes every advisory yet; read them for workarounds: ${urls}`;
}

/** A pin from a constraints file is fixed there, not on the requirement line. */
function location(p: PackageVersions): { file: string; line: number } {
  return p.pinnedBy ?? { file: p.requirement.file, line: p.requirement.line };
}
