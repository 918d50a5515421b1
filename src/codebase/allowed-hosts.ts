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
    checks: "Whether ALLOWED_HOSTS admits every host the app answers on (--host, or the app's domains), and is not '*'.",
    why: "A host that is not admitted gets 400 Bad Request; '*' lets any Host header into absolute URLs such as password-reset links.",
    example: "ALLOWED_HOSTS = ['localhost'] for an app served at myapp.herokuapp.com",
    fix: "ALLOWED_HOSTS = ['myapp.herokuapp.com', 'www.example.com']",
  },
  messages: { 'wildcard': "ALLOWED_HOSTS contains '*' (warning)", 'host-not-admitted': "a host the app answers on is not admitted", 'cannot-tell': 'the value depends on something the static evaluation could not know (info)' },
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
      reports.push({
        severity: 'warning',
        messageId: 'wildcard', message: "ALLOWED_HOSTS contains '*': Django accepts any Host header, so absolute URLs it builds (password-reset links) trust whatever host a request claims",
        hint: `List the app's hosts instead${facts.hosts.length ? ` (${facts.hosts.join(', ')})` : ''}, e.g. from a config var: ALLOWED_HOSTS = os.environ['ALLOWED_HOSTS'].split(',').`,
        ...place,
      });
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
