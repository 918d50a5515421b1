import type { Command } from './command.js';
import { checkCommand } from './check.js';
import { upgradeCommand } from './upgrade.js';
import { versionsCommand } from './versions.js';
import { localCommand } from './local.js';

/** Every command, in the order `implanta --help` lists them (the guide's phases, first to last). */
export const commands: Record<string, Command> = {
  check: checkCommand,
  upgrade: upgradeCommand,
  versions: versionsCommand,
  local: localCommand,
};
