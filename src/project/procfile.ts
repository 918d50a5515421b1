import { readOptionalProjectText } from './project-file.js';
import type { FileProblem, Procfile, ProcfileEntry } from './types.js';

/** Heroku's process line: a name of letters, digits, `_` or `-`, a colon, then the command. */
const LINE = /^([A-Za-z0-9_-]+):[ \t]*(.*)$/;

/**
 * Parses a Procfile as Heroku reads it. Lines Heroku would reject or silently drop (a bad name, an
 * empty command, a second `web:`) become problems with their line, so a typo never means a process
 * that quietly does not exist.
 */
export function parseProcfile(text: string, file = 'Procfile'): Procfile {
  const entries: ProcfileEntry[] = [];
  const problems: FileProblem[] = [];
  const seen = new Map<string, number>();
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const line = i + 1;
      const text = raw.trimEnd();
      if (text.trim() === '' || text.trimStart().startsWith('#')) return;
      const match = LINE.exec(text);
      if (!match) {
        problems.push({ file, line, message: malformedReason(text) });
        return;
      }
      const [, name, command] = match as unknown as [string, string, string];
      if (command.trim() === '') {
        problems.push({ file, line, message: `process type '${name}' has no command` });
        return;
      }
      const first = seen.get(name);
      if (first !== undefined) {
        problems.push({ file, line, message: `process type '${name}' is declared again (first on line ${first}); Heroku keeps only one` });
        return;
      }
      seen.set(name, line);
      entries.push({ name, command: command.trim(), line });
    });
  return { file, entries, problems };
}

function malformedReason(text: string): string {
  if (/^\s/.test(text)) return 'line starts with whitespace; a process line is `name: command` from the first column';
  const colon = text.indexOf(':');
  if (colon < 0) return 'not a `name: command` line (no colon)';
  const name = text.slice(0, colon);
  return `process type '${name.trim()}' is not a valid name (letters, digits, '_' and '-' only, no spaces before the colon)`;
}

/** The Procfile at the project root, or undefined when there is none. */
export function readProcfile(root: string): Procfile | undefined {
  const text = readOptionalProjectText(root, 'Procfile');
  return text === undefined ? undefined : parseProcfile(text);
}

export function procfileEntry(procfile: Procfile | undefined, name: string): ProcfileEntry | undefined {
  return procfile?.entries.find((e) => e.name === name);
}
