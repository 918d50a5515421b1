import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The repository's `.implanta/` folder (deploy history, backups), created on first use with a `.gitignore`
 * of `*`: its files are local records, and an untracked folder would otherwise make the tree "dirty" and
 * block the next deploy.
 */
export function implantaDir(repoRoot: string, ...sub: string[]): string {
  const top = join(repoRoot, '.implanta');
  mkdirSync(top, { recursive: true });
  try {
    writeFileSync(join(top, '.gitignore'), '*\n', { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const dir = join(top, ...sub);
  mkdirSync(dir, { recursive: true });
  return dir;
}
