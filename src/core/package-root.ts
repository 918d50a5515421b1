import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/**
 * The package's root folder, from which data/ and python/ are read. This file sits two levels below it
 * both in src/ (run by tsx) and in dist/ (compiled), so one relative step works for both.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));

export function packagePath(...parts: string[]): string {
  return join(root, ...parts);
}
