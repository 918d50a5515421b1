import { isIP } from 'node:net';
import type * as Heroku from '../schema-extensions.js';
import type { Report, Rule } from '../../core/rule.js';
import { defineRule } from '../../core/define-rule.js';
import type { HerokuFacts } from '../facts.js';
import { customDomains } from './app-queries.js';

/**
 * Each custom domain's DNS record points at the DNS target Heroku gave it (`*.herokudns.com`):
 * a CNAME to the target, or at the apex an ALIAS/ANAME that resolves to the target's addresses.
 *
 * Split from heroku.ssl because it depends on the network of the machine running implanta: when no
 * custom domain resolves at all (an offline machine, a firewall), the rule skips instead of blaming
 * the app; when some resolve and others do not, the silent ones are reported, since that is a
 * missing record rather than a missing network.
 */
export const dnsRule: Rule<HerokuFacts> = defineRule({
  id: 'heroku.dns',
  area: 'heroku',
  severity: 'warning',
  title: 'Custom domains point at their Heroku DNS target',
  docs: 'https://devcenter.heroku.com/articles/custom-domains',
  explain: {
    checks: "Whether each custom domain resolves to the DNS target Heroku gave it.",
    why: "A domain pointing elsewhere (or at an old target) does not reach the app, or loses automatic certificates.",
    example: "www.example.com CNAME old-app.herokuapp.com",
    fix: "Point a CNAME (or ALIAS at the apex) at the domain's DNS target from heroku domains.",
  },
  messages: { 'does-not-resolve': "a custom domain does not resolve", 'wrong-target': "a custom domain does not point at its DNS target" },
  check(facts: HerokuFacts) {
    const domains = customDomains(facts).filter((d) => !d.hostname!.startsWith('*.') && d.cname);
    if (domains.length === 0) return { skip: 'the app has no custom domain to look up' };
    const resolved = domains.filter((d) => records(facts, d.hostname!) !== null);
    if (resolved.length === 0) {
      return { skip: `none of the custom domains resolved from this machine (${domains.map((d) => d.hostname).join(', ')})` };
    }
    const reports: Report[] = [];
    for (const domain of domains) {
      const host = domain.hostname!;
      const found = records(facts, host);
      if (found === null) {
        reports.push({ messageId: 'does-not-resolve', message: `${host} does not resolve, while other custom domains of the app do.`, hint: recordHint(domain) });
      } else if (pointsAt(facts, found, domain.cname!) === false) {
        reports.push({ messageId: 'wrong-target', message: `${host} does not point at its DNS target ${domain.cname}.`, hint: recordHint(domain) });
      }
    }
    return reports;
  },
});

function records(facts: HerokuFacts, host: string): string[] | null {
  return facts.dns[host.toLowerCase()] ?? null;
}

/** False when it clearly points elsewhere; undefined when only addresses are known and the target's are not. */
function pointsAt(facts: HerokuFacts, found: string[], target: string): boolean | undefined {
  const wanted = target.toLowerCase();
  const names = found.filter((r) => isIP(r) === 0);
  if (names.includes(wanted)) return true;
  if (names.length > 0) return false;
  const targetAddresses = records(facts, wanted);
  if (targetAddresses === null) return undefined;
  return found.some((address) => targetAddresses.includes(address));
}

function recordHint(domain: Heroku.Domain): string {
  return `At your DNS provider, set a CNAME record (ALIAS or ANAME at the apex) for ${domain.hostname} to ${domain.cname}.`;
}
