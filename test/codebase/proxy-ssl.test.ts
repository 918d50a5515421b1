import { test } from 'node:test';
import { proxySslHeaderRule } from '../../src/codebase/proxy-ssl.js';
import { Unknown } from '../../src/project/python-value.js';
import type { ProjectFacts } from '../../src/project/types.js';
import { tuple } from '../helpers/settings-view.js';
import { assertReports, projectFacts, type Expected, type FactsInput } from '../helpers/project-facts.js';

const REDIRECT = { SECURE_SSL_REDIRECT: true };
const HEADER = { SECURE_PROXY_SSL_HEADER: tuple('HTTP_X_FORWARDED_PROTO', 'https') };
const gunicornConfig = (config: Omit<NonNullable<ProjectFacts['gunicornConfig']>, 'file'>): FactsInput => ({ gunicornConfig: { file: 'gunicorn.conf.py', ...config } });
const LOOP = /^every request redirects forever: SECURE_SSL_REDIRECT is on, but Django cannot tell that a request reached Heroku over https/;

const cases: Array<[string, Record<string, unknown>, FactsInput, Expected[] | 'skip']> = [
  ['no redirect', {}, { procfile: 'web: uwsgi --http :$PORT --module proj.wsgi' }, []],
  ['redirect off', { SECURE_SSL_REDIRECT: false }, { procfile: 'web: uwsgi --http :$PORT --module proj.wsgi' }, []],
  ['the header is set', { ...REDIRECT, ...HEADER }, { procfile: 'web: uwsgi --http :$PORT --module proj.wsgi' }, []],
  ['gunicorn trusts the router by default on Heroku', REDIRECT, { procfile: 'web: gunicorn proj.wsgi' }, []],
  ['gunicorn.conf.py narrows forwarded_allow_ips', REDIRECT, { procfile: 'web: gunicorn proj.wsgi', ...gunicornConfig({ forwardedAllowIps: '127.0.0.1' }) }, [{ severity: 'error', message: /gunicorn trusts X-Forwarded-Proto only from 127\.0\.0\.1 \(forwarded_allow_ips in gunicorn\.conf\.py\)/, line: 1 }]],
  ['gunicorn.conf.py trusts everyone', REDIRECT, { procfile: 'web: gunicorn proj.wsgi', ...gunicornConfig({ forwardedAllowIps: '*' }) }, []],
  ['the Procfile narrows it', REDIRECT, { procfile: "web: gunicorn --forwarded-allow-ips='10.0.0.1' proj.wsgi" }, [{ severity: 'error', message: /only from 10\.0\.0\.1 \(forwarded_allow_ips in the Procfile\)/ }]],
  ['secure_scheme_headers emptied', REDIRECT, { procfile: 'web: gunicorn proj.wsgi', ...gunicornConfig({ secureSchemeHeaders: false }) }, [{ severity: 'error', message: /secure_scheme_headers in gunicorn\.conf\.py leaves out X-Forwarded-Proto/ }]],
  ['uvicorn trusts the router by default on Heroku', REDIRECT, { procfile: 'web: uvicorn proj.asgi:application --host 0.0.0.0 --port $PORT' }, []],
  ['uvicorn without proxy headers', REDIRECT, { procfile: 'web: uvicorn proj.asgi:application --no-proxy-headers --host 0.0.0.0 --port $PORT' }, [{ severity: 'error', message: /uvicorn runs with --no-proxy-headers/ }]],
  ['daphne with --proxy-headers', REDIRECT, { procfile: 'web: daphne --proxy-headers -b 0.0.0.0 -p $PORT proj.asgi:application' }, []],
  ['daphne without', REDIRECT, { procfile: 'web: daphne -b 0.0.0.0 -p $PORT proj.asgi:application' }, [{ severity: 'error', message: LOOP }]],
  ['uwsgi', REDIRECT, { procfile: 'web: uwsgi --http :$PORT --module proj.wsgi' }, [{ severity: 'error', message: /uwsgi does not read X-Forwarded-Proto/, file: 'proj/settings.py', line: 1 }]],
  ['a header Django would read wrong', { ...REDIRECT, SECURE_PROXY_SSL_HEADER: tuple('HTTP_X_FORWARDED_PROTO', 'on') }, { procfile: 'web: gunicorn proj.wsgi' }, [{ severity: 'error', message: /expects a value other than the 'https' the router sends/ }]],
  ['an unknown redirect setting', { SECURE_SSL_REDIRECT: new Unknown("reads os.environ['SSL'] which is not set", 'proj/settings.py', 30) }, { procfile: 'web: uwsgi --http :$PORT --module proj.wsgi' }, [{ severity: 'info', message: /^cannot tell whether SECURE_SSL_REDIRECT is on/, line: 30 }]],
  ['no Procfile to tell the server', REDIRECT, {}, [{ severity: 'info', message: /cannot tell whether Django sees https requests as https: there is no web process/ }]],
];

for (const [name, settings, input, expected] of cases) {
  test(`codebase.proxy-ssl-header: ${name}`, () => assertReports(proxySslHeaderRule, projectFacts({ settings, ...input }), expected));
}
