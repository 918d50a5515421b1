import { proxySslHeaderRule } from '../../src/codebase/proxy-ssl.js';
import { Unknown } from '../../src/project/python-value.js';
import type { ProjectFacts } from '../../src/project/types.js';
import { tuple } from '../helpers/settings-view.js';
import { projectFacts, type FactsInput } from '../helpers/project-facts.js';
import { testRule } from '../helpers/rule-tester.js';

const REDIRECT = { SECURE_SSL_REDIRECT: true };
const HEADER = { SECURE_PROXY_SSL_HEADER: tuple('HTTP_X_FORWARDED_PROTO', 'https') };
const UWSGI = 'web: uwsgi --http :$PORT --module proj.wsgi';
const gunicornConfig = (config: Omit<NonNullable<ProjectFacts['gunicornConfig']>, 'file'>): FactsInput => ({ gunicornConfig: { file: 'gunicorn.conf.py', ...config } });
const facts = (settings: Record<string, unknown>, procfile?: string, more: FactsInput = {}) => projectFacts({ settings, ...(procfile !== undefined && { procfile }), ...more });

testRule(proxySslHeaderRule, {
  pass: [
    { name: 'no redirect', facts: facts({}, UWSGI) },
    { name: 'redirect off', facts: facts({ SECURE_SSL_REDIRECT: false }, UWSGI) },
    { name: 'the header is set', facts: facts({ ...REDIRECT, ...HEADER }, UWSGI) },
    { name: 'gunicorn trusts the router by default on Heroku', facts: facts(REDIRECT, 'web: gunicorn proj.wsgi') },
    { name: 'gunicorn.conf.py trusts everyone', facts: facts(REDIRECT, 'web: gunicorn proj.wsgi', gunicornConfig({ forwardedAllowIps: '*' })) },
    { name: 'uvicorn trusts the router by default on Heroku', facts: facts(REDIRECT, 'web: uvicorn proj.asgi:application --host 0.0.0.0 --port $PORT') },
    { name: 'daphne with --proxy-headers', facts: facts(REDIRECT, 'web: daphne --proxy-headers -b 0.0.0.0 -p $PORT proj.asgi:application') },
    // One fact, one owner: runserver is codebase.web-server's, and replacing it is the fix.
    { name: 'runserver is codebase.web-server’s', facts: facts(REDIRECT, 'web: python manage.py runserver 0.0.0.0:$PORT') },
  ],
  fail: [
    {
      name: 'gunicorn.conf.py narrows forwarded_allow_ips',
      facts: facts(REDIRECT, 'web: gunicorn proj.wsgi', gunicornConfig({ forwardedAllowIps: '127.0.0.1' })),
      reports: [{ messageId: 'redirect-loop', severity: 'error', line: 1, mentions: ['127.0.0.1', 'gunicorn.conf.py'] }],
    },
    { name: 'the Procfile narrows it', facts: facts(REDIRECT, "web: gunicorn --forwarded-allow-ips='10.0.0.1' proj.wsgi"), reports: [{ messageId: 'redirect-loop', mentions: ['10.0.0.1', 'Procfile'] }] },
    {
      name: 'a gunicorn.conf.py too large to read: cannot tell, rather than assume the defaults',
      facts: facts(REDIRECT, 'web: gunicorn proj.wsgi', gunicornConfig({ unreadable: 'it is 480 KB, more Python than implanta reads (over 100,000 syntax nodes)' })),
      reports: [{ messageId: 'cannot-tell', severity: 'info', mentions: ['gunicorn.conf.py', '480 KB'] }],
    },
    { name: 'secure_scheme_headers emptied', facts: facts(REDIRECT, 'web: gunicorn proj.wsgi', gunicornConfig({ secureSchemeHeaders: false })), reports: [{ messageId: 'redirect-loop', mentions: ['secure_scheme_headers'] }] },
    { name: 'uvicorn without proxy headers', facts: facts(REDIRECT, 'web: uvicorn proj.asgi:application --no-proxy-headers --host 0.0.0.0 --port $PORT'), reports: [{ messageId: 'redirect-loop', mentions: ['--no-proxy-headers'] }] },
    { name: 'daphne without --proxy-headers', facts: facts(REDIRECT, 'web: daphne -b 0.0.0.0 -p $PORT proj.asgi:application'), reports: [{ messageId: 'redirect-loop', severity: 'error' }] },
    { name: 'uwsgi', facts: facts(REDIRECT, UWSGI), reports: [{ messageId: 'redirect-loop', severity: 'error', file: 'proj/settings.py', line: 1, mentions: ['uwsgi'] }] },
    {
      name: 'a header Django would read wrong',
      facts: facts({ ...REDIRECT, SECURE_PROXY_SSL_HEADER: tuple('HTTP_X_FORWARDED_PROTO', 'on') }, 'web: gunicorn proj.wsgi'),
      reports: [{ messageId: 'redirect-loop', severity: 'error', mentions: ['SECURE_PROXY_SSL_HEADER'] }],
    },
    {
      name: 'an unknown redirect setting',
      facts: facts({ SECURE_SSL_REDIRECT: new Unknown("reads os.environ['SSL'] which is not set", 'proj/settings.py', 30) }, UWSGI),
      reports: [{ messageId: 'cannot-tell', severity: 'info', line: 30, mentions: ['SECURE_SSL_REDIRECT'] }],
    },
    { name: 'no Procfile to tell the server', facts: facts(REDIRECT), reports: [{ messageId: 'cannot-tell', severity: 'info' }] },
  ],
});
