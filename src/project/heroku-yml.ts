import { readOptionalProjectText } from './project-file.js';
import type { Procfile, ProcfileEntry } from './types.js';

/**
 * heroku.yml, the manifest of an app on the container stack: Heroku builds the Dockerfile it names and
 * runs its `run` section's commands (or, without one, the Dockerfile's CMD) instead of a Procfile's, and
 * its `release` section's command as the release phase. Only what the process rules need is read: each
 * process under `run` whose command is written on its line (`web: gunicorn proj.wsgi`, or a
 * `command:` under it), and the release command. The rest of the YAML (setup, build, images) is not.
 */
export interface HerokuYml {
  file: string;
  /** The processes Heroku runs, in the Procfile's shape, for the rules that read commands. */
  processes: Procfile;
  /** Whether it has a `run` section: without one the web process is the Dockerfile's CMD. */
  hasRun: boolean;
}

const FILE = 'heroku.yml';

/** The project's heroku.yml, or undefined when there is none. */
export function readHerokuYml(root: string): HerokuYml | undefined {
  const text = readOptionalProjectText(root, FILE);
  return text === undefined ? undefined : parseHerokuYml(text);
}

interface Line {
  number: number;
  indent: number;
  text: string;
}

/** Reads the `run` and `release` sections of heroku.yml's text (see HerokuYml). */
export function parseHerokuYml(text: string): HerokuYml {
  const lines: Line[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const content = stripComment(raw).trimEnd();
      if (content.trim() === '' || content.trim() === '---') return;
      lines.push({ number: i + 1, indent: content.length - content.trimStart().length, text: content.trim() });
    });
  const entries: ProcfileEntry[] = [];
  let hasRun = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.indent !== 0) continue;
    const block = blockAfter(lines, i);
    if (line.text === 'run:') {
      hasRun = true;
      entries.push(...runEntries(block));
    } else if (line.text === 'release:') {
      const release = commandOf(block);
      if (release) entries.push({ name: 'release', ...release });
    }
  }
  return { file: FILE, processes: { file: FILE, entries, problems: [] }, hasRun };
}

/** The lines indented under lines[at], up to the next line at its indent or less. */
function blockAfter(lines: Line[], at: number): Line[] {
  const indent = lines[at]!.indent;
  const block: Line[] = [];
  for (let j = at + 1; j < lines.length && lines[j]!.indent > indent; j++) block.push(lines[j]!);
  return block;
}

const KEY = /^([A-Za-z0-9_-]+):\s*(.*)$/;

/** `web: COMMAND`, or `web:` with a `command:` under it: one entry per process whose command is known. */
function runEntries(block: Line[]): ProcfileEntry[] {
  if (!block.length) return [];
  const indent = block[0]!.indent;
  const entries: ProcfileEntry[] = [];
  block.forEach((line, i) => {
    if (line.indent !== indent) return;
    const match = KEY.exec(line.text);
    if (!match) return;
    const [, name, value] = match as unknown as [string, string, string];
    if (value) {
      entries.push({ name, command: unquote(value), line: line.number });
      return;
    }
    const nested = commandOf(blockAfter(block, i));
    if (nested) entries.push({ name, ...nested });
  });
  return entries;
}

/** A section's `command:`, as one line (`command: X`) or a list (`- X`, joined as the shell would run them: `&&`). */
function commandOf(block: Line[]): { command: string; line: number } | undefined {
  const at = block.findIndex((l) => l.text === 'command:' || l.text.startsWith('command: '));
  if (at < 0) return undefined;
  const inline = block[at]!.text.slice('command:'.length).trim();
  if (inline) return { command: unquote(inline), line: block[at]!.number };
  const items = blockAfter(block, at).filter((l) => l.text.startsWith('- '));
  if (!items.length) return undefined;
  return { command: items.map((l) => unquote(l.text.slice(2).trim())).join(' && '), line: items[0]!.number };
}

function unquote(value: string): string {
  const quoted = /^(['"])(.*)\1$/.exec(value);
  return quoted ? quoted[2]! : value;
}

/** A YAML comment starts with # at the start or after a space, outside quotes. */
function stripComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '#' && (i === 0 || line[i - 1] === ' ' || line[i - 1] === '\t')) {
      return line.slice(0, i);
    }
  }
  return line;
}
