import type { Rule } from '../core/rule.js';
import { truthy, Unknown } from '../project/python-value.js';
import type { ProjectFacts } from '../project/types.js';
import { djangoSeesHttps } from './https-detection.js';
import { cannotTell, devCenter, NO_SETTINGS, placeOf, settingsOf } from './support.js';

/**
 * codebase.proxy-ssl-header: with SECURE_SSL_REDIRECT on, Django must learn that a request came over
 * https, or it answers every request, https ones included, with a redirect to https.
 */
export const proxySslHeaderRule: Rule<ProjectFacts> = {
  meta: {
    id: 'codebase.proxy-ssl-header',
    area: 'codebase',
    severity: 'error',
    title: "SECURE_SSL_REDIRECT works behind Heroku's router",
    docs: devCenter('http-routing#heroku-headers'),
  },
  check(facts) {
    const settings = settingsOf(facts);
    if (!settings) return NO_SETTINGS;
    const redirect = settings.get('SECURE_SSL_REDIRECT');
    if (!redirect) return [];
    const on = truthy(redirect.value);
    if (on instanceof Unknown) return [cannotTell('whether SECURE_SSL_REDIRECT is on', on, redirect)];
    if (!on) return [];
    const verdict = djangoSeesHttps(facts);
    if (verdict.sees === true) return [];
    if (verdict.sees === 'unknown') return [cannotTell('whether Django sees https requests as https', verdict.unknown, verdict.binding)];
    return [
      {
        message: `every request redirects forever: SECURE_SSL_REDIRECT is on, but Django cannot tell that a request reached Heroku over https (${verdict.why})`,
        hint: "Set SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https'): Heroku's router always sets that header and overwrites any a client sends.",
        ...placeOf(settings, redirect),
      },
    ];
  },
};
