import type { Rule } from '../core/rule.js';
import { defineRule } from '../core/define-rule.js';
import { truthy, Unknown } from '../project/python-value.js';
import type { ProjectFacts } from '../project/types.js';
import { djangoSeesHttps } from './https-detection.js';
import { cannotTell, devCenter, NO_SETTINGS, placeOf, settingsOf } from './support.js';

/**
 * codebase.proxy-ssl-header: with SECURE_SSL_REDIRECT on, Django must learn that a request came over
 * https, or it answers every request, https ones included, with a redirect to https.
 */
export const proxySslHeaderRule: Rule<ProjectFacts> = defineRule({
  id: 'codebase.proxy-ssl-header',
  area: 'codebase',
  severity: 'error',
  title: "SECURE_SSL_REDIRECT works behind Heroku's router",
  docs: devCenter('http-routing#heroku-headers'),
  explain: {
    checks: "Whether SECURE_SSL_REDIRECT comes with a way for Django to know a request arrived over https (SECURE_PROXY_SSL_HEADER, or gunicorn's forwarded-allow-ips).",
    why: "Heroku's router talks plain HTTP to the dyno: without it every request redirects to https forever.",
    example: "SECURE_SSL_REDIRECT = True without SECURE_PROXY_SSL_HEADER",
    fix: "SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https')",
  },
  messages: { 'redirect-loop': "SECURE_SSL_REDIRECT without a way to see https behind the router", 'cannot-tell': 'the value depends on something the static evaluation could not know (info)' },
  check(facts: ProjectFacts) {
    const settings = settingsOf(facts);
    if (!settings) return NO_SETTINGS;
    const redirect = settings.get('SECURE_SSL_REDIRECT');
    if (!redirect) return [];
    const on = truthy(redirect.value);
    if (on instanceof Unknown) return [cannotTell('whether SECURE_SSL_REDIRECT is on', on, redirect)];
    if (!on) return [];
    const verdict = djangoSeesHttps(facts);
    // runserver is codebase.web-server's fact; the fix (a production server) replaces the command anyway.
    if (verdict.sees === true || (verdict.sees === false && verdict.runserver)) return [];
    if (verdict.sees === 'unknown') return [cannotTell('whether Django sees https requests as https', verdict.unknown, verdict.binding)];
    return [
      {
        messageId: 'redirect-loop', message: `every request redirects forever: SECURE_SSL_REDIRECT is on, but Django cannot tell that a request reached Heroku over https (${verdict.why})`,
        hint: "Set SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https'): Heroku's router always sets that header and overwrites any a client sends.",
        ...placeOf(settings, redirect),
      },
    ];
  },
});
