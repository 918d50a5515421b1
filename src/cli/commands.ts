import type { Command } from './command.js';
import { loadCommandModule } from './command-modules.js';

interface CommandEntry {
  summary: string;
  /**
   * Loaded on use: start-up time is part of every command's speed budget. From source each command is
   * its module (src/cli/NAME.ts); built, it is one bundle with a code cache (command-modules.bundled.ts).
   */
  load: () => Promise<Command>;
}

/** Every command, in the order `implanta --help` lists them (the guide's phases, first to last). */
export const commands: Record<string, CommandEntry> = {
  size: { summary: 'measure the app under load and say which dynos to buy (the release phase)', load: async () => (await loadCommandModule<typeof import('./size.js')>('size')).sizeCommand },
  check: { summary: 'find everything that makes a Django project (and its Heroku app) unfit for production', load: async () => (await loadCommandModule<typeof import('./check.js')>('check')).checkCommand },
  test: { summary: 'run the tests on the committed tip of the deploy branch and record the result as a git note', load: async () => (await loadCommandModule<typeof import('./test.js')>('test')).testCommand },
  migrations: { summary: 'judge the migrations the next release runs: what breaks the release still serving, and the expand/contract fix', load: async () => (await loadCommandModule<typeof import('./migrations.js')>('migrations')).migrationsCommand },
  deploy: { summary: 'ship the tested production branch: gates, push, build, release, smoke test, automatic rollback', load: async () => (await loadCommandModule<typeof import('./deploy.js')>('deploy')).deployCommand },
  rollback: { summary: 'go back to the previous (or a given) release, then smoke-test it', load: async () => (await loadCommandModule<typeof import('./rollback.js')>('rollback')).rollbackCommand },
  run: { summary: 'run a command in a one-off dyno of the app (python manage.py migrate), attached or --detach', load: async () => (await loadCommandModule<typeof import('./run.js')>('run')).runCommand },
  logs: { summary: "read the app's log, or a saved one, and summarise it: requests, H/R error codes, p95, slowest paths", load: async () => (await loadCommandModule<typeof import('./logs.js')>('logs')).logsCommand },
  releases: { summary: "the app's releases, with the deploys implanta made and their smoke tests", load: async () => (await loadCommandModule<typeof import('./releases.js')>('releases')).releasesCommand },
  lock: { summary: 'who holds the deploy lock of an app; release a stale one', load: async () => (await loadCommandModule<typeof import('./lock.js')>('lock')).lockCommand },
  maintenance: { summary: 'turn maintenance mode on or off and check what visitors get', load: async () => (await loadCommandModule<typeof import('./maintenance.js')>('maintenance')).maintenanceCommand },
  scale: { summary: 'change the formation in one batch (web=2:standard-1x worker=0), before and after', load: async () => (await loadCommandModule<typeof import('./scale.js')>('scale')).scaleCommand },
  retire: { summary: 'uninstall an app: database backup, maintenance, scale to zero, destroy on typed confirmation', load: async () => (await loadCommandModule<typeof import('./retire.js')>('retire')).retireCommand },
  upgrade: { summary: 'bump Django, Python, a dependency or the Heroku stack, prove it with the tests and the check', load: async () => (await loadCommandModule<typeof import('./upgrade.js')>('upgrade')).upgradeCommand },
  versions: { summary: 'dependency pins, newest releases, known vulnerabilities, Django/Python/stack support', load: async () => (await loadCommandModule<typeof import('./versions.js')>('versions')).versionsCommand },
  local: { summary: 'run a Heroku-compatible platform on 127.0.0.1 to rehearse on (no account needed)', load: async () => (await loadCommandModule<typeof import('./local.js')>('local')).localCommand },
};
