import { parseArgs, type ParseArgsConfig } from 'node:util';
import { InputError } from '../core/errors.js';
import { isSeverity, type Severity } from '../core/finding.js';
import { isTerminal } from './terminal.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** parseArgs with the user-facing error style: one line, exit 2, and the command's help to look at. */
export function parseCommandArgs<O extends Options>(command: string, argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    const reason = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new InputError(`${reason} (see \`implanta ${command} --help\`)`);
  }
}

/** `--env KEY=VALUE`, repeatable. */
export function parseEnvPairs(pairs: string[] | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of pairs ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new InputError(`--env ${pair.split('=')[0]}: expected KEY=VALUE`);
    env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return env;
}

export function parseFailLevel(value: string | undefined): Severity | 'none' {
  if (value === undefined) return 'warning';
  if (value === 'none' || isSeverity(value)) return value;
  throw new InputError(`--fail-level ${value}: expected error, warning, info or none`);
}

export function parseChoice<T extends string>(flag: string, value: string | undefined, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new InputError(`${flag} ${value}: expected one of ${choices.join(', ')}`);
}

/** Colour only on a terminal, and never when NO_COLOR is set or --no-color given. */
export function useColor(noColorFlag: boolean | undefined): boolean {
  if (noColorFlag || process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return isTerminal(1);
}
