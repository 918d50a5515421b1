import { Redactor } from '../core/redact.js';
import { startChild } from './child.js';
import { gitEnv, gitReason } from './git.js';

/** The env var the credential helper reads: the token reaches git through the environment, never argv. */
const TOKEN_VAR = 'IMPLANTA_GIT_TOKEN';

/**
 * A credential helper that answers `get` with the API token (Heroku's git accepts any user name with the
 * API key as password). The first, empty `credential.helper` clears the user's own helpers, so a stale
 * token in a keychain is neither used nor overwritten with ours.
 */
const CREDENTIAL_ARGS = [
  '-c',
  'credential.helper=',
  '-c',
  `credential.helper=!f() { test "$1" = get || exit 0; printf 'username=heroku\\npassword=%s\\n' "$${TOKEN_VAR}"; }; f`,
];

export interface PushOptions {
  repo: string;
  /** The app's `git_url`. */
  gitUrl: string;
  /** The exact commit that passed the gates; pushing the SHA, not the branch, ships what was tested even if the branch moves. */
  commit: string;
  token: string;
  /** Replace the app's main even when the commit does not descend from it. */
  force?: boolean;
  /** Each line git writes, token-free. `remote:` lines are the platform's. */
  onLine?: (line: string) => void;
  /** Called with a function that kills the push, for the caller's Ctrl-C handling. */
  onStart?: (kill: () => void) => void;
}

export type PushOutcome = 'pushed' | 'up-to-date' | 'skipped' | 'rejected' | 'auth-failed' | 'killed' | 'failed';

export interface PushResult {
  outcome: PushOutcome;
  /** One line for the user. */
  message: string;
  /** What the platform said (`remote:` lines), token-free, for the report of a failed push. */
  remote: string[];
}

/** Heroku builds only main (or master); a push to another branch is accepted and reported with a line like this. */
const SKIP_MESSAGE = /skipping build|pushed to (?:non-(?:main|master)|branch other than)\b/i;
const AUTH_FAILURE = /authentication failed|could not read username|HTTP (?:401|403)|invalid credentials/i;

/**
 * `git push <git_url> <commit>:refs/heads/main`. Heroku builds on pushes to main; the result says whether
 * it did, and a push the platform accepted without building ("skipping build") is a failure, not a success.
 */
export async function pushCommit(options: PushOptions): Promise<PushResult> {
  const redactor = new Redactor([options.token]);
  const remote: string[] = [];
  const refspec = `${options.force ? '+' : ''}${options.commit}:refs/heads/main`;
  const env = gitEnv({ [TOKEN_VAR]: options.token });
  // Nothing may pop up a password window or prompt: the helper answers, or the push fails.
  delete env['GIT_ASKPASS'];
  delete env['SSH_ASKPASS'];
  const child = startChild('git', [...CREDENTIAL_ARGS, 'push', '--porcelain', options.gitUrl, refspec], {
    cwd: options.repo,
    env,
    group: true,
    onLine: (raw, stream) => {
      const line = redactor.redact(raw);
      if (stream === 'stderr' && line.startsWith('remote:')) remote.push(line);
      if (stream === 'stderr' && line.trim()) options.onLine?.(line);
    },
  });
  options.onStart?.(() => child.kill('SIGTERM'));
  const result = await child.done;
  const status = porcelainStatus(result.stdout);
  const skip = remote.find((line) => SKIP_MESSAGE.test(line));
  const url = redactor.redact(options.gitUrl);

  if (result.signal) {
    return { outcome: 'killed', message: `git push was killed by ${result.signal} before it finished; if the platform got the commit it may still build and release it: look with \`implanta releases\``, remote };
  }
  if (result.failure) return { outcome: 'failed', message: `cannot run git push: ${result.failure}`, remote };
  if (result.code === 0 && skip) {
    return { outcome: 'skipped', message: `the platform took the push but did not build it (${skip.replace(/^remote:\s*/, '').trim()}); implanta pushes to main, so check the app's git_url`, remote };
  }
  if (result.code === 0 && status?.flag === '=') return { outcome: 'up-to-date', message: `${url} already has ${options.commit.slice(0, 12)} on main: the platform builds nothing`, remote };
  if (result.code === 0) return { outcome: 'pushed', message: `pushed ${options.commit.slice(0, 12)} to main`, remote };
  if (status?.flag === '!') {
    return {
      outcome: 'rejected',
      message: `the app's main refused ${options.commit.slice(0, 12)} (${status.summary}): it has commits the deployed branch lacks; deploy with --force to replace them`,
      remote,
    };
  }
  const reason = redactor.redact(gitReason(result));
  if (AUTH_FAILURE.test(result.stderr)) return { outcome: 'auth-failed', message: `the platform refused the API token for git push to ${url} (${reason})`, remote };
  return { outcome: 'failed', message: `git push to ${url} failed: ${reason}`, remote };
}

/** The status line of the one ref pushed, from `--porcelain` output: `<flag>\t<from>:<to>\t<summary>`. */
function porcelainStatus(stdout: string): { flag: string; summary: string } | undefined {
  for (const line of stdout.split('\n')) {
    const match = /^([ +\-*!=])\t[^\t]*\t(.*)$/.exec(line);
    if (match) return { flag: match[1]!, summary: match[2]!.trim() };
  }
  return undefined;
}
