import type * as Heroku from '../schema-extensions.js';
import type { Report, Rule } from '../../core/rule.js';
import { defineRule } from '../../core/define-rule.js';
import type { HerokuFacts } from '../facts.js';
import { cli, customDomains, days, daysUntil } from './app-queries.js';

/** Renew before this: a certificate closer to expiry than this is a warning. */
const RENEW_WITHIN_DAYS = 30;
const ACM_DONE = new Set(['cert issued', 'ok']);
const ACM_FAILED = new Set(['failed', 'failing']);

/**
 * Production check point 9: every custom domain serves a valid certificate, from Automated Certificate
 * Management or from an uploaded one (an SNI endpoint) that covers the name and is not about to expire.
 * The herokuapp.com name is always covered by Heroku's own certificate. Whether DNS points at Heroku is
 * heroku.dns's question: this rule reads only the Platform API, so it never has to skip for the network.
 */
export const sslRule: Rule<HerokuFacts> = defineRule({
  id: 'heroku.ssl',
  area: 'heroku',
  severity: 'error',
  title: 'Every custom domain has a valid certificate',
  docs: 'https://devcenter.heroku.com/articles/automated-certificate-management',
  explain: {
    checks: "Whether every custom domain has a valid, unexpired certificate, and whether Automated Certificate Management succeeded.",
    why: "HTTPS to a domain without a valid certificate fails in every browser.",
    example: "www.example.com with ACM status failing",
    fix: "heroku certs:auto:enable, and fix the DNS record ACM needs.",
  },
  messages: { 'expired': "a certificate has expired (error)", 'expires-soon': "a certificate expires soon (warning)", 'acm-failed': "Automated Certificate Management failed", 'no-certificate': "a custom domain has no certificate" },
  check(facts: HerokuFacts) {
    return customDomains(facts).flatMap((domain) => domainReports(facts, domain));
  },
});

function domainReports(facts: HerokuFacts, domain: Heroku.Domain): Report[] {
  const host = domain.hostname ?? '';
  if (facts.app.acm && ACM_DONE.has(domain.acm_status ?? '')) return [];
  const endpoint = endpointFor(facts, domain);
  const expiresAt = endpoint?.ssl_cert?.expires_at;
  if (endpoint && expiresAt) {
    const left = daysUntil(facts.today, expiresAt);
    if (left > RENEW_WITHIN_DAYS) return [];
    const hint = `Upload a renewed certificate (${cli(facts, 'certs:update CERT.pem KEY.pem')}) or let Heroku manage it: ${cli(facts, 'certs:auto:enable')}`;
    if (left <= 0) return [{ messageId: 'expired', message: `The certificate for ${host} expired on ${expiresAt.slice(0, 10)}.`, hint }];
    return [{ severity: 'warning', messageId: 'expires-soon', message: `The certificate for ${host} expires on ${expiresAt.slice(0, 10)}, in ${days(left)}.`, hint }];
  }
  if (facts.app.acm) {
    const status = domain.acm_status ?? 'no status yet';
    const reason = domain.acm_status_reason ? `: ${domain.acm_status_reason}` : '';
    return [{
      severity: ACM_FAILED.has(status.toLowerCase()) ? 'error' : 'warning',
      messageId: 'acm-failed', message: `Automated Certificate Management has not issued a certificate for ${host} (${status}${reason}).`,
      hint: `Point ${host} at ${domain.cname ?? 'its DNS target'} (see heroku.dns), then ${cli(facts, 'certs:auto:refresh')}`,
    }];
  }
  return [{ messageId: 'no-certificate', message: `${host} has no certificate: HTTPS to it fails.`, hint: cli(facts, 'certs:auto:enable') }];
}

/** The endpoint the domain is bound to, else any endpoint whose certificate names it. */
function endpointFor(facts: HerokuFacts, domain: Heroku.Domain): Heroku.SniEndpoint | undefined {
  const bound = domain.sni_endpoint?.id;
  const host = (domain.hostname ?? '').toLowerCase();
  return (
    facts.sniEndpoints.find((e) => bound !== undefined && e.id === bound && certCovers(e, host)) ??
    facts.sniEndpoints.find((e) => certCovers(e, host))
  );
}

function certCovers(endpoint: Heroku.SniEndpoint, host: string): boolean {
  const names = (endpoint.ssl_cert?.cert_domains ?? []).filter((n): n is string => typeof n === 'string');
  return names.some((name) => nameMatches(name.toLowerCase(), host));
}

/** A wildcard covers exactly one label: `*.example.com` covers `www.example.com`, not `example.com` or `a.b.example.com`. */
export function nameMatches(pattern: string, host: string): boolean {
  if (pattern === host) return true;
  if (!pattern.startsWith('*.')) return false;
  const dot = host.indexOf('.');
  return dot > 0 && !host.startsWith('*.') && host.slice(dot + 1) === pattern.slice(2);
}
