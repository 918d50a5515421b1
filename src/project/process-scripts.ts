import { normalize } from 'node:path';
import { MIGRATE_LINE } from './build-hooks.js';
import { analyseCommand } from './process-command.js';
import { readOptionalProjectText } from './project-file.js';
import type { Procfile } from './types.js';

/** A shell script a process runs (`web: sh startup.sh`), read for what the rules need of it. */
export interface ProcessScript {
  /** The process type that runs it: web, release, worker… */
  process: string;
  /** As the command names it, and as a project file when it is one. */
  named: string;
  file?: string;
  /** The line that runs `manage.py migrate`, when one does. */
  migrateLine?: number;
}

/**
 * The scripts the Procfile's processes run, each read when it is a file of the project (the build root's,
 * named from it). A script that is not one (a program on the dyno's PATH, a file outside the project)
 * is listed without a `file`: what it does is not known.
 */
export function readProcessScripts(root: string, procfile: Procfile, files: readonly string[]): ProcessScript[] {
  const scripts: ProcessScript[] = [];
  for (const entry of procfile.entries) {
    for (const named of analyseCommand(entry.command).scripts) {
      const file = normalize(named).split('\\').join('/');
      if (file.startsWith('../') || file.startsWith('/') || !files.includes(file)) {
        scripts.push({ process: entry.name, named });
        continue;
      }
      const text = readOptionalProjectText(root, file);
      if (text === undefined) {
        scripts.push({ process: entry.name, named });
        continue;
      }
      const index = text.split('\n').findIndex((line) => MIGRATE_LINE.test(line));
      scripts.push({ process: entry.name, named, file, ...(index >= 0 && { migrateLine: index + 1 }) });
    }
  }
  return scripts;
}
