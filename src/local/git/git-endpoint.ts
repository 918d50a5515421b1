import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError } from '../api/http-io.js';
import { ApiError } from '../platform/errors.js';
import type { Platform } from '../platform/platform.js';
import { runHttpBackend } from './http-backend.js';
import type { AppRepos } from './repos.js';

export interface GitEndpointContext {
  platform: Platform;
  repos: AppRepos;
  /** Where the pre-receive hook calls the platform back, and with which secret. */
  hookUrl: () => string;
  hookToken: string;
}

/**
 * `/git/<app>.git/…` is what `git_url` names; `/<app>.git/…` is what the Heroku CLI builds itself
 * (`https://HOST/<app>.git`, HOST being HEROKU_GIT_HOST or HEROKU_HOST's host) for `git:remote` and
 * `apps:create` inside a repository.
 */
const GIT_PATH = /^(?:\/git)?\/([^/]+)\.git(\/.*)$/;

/** Whether a request path is one of git's. */
export function isGitPath(pathname: string): boolean {
  return GIT_PATH.test(pathname);
}

/** The git URL path of an app, under the platform's URL: `/git/<app>.git`. */
export function gitPath(appName: string): string {
  return `/git/${appName}.git`;
}

/**
 * Smart HTTP git for every app at `/git/<app>.git`, as git.heroku.com serves it: HTTP Basic with any user
 * name and the API token as the password, fetch and push both.
 */
export async function handleGit(req: IncomingMessage, res: ServerResponse, url: URL, ctx: GitEndpointContext): Promise<boolean> {
  const match = GIT_PATH.exec(url.pathname);
  if (!match) return false;
  const user = basicUser(req.headers.authorization);
  // Refusals come back as the API's JSON error body, as git.heroku.com answers them.
  if (!user) {
    sendError(res, new ApiError(401, 'unauthorized', 'Invalid credentials provided: use any user name and your API token as the password.'), {
      'WWW-Authenticate': 'Basic realm="Heroku"',
    });
    return true;
  }
  let appId: string;
  try {
    appId = ctx.platform.apps.find(decodeURIComponent(match[1]!)).id;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    sendError(res, error);
    return true;
  }
  await ctx.repos.ensure(appId);
  runHttpBackend(req, res, {
    projectRoot: ctx.repos.root,
    pathInfo: `/${ctx.repos.folder(appId)}${match[2]}`,
    query: url.search.replace(/^\?/, ''),
    remoteUser: user,
    env: { IMPLANTA_APP_ID: appId, IMPLANTA_HOOK_URL: ctx.hookUrl(), IMPLANTA_HOOK_TOKEN: ctx.hookToken },
  });
  return true;
}

/** The user of an HTTP Basic credential whose password (the API token) is not empty. */
function basicUser(header: string | undefined): string | undefined {
  const match = header ? /^Basic\s+(\S+)$/i.exec(header.trim()) : null;
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0 || decoded.slice(colon + 1) === '') return undefined;
  return decoded.slice(0, colon) || 'heroku';
}
