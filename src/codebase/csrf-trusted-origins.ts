import type { Report, Rule } from '../core/rule.js';
import { defineRule } from '../core/define-rule.js';
import { sequenceItems, Unknown } from '../project/python-value.js';
import type { ProjectFacts } from '../project/types.js';
import { originTrusted } from './host-matching.js';
import { djangoSeesHttps } from './https-detection.js';
import { cannotTell, devCenter, NO_SETTINGS, placeOf, settingsOf } from './support.js';

/**
 * codebase.csrf-trusted-origins: on Django 4.0+, a POST's Origin header must equal the origin Django
 * computes for the request (scheme from is_secure(), host from Host) or be in CSRF_TRUSTED_ORIGINS.
 * Behind Heroku's router the browser sends `Origin: https://host`; when Django sees the request as
 * http it computes `http://host`, and every form POST fails with 403 unless the https origin is
 * trusted.
 */
export const csrfTrustedOriginsRule: Rule<ProjectFacts> = defineRule({
  id: 'codebase.csrf-trusted-origins',
  area: 'codebase',
  severity: 'error',
  title: "Form POSTs pass Django's CSRF origin check",
  docs: devCenter('http-routing#heroku-headers'),
  explain: {
    checks: "Whether form POSTs on the app's hosts pass Django 4's Origin check behind Heroku's router.",
    why: "If Django sees requests as http and the https origin is not trusted, every form POST fails with 403.",
    example: "no SECURE_PROXY_SSL_HEADER and no CSRF_TRUSTED_ORIGINS",
    fix: "SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https'), or CSRF_TRUSTED_ORIGINS = ['https://www.example.com'].",
  },
  messages: { 'origin-rejected': "Django would reject the app's own form POSTs", 'cannot-tell': 'the value depends on something the static evaluation could not know (info)' },
  check(facts: ProjectFacts) {
    const settings = settingsOf(facts);
    if (!settings) return NO_SETTINGS;
    if (facts.django && facts.django.major < 4) return { skip: `Django ${facts.django.major}.${facts.django.minor} does not check the Origin header` };
    if (facts.hosts.length === 0) return { skip: 'no host given (--host or --app)' };
    const verdict = djangoSeesHttps(facts);
    // runserver is codebase.web-server's fact; the fix (a production server) replaces the command anyway.
    if (verdict.sees === true || (verdict.sees === false && verdict.runserver)) return [];
    const binding = settings.get('CSRF_TRUSTED_ORIGINS');
    if (binding?.value instanceof Unknown) return [cannotTell('which origins CSRF_TRUSTED_ORIGINS trusts', binding.value, binding)];
    const entries = (binding ? sequenceItems(binding.value) : []) ?? [];
    const trusted = entries.filter((e): e is string => typeof e === 'string');
    const unknownEntry = entries.find((e): e is Unknown => e instanceof Unknown);
    const reports: Report[] = [];
    for (const host of facts.hosts) {
      const origin = `https://${host}`;
      if (trusted.some((e) => originTrusted(origin, e))) continue;
      if (unknownEntry) {
        reports.push(cannotTell(`whether CSRF_TRUSTED_ORIGINS trusts ${origin}`, unknownEntry, binding));
      } else if (verdict.sees === 'unknown') {
        reports.push(cannotTell(`whether form POSTs on ${origin} pass the CSRF origin check`, verdict.unknown, verdict.binding));
      } else {
        reports.push({
          messageId: 'origin-rejected', message: `form POSTs on ${origin} would fail with 403 (CSRF: Origin checking failed): Django sees the requests as http (${verdict.why}) and ${origin} is not in CSRF_TRUSTED_ORIGINS`,
          hint: `Set SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https') so Django sees https, or add '${origin}' to CSRF_TRUSTED_ORIGINS.`,
          ...placeOf(settings, binding),
        });
      }
    }
    return reports;
  },
});
