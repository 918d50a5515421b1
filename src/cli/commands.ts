import type { Command } from './command.js';
import { checkCommand } from './check.js';
import { versionsCommand } from './versions.js';

/** Every command, in the order `implanta --help` lists them (the guide's phases, first to last). */
export const commands: Record<string, Command> = {
  check: checkCommand,
  versions: versionsCommand,
};
