import { allowedHostsRule } from '../../src/codebase/allowed-hosts.js';
import { csrfTrustedOriginsRule } from '../../src/codebase/csrf-trusted-origins.js';
import { Unknown } from '../../src/project/python-value.js';
import { tuple } from '../helpers/settings-view.js';
import { projectFacts, type FactsInput } from '../helpers/project-facts.js';
import { testRule } from '../helpers/rule-tester.js';

const HOSTS = ['hollow.herokuapp.com', 'www.hollow.org'];
const hostsFacts = (allowed: unknown, hosts = HOSTS, more: Record<string, unknown> = {}) => projectFacts({ settings: { ALLOWED_HOSTS: allowed, ...more }, hosts });

testRule(allowedHostsRule, {
  pass: [
    { name: 'every host listed', facts: hostsFacts(['hollow.herokuapp.com', 'www.hollow.org']) },
    { name: 'matching is case-insensitive', facts: hostsFacts(['Hollow.Herokuapp.com', 'WWW.hollow.org']) },
    { name: 'subdomain patterns', facts: hostsFacts(['.herokuapp.com', '.hollow.org']) },
    { name: 'a leading dot admits the bare domain too', facts: hostsFacts(['.hollow.org'], ['hollow.org']) },
    { name: 'empty is left to Django (W020)', facts: hostsFacts([]) },
    { name: 'no hosts given: only the wildcard is judged', facts: hostsFacts(['example.com'], []) },
  ],
  fail: [
    { name: 'a host left out', facts: hostsFacts(['hollow.herokuapp.com']), reports: [{ messageId: 'host-not-admitted', severity: 'error', line: 1, mentions: ['www.hollow.org'] }] },
    { name: 'a pattern is not a prefix match', facts: hostsFacts(['hollow.org'], ['www.hollow.org']), reports: [{ messageId: 'host-not-admitted', severity: 'error', mentions: ['www.hollow.org'] }] },
    // Heroku's router forwards only the app's own domains: '*' alone is a note, not a hole.
    { name: 'the wildcard', facts: hostsFacts(['*']), reports: [{ messageId: 'wildcard', severity: 'info' }] },
    {
      name: 'the wildcard with USE_X_FORWARDED_HOST takes the host from a header the client writes: a warning',
      facts: hostsFacts(['*'], HOSTS, { USE_X_FORWARDED_HOST: true }),
      reports: [{ messageId: 'wildcard-forwarded-host', severity: 'warning' }],
    },
    { name: 'unknown', facts: hostsFacts(new Unknown("reads os.environ['HOSTS'] which is not set", 'proj/settings.py', 8)), reports: [{ messageId: 'cannot-tell', severity: 'info', line: 8 }] },
    {
      name: 'an unknown item',
      facts: hostsFacts(['hollow.herokuapp.com', new Unknown('calls custom_host()')]),
      reports: [{ messageId: 'cannot-tell', severity: 'info', mentions: ['www.hollow.org', 'custom_host()'] }],
    },
  ],
});

const HEADER = { SECURE_PROXY_SSL_HEADER: tuple('HTTP_X_FORWARDED_PROTO', 'https') };
const UWSGI = 'web: uwsgi --http :$PORT --module proj.wsgi';
const DJANGO_5 = { major: 5, minor: 2, source: 'pin' as const };
const csrfFacts = (settings: Record<string, unknown>, input: FactsInput) => projectFacts({ settings, hosts: HOSTS, django: DJANGO_5, ...input });

testRule(csrfTrustedOriginsRule, {
  pass: [
    { name: 'Django sees https through the header', facts: csrfFacts(HEADER, { procfile: UWSGI }) },
    { name: 'Django sees https through gunicorn', facts: csrfFacts({}, { procfile: 'web: gunicorn proj.wsgi' }) },
    { name: 'the https origins are trusted', facts: csrfFacts({ CSRF_TRUSTED_ORIGINS: ['https://hollow.herokuapp.com', 'https://*.hollow.org'] }, { procfile: UWSGI }) },
    // One fact, one owner: runserver is codebase.web-server's, and replacing it is the fix.
    { name: 'runserver is codebase.web-server’s', facts: csrfFacts({}, { procfile: 'web: python manage.py runserver 0.0.0.0:$PORT' }) },
  ],
  fail: [
    {
      name: 'Django sees http and the origin is not trusted',
      facts: csrfFacts({ CSRF_TRUSTED_ORIGINS: ['https://hollow.herokuapp.com', 'http://www.hollow.org'] }, { procfile: UWSGI }),
      reports: [{ messageId: 'origin-rejected', severity: 'error', file: 'proj/settings.py', line: 1, mentions: ['https://www.hollow.org', 'uwsgi'] }],
    },
    {
      name: 'no server to tell',
      facts: csrfFacts({}, {}),
      reports: [
        { messageId: 'cannot-tell', severity: 'info', mentions: ['https://hollow.herokuapp.com'] },
        { messageId: 'cannot-tell', severity: 'info', mentions: ['https://www.hollow.org'] },
      ],
    },
  ],
  skip: [
    { name: 'Django 3.2 does not check Origin', facts: csrfFacts({}, { procfile: UWSGI, django: { major: 3, minor: 2, source: 'pin' } }), reason: /Origin/ },
    { name: 'no hosts', facts: csrfFacts({}, { procfile: UWSGI, hosts: [] }), reason: /no host/ },
  ],
});
