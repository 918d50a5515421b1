import type { Report, Rule } from '../core/rule.js';
import { defineRule } from '../core/define-rule.js';
import { sequenceItems, Unknown } from '../project/python-value.js';
import type { ProjectFacts } from '../project/types.js';
import { hostMatches } from './host-matching.js';
import { cannotTell, devCenter, NO_SETTINGS, placeOf, settingsOf } from './support.js';

/** codebase.allowed-hosts: ALLOWED_HOSTS admits every host the app answers on, without '*'. */
export const allowedHostsRule: Rule<ProjectFacts> = defineRule({
  id: 'codebase.allowed-hosts',
  area: 'codebase',
  severity: 'error',
  title: "ALLOWED_HOSTS admits the app's hosts",
  docs: devCenter('django-app-configuration'),
  explain: {
    checks: "Whether ALLOWED_HOSTS admits every host the app answers on (--host, or the app's domains), and what '*' means behind Heroku's router.",
    why: "A host that is not admitted gets 400 Bad Request. Heroku's router forwards only requests for the app's own domains, so '*' admits no foreign Host header there; but with USE_X_FORWARDED_HOST Django takes the host from a header the client writes, and '*' then lets any host into absolute URLs such as password-reset links.",
    example: "ALLOWED_HOSTS = ['localhost'] for an app served at myapp.herokuapp.com",
    fix: "ALLOWED_HOSTS = ['myapp.herokuapp.com', 'www.example.com']",
  },
  messages: {
    'wildcard': "ALLOWED_HOSTS contains '*' (info: the router admits only the app's domains)",
    'wildcard-forwarded-host': "ALLOWED_HOSTS contains '*' and USE_X_FORWARDED_HOST is on (warning)", 'host-not-admitted': "a host the app answers on is not admitted", 'cannot-tell': 'the value depends on something the static evaluation could not know (info)' },
  check(facts: ProjectFacts) {
    const settings = settingsOf(facts);
    if (!settings) return NO_SETTINGS;
    const binding = settings.get('ALLOWED_HOSTS');
    if (binding?.value instanceof Unknown) return [cannotTell('which hosts ALLOWED_HOSTS admits', binding.value, binding)];
    const items = binding ? sequenceItems(binding.value) : [];
    // An empty list is Django's own security.W020 (and, with DEBUG off, every request is a 400).
    if (!items || items.length === 0) return [];
    const place = placeOf(settings, binding);
    const patterns = items.filter((i): i is string => typeof i === 'string');
    const unknown = items.find((i): i is Unknown => i instanceof Unknown);
    const reports: Report[] = [];
    if (patterns.includes('*')) {
      const forwardedHost = settings.get('USE_X_FORWARDED_HOST')?.value === true;
      const list = `List the app's hosts instead${facts.hosts.length ? ` (${facts.hosts.join(', ')})` : ''}, e.g. from a config var: ALLOWED_HOSTS = os.environ['ALLOWED_HOSTS'].split(',').`;
      reports.push(
        forwardedHost
          ? {
              severity: 'warning',
              messageId: 'wildcard-forwarded-host',
              message: "ALLOWED_HOSTS contains '*' and USE_X_FORWARDED_HOST is on: Django takes the host from X-Forwarded-Host, which the client writes, so absolute URLs it builds (password-reset links) trust whatever host a request claims",
              hint: list,
              ...place,
            }
          : {
              severity: 'info',
              messageId: 'wildcard',
              message: "ALLOWED_HOSTS contains '*': behind Heroku's router only requests for the app's own domains arrive, so no foreign Host reaches Django; listing the hosts still guards the app if it is ever served another way",
              hint: list,
              ...place,
            },
      );
      return reports;
    }
    for (const host of facts.hosts) {
      if (patterns.some((p) => hostMatches(host, p))) continue;
      reports.push(
        unknown
          ? cannotTell(`whether ALLOWED_HOSTS admits ${host}`, unknown, binding)
          : { messageId: 'host-not-admitted', message: `ALLOWED_HOSTS does not admit ${host}: Django answers its requests with 400 Bad Request`, hint: `Add '${host}' to ALLOWED_HOSTS.`, ...place },
      );
    }
    return reports;
  },
});
