import { procfileEntry } from '../project/procfile.js';
import { analyseCommand, hasOption, optionValues, type ServerCommand } from '../project/process-command.js';
import { PyTuple, sequenceItems, Unknown } from '../project/python-value.js';
import type { Binding } from '../project/settings/types.js';
import type { ProjectFacts } from '../project/types.js';

/** Whether Django would see a request that reached Heroku's router over https as https. */
export type HttpsVerdict =
  | { sees: true; how: string }
  /** `runserver`: the server is Django's development server, which codebase.web-server reports. */
  | { sees: false; why: string; file?: string; line?: number; runserver?: true }
  | { sees: 'unknown'; unknown: Unknown; binding?: Binding };

const trustsAll = (ips: string): boolean => ips.split(',').some((ip) => ip.trim() === '*');

/**
 * Whether the server marks a request https from the router's X-Forwarded-Proto (WSGI
 * `wsgi.url_scheme`, ASGI `scope['scheme']`), which Django's request.is_secure() falls back to.
 * Heroku's classic Python buildpack exports FORWARDED_ALLOW_IPS='*' at dyno start; gunicorn and
 * uvicorn take their default trusted-proxy list from it.
 */
function serverTrustsProxy(server: ServerCommand, facts: ProjectFacts): { trusts: boolean; why: string } {
  switch (server.name) {
    case 'gunicorn': {
      const config = facts.gunicornConfig;
      const cli = optionValues(server, 'forwarded-allow-ips').at(-1);
      const ips = cli ?? config?.forwardedAllowIps;
      if (ips !== undefined && !trustsAll(ips)) {
        const where = cli !== undefined ? 'the Procfile' : config!.file;
        return { trusts: false, why: `gunicorn trusts X-Forwarded-Proto only from ${ips} (forwarded_allow_ips in ${where}), and the router's address is not among them` };
      }
      if (config?.secureSchemeHeaders === false) return { trusts: false, why: `secure_scheme_headers in ${config.file} leaves out X-Forwarded-Proto` };
      return { trusts: true, why: "gunicorn trusts the router's X-Forwarded-Proto (FORWARDED_ALLOW_IPS='*' from the Python buildpack)" };
    }
    case 'uvicorn': {
      if (hasOption(server, 'no-proxy-headers')) return { trusts: false, why: 'uvicorn runs with --no-proxy-headers' };
      const ips = optionValues(server, 'forwarded-allow-ips').at(-1);
      if (ips !== undefined && !trustsAll(ips)) return { trusts: false, why: `uvicorn trusts proxy headers only from ${ips} (--forwarded-allow-ips)` };
      return { trusts: true, why: "uvicorn trusts the router's X-Forwarded-Proto (FORWARDED_ALLOW_IPS='*' from the Python buildpack)" };
    }
    case 'daphne':
      return hasOption(server, 'proxy-headers') ? { trusts: true, why: 'daphne runs with --proxy-headers' } : { trusts: false, why: 'daphne ignores X-Forwarded-Proto without --proxy-headers' };
    case 'waitress-serve': {
      if (optionValues(server, 'url-scheme').at(-1) === 'https') return { trusts: true, why: 'waitress runs with --url-scheme=https' };
      const proxy = optionValues(server, 'trusted-proxy').at(-1);
      const headers = optionValues(server, 'trusted-proxy-headers').join(' ').toLowerCase();
      if (proxy === '*' && headers.includes('x-forwarded-proto')) return { trusts: true, why: 'waitress trusts the X-Forwarded-Proto of any proxy' };
      return { trusts: false, why: 'waitress ignores X-Forwarded-Proto without --trusted-proxy=* --trusted-proxy-headers=x-forwarded-proto' };
    }
    case 'uwsgi':
      return { trusts: false, why: 'uwsgi does not read X-Forwarded-Proto' };
    case 'runserver':
      return { trusts: false, why: "Django's development server does not read X-Forwarded-Proto" };
  }
}

/**
 * Heroku's router ends TLS and forwards plain HTTP with X-Forwarded-Proto. Django learns the
 * request was https from SECURE_PROXY_SSL_HEADER when set to that header, else from the server.
 */
export function djangoSeesHttps(facts: ProjectFacts): HttpsVerdict {
  const settings = facts.evaluation?.settings;
  const header = settings?.get('SECURE_PROXY_SSL_HEADER');
  if (header?.value instanceof Unknown) return { sees: 'unknown', unknown: header.value, binding: header };
  const pair = header && (header.value instanceof PyTuple || Array.isArray(header.value)) ? sequenceItems(header.value) : undefined;
  if (pair?.[0] === 'HTTP_X_FORWARDED_PROTO') {
    if (pair[1] === 'https' && pair.length === 2) return { sees: true, how: 'SECURE_PROXY_SSL_HEADER reads X-Forwarded-Proto' };
    // Django trusts the header whenever it is present, so a wrong value makes every request http.
    return { sees: false, why: "SECURE_PROXY_SSL_HEADER expects a value other than the 'https' the router sends", file: header!.origin.file, line: header!.origin.line };
  }
  const web = procfileEntry(facts.procfile, 'web');
  if (!web) return { sees: 'unknown', unknown: new Unknown('there is no web process to tell which server receives the requests') };
  const analysis = analyseCommand(web.command);
  if (!analysis.server) return { sees: 'unknown', unknown: new Unknown('implanta does not recognise the server the web process starts', facts.procfile!.file, web.line) };
  if (analysis.wrappers.some((w) => w.startsWith('bin/start-nginx'))) {
    return { sees: 'unknown', unknown: new Unknown('nginx sits in front of the server, and its config decides what the server is told', facts.procfile!.file, web.line) };
  }
  const config = facts.gunicornConfig;
  if (analysis.server.name === 'gunicorn' && config?.unreadable) {
    return { sees: 'unknown', unknown: new Unknown(`gunicorn reads ${config.file}, and ${config.unreadable}`, config.file, 1) };
  }
  const { trusts, why } = serverTrustsProxy(analysis.server, facts);
  if (trusts) return { sees: true, how: why };
  return { sees: false, why, file: facts.procfile!.file, line: web.line, ...(analysis.server.name === 'runserver' && { runserver: true as const }) };
}
