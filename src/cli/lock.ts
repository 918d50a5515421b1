import { InputError } from '../core/errors.js';
import { loadDeployConfig } from '../deploy/config.js';
import { repoRoot } from '../deploy/git.js';
import { acquireLock, lockStatus, releaseLock, type LockStatus } from '../deploy/lock.js';
import { parseCommandArgs } from './args.js';
import type { Command } from './command.js';

export const lockCommand: Command = {
  help: `Usage: implanta lock status|release -a APP [DIR]

The deploy lock of the app in DIR's repository (.git/implanta/locks/APP.lock): one deploy of an app at
a time. \`status\` says who holds it, since when, for which commit, and whether it is stale (its process
on this machine is gone, or it is older than .implanta.json's lock_timeout_minutes, default 30).
\`release\` removes a stale lock; a lock whose deploy may still be running is never removed: wait for
it, or stop that process.

Options:
  -a, --app APP   the Heroku app (required)

Exit codes: 0 shown, or released (or there was none); 1 release refused: the deploy may still be
running; 2 bad input.

Examples:
  implanta lock status -a hollow
  implanta lock release -a hollow
  implanta lock status -a hollow ../hollow-site
`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs('lock', argv, { app: { type: 'string', short: 'a' } });
    const [action, dir, ...rest] = positionals;
    if (action !== 'status' && action !== 'release') throw new InputError(`say status or release${action ? `, not '${action}'` : ''} (see \`implanta lock --help\`)`);
    if (rest.length > 0) throw new InputError(`unexpected argument '${rest[0]}' (see \`implanta lock --help\`)`);
    if (!values.app) throw new InputError('say which app: -a APP (see `implanta lock --help`)');
    const repo = await repoRoot(dir ?? '.');
    const options = { repo, app: values.app, timeoutMinutes: loadDeployConfig(repo).lockTimeoutMinutes };
    const status = await lockStatus(options);
    if (action === 'status') {
      process.stdout.write(describe(values.app, status));
      return 0;
    }
    if (status.state === 'free') {
      process.stdout.write(`No deploy lock on ${values.app}: nothing to release.\n`);
      return 0;
    }
    if (!status.stale) {
      process.stdout.write(describe(values.app, status) + 'Not released: that deploy may still be running. Wait for it, or stop its process first.\n');
      return 1;
    }
    // Breaking goes through the same atomic path as a deploy's --break-lock, so a deploy starting now is never robbed.
    const taken = await acquireLock({ ...options, commit: '', breakLock: true });
    if (!taken.acquired) {
      process.stdout.write(`Not released: ${taken.reason}\n`);
      return 1;
    }
    releaseLock(taken.handle);
    process.stdout.write(`Released the stale lock of ${values.app} (${status.stale}).\n`);
    return 0;
  },
};

function describe(app: string, status: LockStatus): string {
  if (status.state === 'free') return `No deploy of ${app} holds the lock (${status.path}).\n`;
  const { info } = status;
  return [
    `${app} is locked${status.stale ? ' by a STALE lock' : ''} (${status.path}):`,
    `  holder:  ${info.holder} (pid ${info.pid})`,
    `  since:   ${info.at} (${Math.round(status.ageMinutes)} min ago)`,
    `  commit:  ${info.commit ? info.commit.slice(0, 12) : 'unknown'}`,
    status.stale ? `  stale:   ${status.stale}; \`implanta lock release -a ${app}\` removes it` : '  live:    its deploy may still be running',
  ].join('\n') + '\n';
}
