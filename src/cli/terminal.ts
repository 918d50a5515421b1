import { fstatSync } from 'node:fs';

/**
 * Whether standard output (1) or error (2) is a terminal. A terminal is a character device: asking
 * fstat first spares a run whose output is a pipe or a file (CI, `| jq`) the cost of process.stdout or
 * process.stderr, whose first use there loads Node's net and stream modules (a few milliseconds of a
 * short command's budget).
 */
export function isTerminal(fd: 1 | 2): boolean {
  try {
    if (!fstatSync(fd).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  return (fd === 1 ? process.stdout : process.stderr).isTTY === true;
}
