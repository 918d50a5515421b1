import { InputError } from '../core/errors.js';
import { toolVersion } from '../core/version.js';
import { resolveToken } from './auth.js';
import { DEFAULT_API_URL, HerokuClient } from './client.js';

export interface ResolveClientOptions {
  /** --api-url; wins over IMPLANTA_API_URL. */
  apiUrl?: string;
  env?: NodeJS.ProcessEnv;
  home?: string;
}

/**
 * The client a command uses: the API URL from --api-url, else IMPLANTA_API_URL, else api.heroku.com; the
 * token from HEROKU_API_KEY, else the .netrc entry of that URL's host.
 */
export function resolveClient(options: ResolveClientOptions = {}): HerokuClient {
  const env = options.env ?? process.env;
  const raw = options.apiUrl ?? (env['IMPLANTA_API_URL'] || undefined) ?? DEFAULT_API_URL;
  const url = parseApiUrl(raw, options.apiUrl !== undefined ? '--api-url' : 'IMPLANTA_API_URL');
  const token = resolveToken({ env, home: options.home, host: url.hostname });
  return new HerokuClient({ token, baseUrl: url.href, userAgent: `implanta/${toolVersion()} node/${process.version}` });
}

function parseApiUrl(raw: string, source: string): URL {
  // A URL with an @ may carry credentials: it is not quoted back.
  const shown = raw.includes('@') ? 'the value' : raw;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InputError(`${source}: ${shown} is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new InputError(`${source}: ${shown} is not an http(s) URL`);
  if (url.username || url.password) throw new InputError(`${source}: put the token in HEROKU_API_KEY, not in the URL`);
  return url;
}
