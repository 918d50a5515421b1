import { join } from 'node:path';
import { ProjectFileRefused, readProjectText } from './project-file.js';
import { parseDotenv } from './dotenv.js';
import { hasRemotePassword, isCredential } from './secret-names.js';
import type { DotenvFileSummary } from './types.js';

/** `.env`, `.env.production`, `production.env`. */
export function isDotenvFile(file: string): boolean {
  const name = file.slice(file.lastIndexOf('/') + 1);
  return name === '.env' || name.startsWith('.env.') || (name.endsWith('.env') && name.length > 4);
}

/**
 * Summarises every .env-style file in the tree: which keys hold credentials, never the values.
 * A file that does not parse is kept with its problem, so a rule can still say it is committed; one
 * that is not a regular file of the project is refused (ProjectFileRefused).
 */
export function summariseDotenvFiles(root: string, files: readonly string[]): DotenvFileSummary[] {
  return files.filter(isDotenvFile).map((file) => {
    try {
      const entries = parseDotenv(readProjectText(join(root, file), { root, display: file }), file);
      const secretKeys = entries
        .filter((e) => e.value !== '' && (isCredential(e.key, e.value) || hasRemotePassword(e.value)))
        .map((e) => ({ key: e.key, line: e.line }));
      return { file, secretKeys };
    } catch (error) {
      // A FIFO, a device or a symlink out of the project is not a .env file to summarise: one line, exit 2.
      if (error instanceof ProjectFileRefused) throw error;
      return { file, secretKeys: [], problem: (error as Error).message };
    }
  });
}
