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
  upgrade: { summary: 'bump Django, Python, a dependency or the Heroku stack, prove it with the tests and the check', load: async () => (await import('./upgrade.js')).upgradeCommand },
  versions: { summary: 'dependency pins, newest releases, known vulnerabilities, Django/Python/stack support', load: async () => (await import('./versions.js')).versionsCommand },
  local: { summary: 'run a Heroku-compatible platform on 127.0.0.1 to rehearse on (no account needed)', load: async () => (await import('./local.js')).localCommand },
};
