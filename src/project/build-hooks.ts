import { join } from 'node:path';
import { ProjectFileRefused, readProjectText } from './project-file.js';

/** A hook the classic Python buildpack runs during the build (`bin/pre_compile`, `bin/post_compile`). */
export interface BuildHook {
  file: string;
  /** The line that runs `manage.py migrate`, when one does. */
  migrateLine?: number;
}

const HOOKS = ['bin/pre_compile', 'bin/post_compile'];
const MIGRATE = /^(?!\s*#).*(manage\.py|\$\{?MANAGE_FILE\}?|django-admin)\s+migrate\b/;

/** The build hooks in the project, and whether they migrate: such projects migrate at build time, not in a release process. */
export function readBuildHooks(root: string, files: string[]): BuildHook[] {
  const hooks: BuildHook[] = [];
  for (const file of HOOKS.filter((f) => files.includes(f))) {
    let text: string;
    try {
      text = readProjectText(join(root, file), { root, display: file });
    } catch (error) {
      if (error instanceof ProjectFileRefused) throw error;
      continue;
    }
    const index = text.split('\n').findIndex((line) => MIGRATE.test(line));
    hooks.push({ file, ...(index >= 0 && { migrateLine: index + 1 }) });
  }
  return hooks;
}
