import { readOptionalProjectText } from './project-file.js';

/** A hook the classic Python buildpack runs during the build (`bin/pre_compile`, `bin/post_compile`). */
export interface BuildHook {
  file: string;
  /** The line that runs `manage.py migrate`, when one does. */
  migrateLine?: number;
}

const HOOKS = ['bin/pre_compile', 'bin/post_compile'];
/** A shell line that runs Django's migrate, not commented out (build hooks, scripts a process runs). */
export const MIGRATE_LINE = /^(?!\s*#).*(manage\.py|\$\{?MANAGE_FILE\}?|django-admin)\s+migrate\b/;

/** The build hooks in the project, and whether they migrate: such projects migrate at build time, not in a release process. */
export function readBuildHooks(root: string, files: string[]): BuildHook[] {
  const hooks: BuildHook[] = [];
  for (const file of HOOKS.filter((f) => files.includes(f))) {
    const text = readOptionalProjectText(root, file);
    if (text === undefined) continue;
    const index = text.split('\n').findIndex((line) => MIGRATE_LINE.test(line));
    hooks.push({ file, ...(index >= 0 && { migrateLine: index + 1 }) });
  }
  return hooks;
}
