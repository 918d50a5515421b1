import { readFileSync } from 'node:fs';
import { packagePath } from './package-root.js';

let cached: string | undefined;

/** implanta's own version, from package.json, so reports and the User-Agent never drift from it. */
export function toolVersion(): string {
  cached ??= (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version;
  return cached;
}
