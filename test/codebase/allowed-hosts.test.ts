import { test } from 'node:test';
import { allowedHostsRule } from '../../src/codebase/allowed-hosts.js';
import { csrfTrustedOriginsRule } from '../../src/codebase/csrf-trusted-origins.js';
import { Unknown } from '../../src/project/python-value.js';
import { tuple } from '../helpers/settings-view.js';
import { assertReports, projectFacts, type Expected, type FactsInput } from '../helpers/project-facts.js';

const HOSTS = ['hollow.herokuapp.com', 'www.hollow.org'];

const hostCases: Array<[string, unknown, string[], Expected[]]> = [
  ['every host listed', ['hollow.herokuapp.com', 'www.hollow.org'], HOSTS, []],
  ['matching is case-insensitive', ['Hollow.Herokuapp.com', 'WWW.hollow.org'], HOSTS, []],
  ['subdomain patterns', ['.herokuapp.com', '.hollow.org'], HOSTS, []],
  ['a leading dot admits the bare domain too', ['.hollow.org'], ['hollow.org'], []],
  ['a host left out', ['hollow.herokuapp.com'], HOSTS, [{ severity: 'error', message: /^ALLOWED_HOSTS does not admit www\.hollow\.org: Django answers its requests with 400 Bad Request$/, line: 1 }]],
  ['a pattern is not a prefix match', ['hollow.org'], ['www.hollow.org'], [{ severity: 'error', message: /does not admit www\.hollow\.org/ }]],
  // Heroku's router forwards only the app's own domains: '*' alone is a note, not a hole.
  ['the wildcard', ['*'], HOSTS, [{ severity: 'info', message: /^ALLOWED_HOSTS contains '\*': behind Heroku's router only requests for the app's own domains arrive/ }]],
  ['empty is left to Django (W020)', [], HOSTS, []],
  ['unknown', new Unknown("reads os.environ['HOSTS'] which is not set", 'proj/settings.py', 8), HOSTS, [{ severity: 'info', message: /^cannot tell which hosts ALLOWED_HOSTS admits/, line: 8 }]],
  ['an unknown item', ['hollow.herokuapp.com', new Unknown('calls custom_host()')], HOSTS, [{ severity: 'info', message: /^cannot tell whether ALLOWED_HOSTS admits www\.hollow\.org: calls custom_host\(\)/ }]],
  ['no hosts given: only the wildcard is judged', ['example.com'], [], []],
];

for (const [name, allowed, hosts, expected] of hostCases) {
  test(`codebase.allowed-hosts: ${name}`, () => assertReports(allowedHostsRule, projectFacts({ settings: { ALLOWED_HOSTS: allowed }, hosts }), expected));
}

test("codebase.allowed-hosts: the wildcard with USE_X_FORWARDED_HOST takes the host from a header the client writes: a warning", () =>
  assertReports(allowedHostsRule, projectFacts({ settings: { ALLOWED_HOSTS: ['*'], USE_X_FORWARDED_HOST: true }, hosts: HOSTS }), [
    { severity: 'warning', message: /^ALLOWED_HOSTS contains '\*' and USE_X_FORWARDED_HOST is on/ },
  ]));

const HEADER = { SECURE_PROXY_SSL_HEADER: tuple('HTTP_X_FORWARDED_PROTO', 'https') };
const UWSGI = 'web: uwsgi --http :$PORT --module proj.wsgi';
const DJANGO_5 = { major: 5, minor: 2, source: 'pin' as const };

const csrfCases: Array<[string, Record<string, unknown>, FactsInput, Expected[] | 'skip']> = [
  ['Django sees https through the header', HEADER, { procfile: UWSGI }, []],
  ['Django sees https through gunicorn', {}, { procfile: 'web: gunicorn proj.wsgi' }, []],
  ['the https origins are trusted', { CSRF_TRUSTED_ORIGINS: ['https://hollow.herokuapp.com', 'https://*.hollow.org'] }, { procfile: UWSGI }, []],
  [
    'Django sees http and the origin is not trusted',
    { CSRF_TRUSTED_ORIGINS: ['https://hollow.herokuapp.com', 'http://www.hollow.org'] },
    { procfile: UWSGI },
    [{ severity: 'error', message: /^form POSTs on https:\/\/www\.hollow\.org would fail with 403 \(CSRF: Origin checking failed\): Django sees the requests as http \(uwsgi does not read X-Forwarded-Proto\)/, file: 'proj/settings.py', line: 1 }],
  ],
  ['no server to tell', {}, {}, [
    { severity: 'info', message: /^cannot tell whether form POSTs on https:\/\/hollow\.herokuapp\.com pass/ },
    { severity: 'info', message: /^cannot tell whether form POSTs on https:\/\/www\.hollow\.org pass/ },
  ]],
  ['Django 3.2 does not check Origin', {}, { procfile: UWSGI, django: { major: 3, minor: 2, source: 'pin' } }, 'skip'],
  ['no hosts', {}, { procfile: UWSGI, hosts: [] }, 'skip'],
];

for (const [name, settings, input, expected] of csrfCases) {
  test(`codebase.csrf-trusted-origins: ${name}`, () => assertReports(csrfTrustedOriginsRule, projectFacts({ settings, hosts: HOSTS, django: DJANGO_5, ...input }), expected));
}
