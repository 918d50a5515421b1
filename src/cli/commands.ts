import type { Command } from './command.js';

interface CommandEntry {
  summary: string;
  /** Loaded on use: start-up time is part of every command's speed budget. */
  load: () => Promise<Command>;
}

/** Every command, in the order `implanta --help` lists them (the guide's phases, first to last). */
export const commands: Record<string, CommandEntry> = {
  size: { summary: 'measure the app under load and say which dynos to buy (the release phase)', load: async () => (await import('./size.js')).sizeCommand },
  check: { summary: 'find everything that makes a Django project (and its Heroku app) unfit for production', load: async () => (await import('./check.js')).checkCommand },
  test: { summary: 'run the tests on the committed tip of the deploy branch and record the result as a git note', load: async () => (await import('./test.js')).testCommand },
  migrations: { summary: 'judge the migrations the next release runs: what breaks the release still serving, and the expand/contract fix', load: async () => (await import('./migrations.js')).migrationsCommand },
  deploy: { summary: 'ship the tested production branch: gates, push, build, release, smoke test, automatic rollback', load: async () => (await import('./deploy.js')).deployCommand },
  rollback: { summary: 'go back to the previous (or a given) release, then smoke-test it', load: async () => (await import('./rollback.js')).rollbackCommand },
  run: { summary: 'run a command in a one-off dyno of the app (python manage.py migrate), attached or --detach', load: async () => (await import('./run.js')).runCommand },
  logs: { summary: "read the app's log, or a saved one, and summarise it: requests, H/R error codes, p95, slowest paths", load: async () => (await import('./logs.js')).logsCommand },
  releases: { summary: "the app's releases, with the deploys implanta made and their smoke tests", load: async () => (await import('./releases.js')).releasesCommand },
  lock: { summary: 'who holds the deploy lock of an app; release a stale one', load: async () => (await import('./lock.js')).lockCommand },
  maintenance: { summary: 'turn maintenance mode on or off and check what visitors get', load: async () => (await import('./maintenance.js')).maintenanceCommand },
  scale: { summary: 'change the formation in one batch (web=2:standard-1x worker=0), before and after', load: async () => (await import('./scale.js')).scaleCommand },
  retire: { summary: 'uninstall an app: database backup, maintenance, scale to zero, destroy on typed confirmation', load: async () => (await import('./retire.js')).retireCommand },
  upgrade: { summary: 'bump Django, Python, a dependency or the Heroku stack, prove it with the tests and the check', load: async () => (await import('./upgrade.js')).upgradeCommand },
  versions: { summary: 'dependency pins, newest releases, known vulnerabilities, Django/Python/stack support', load: async () => (await import('./versions.js')).versionsCommand },
  local: { summary: 'run a Heroku-compatible platform on 127.0.0.1 to rehearse on (no account needed)', load: async () => (await import('./local.js')).localCommand },
};
