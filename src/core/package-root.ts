import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package's root folder, from which data/ and python/ are read: the nearest folder above this
 * module holding package.json. Walking up (rather than a fixed `../..`) keeps it right in src/ (tsx),
 * in the bundled dist/, and wherever npm installs the package.
 */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`implanta: no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return dir;
}

const root = findRoot();

export function packagePath(...parts: string[]): string {
  return join(root, ...parts);
}
