import type { EnvRead } from './settings/types.js';

export interface ReadPlace {
  file: string;
  line: number;
}

/**
 * Where the settings read a variable that has no default and that the environment lacks. That fact is
 * codebase.required-env's (the app would not boot); a rule whose value stops at such a read has nothing
 * to add, and says nothing (see leavingCannotTellAt).
 */
export function unsetRequiredReads(envReads: readonly EnvRead[], env: Readonly<Record<string, string>>): ReadPlace[] {
  return envReads.filter((read) => read.required && !Object.hasOwn(env, read.name)).map(({ file, line }) => ({ file, line }));
}
