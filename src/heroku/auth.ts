import { homedir } from 'node:os';
import { join } from 'node:path';
import { InputError, PlatformError } from '../core/errors.js';
import { netrcEntryFor, parseNetrc } from './netrc.js';
import { ProjectFileRefused, readProjectBytes } from '../project/project-file.js';

/** Far above any real .netrc. */
const NETRC_MAX_BYTES = 1024 * 1024;

export const HEROKU_API_HOST = 'api.heroku.com';

export interface TokenSources {
  env?: NodeJS.ProcessEnv;
  home?: string;
  /** The API host whose .netrc entry holds the token: api.heroku.com unless another API URL is used. */
  host?: string;
}

/**
 * The Heroku API token, where the Heroku CLI keeps it: HEROKU_API_KEY, else the password of the API
 * host's entry in ~/.netrc (what `heroku login` writes). The entry is looked up by the host the client
 * will talk to, so credentials for api.heroku.com are never sent to another server.
 */
export function resolveToken(sources: TokenSources = {}): string {
  const env = sources.env ?? process.env;
  const fromEnv = env['HEROKU_API_KEY']?.trim();
  if (fromEnv) return fromEnv;

  const file = join(sources.home ?? homedir(), '.netrc');
  const text = readOptional(file);
  const password = text === undefined ? undefined : netrcEntryFor(parseNetrc(text, file), sources.host ?? HEROKU_API_HOST)?.password;
  if (password) return password;
  throw new PlatformError('not logged in to Heroku: run `heroku login` or set HEROKU_API_KEY');
}

/** ~/.netrc, read as a project file is (a regular file, capped): a FIFO or a link to /dev/zero there would hang the command. */
function readOptional(file: string): string | undefined {
  try {
    return readProjectBytes(file, { maxBytes: NETRC_MAX_BYTES }).toString('utf8');
  } catch (error) {
    if (error instanceof ProjectFileRefused) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new InputError(`cannot read ${file}: ${code ?? (error as Error).message}`);
  }
}
