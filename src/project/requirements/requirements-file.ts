import { ProjectFileRefused, readProjectBytes } from '../project-file.js';
import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { FileProblem, Requirement, RequirementsOption } from '../types.js';
import { decodeRequirementsBytes } from './decode.js';
import { logicalLines, unexpand, type LogicalLine } from './lines.js';
import { splitRequirementLine, type ParsedOption, type SplitLine } from './options.js';
import { requirementFromArgs, requirementFromEditable, type RequirementFields } from './requirement-line.js';
import { hideUrlSecrets, maskRequirementText } from './url-credentials.js';

export interface RequirementsRead {
  requirements: Requirement[];
  problems: FileProblem[];
  /** Every file read, relative to the root, in the order pip opens them. */
  files: string[];
  options: RequirementsOption[];
}

type Kind = Requirement['kind'];

/**
 * Reads a requirements file and everything it includes with `-r` and `-c`, as pip does when Heroku runs
 * `pip install -r requirements.txt` in the app root. A bad line, a missing include or an include loop is
 * a problem with its file and line; nothing here throws on bad input.
 */
export function readRequirementsFile(root: string, file: string, env: Record<string, string>): RequirementsRead {
  const read: RequirementsRead = { requirements: [], problems: [], files: [], options: [] };
  const top = resolve(root, file);
  const bytes = readBytes(top, root);
  if (typeof bytes === 'string') read.problems.push({ file, line: 1, message: `cannot open ${file} (${bytes})` });
  else visit(root, top, bytes, 'requirement', [], env, read, new Map());
  return read;
}

/** Parses requirement lines from text alone, with no includes: the printer's round trip uses it. */
export function parseRequirementsText(text: string, file: string, root: string, env: Record<string, string> = {}): RequirementsRead {
  const read: RequirementsRead = { requirements: [], problems: [], files: [file], options: [] };
  const unfollowed: Include = (path, kind, problem) => problem(`${kind === 'constraint' ? '-c' : '-r'} ${path}: not followed when reading text alone`);
  const memo: LineMemo = new Map();
  for (const line of logicalLines(text, env)) handleLine(line, file, 'requirement', root, read, unfollowed, memo);
  return read;
}

function visit(
  root: string,
  path: string,
  bytes: Uint8Array,
  kind: Kind,
  stack: string[],
  env: Record<string, string>,
  read: RequirementsRead,
  memo: LineMemo,
): void {
  const file = displayPath(root, path);
  const decoded = decodeRequirementsBytes(bytes);
  if (!read.files.includes(file)) read.files.push(file);
  if (decoded.problem) read.problems.push({ file, ...decoded.problem });
  for (const line of logicalLines(decoded.text, env)) {
    handleLine(line, file, kind, root, read, (include, nestedKind, problem) => {
      const target = /^(https?|file):/i.test(include) ? undefined : resolve(dirname(path), include);
      const flag = nestedKind === 'constraint' ? '-c' : '-r';
      if (!target) return problem(`${flag} ${include}: a remote file, not read`);
      const chain = [...stack, path];
      if (chain.includes(target)) {
        const loop = [...chain.slice(chain.indexOf(target)), target].map((p) => displayPath(root, p)).join(' → ');
        return problem(`${flag} ${include} makes a loop: ${loop}`);
      }
      // Checked before anything is opened: `-r /proc/self/environ` would quote implanta's own token,
      // and a FIFO out there would hang the read. Heroku builds only the repository, so pip fails on it too.
      if (leavesProject(root, target)) {
        return problem(`${flag} ${include} leads outside the project: implanta does not read it, and Heroku builds only the repository, so pip will not find it there`);
      }
      const nestedBytes = readBytes(target, root);
      if (typeof nestedBytes === 'string') return problem(`${flag} ${include}: cannot open ${displayPath(root, target)} (${nestedBytes})`);
      visit(root, target, nestedBytes, nestedKind, chain, env, read, memo);
    }, memo);
  }
}

type Include = (path: string, kind: Kind, problem: (message: string) => void) => void;

/** What one line's text parses to: the same text always parses the same way within one read. */
interface ParsedLine {
  split: SplitLine;
  /** A requirement or an editable line: what it installs, or why pip refuses it. */
  installs?: { ok: true; value: LineRequirement } | { ok: false; error: string };
}

/** A requirement as one line's text gives it: the file, line and kind come from where the text is. */
type LineRequirement = Omit<Requirement, 'kind' | 'file' | 'line'>;

/**
 * Parsed lines by text, for one read. A file of one line pasted 20,000 times (hostile, or a bad merge)
 * is parsed once per distinct line; stat calls for path-like lines included.
 */
export type LineMemo = Map<string, ParsedLine>;

function parseLine(text: string, root: string, memo: LineMemo): ParsedLine {
  const known = memo.get(text);
  if (known) return known;
  const split = splitRequirementLine(text);
  let parsed: ParsedLine = { split };
  if (!('error' in split)) {
    const editable = split.options.find((o) => o.spec.name === '--editable');
    const fields = split.args ? requirementFromArgs(split.args, root) : editable && requirementFromEditable(editable.value!, root);
    if (fields) parsed = { split, installs: fields.ok ? { ok: true, value: lineRequirement(fields.value, split) } : fields };
  }
  memo.set(text, parsed);
  return parsed;
}

function lineRequirement(fields: RequirementFields, split: { args: string; options: ParsedOption[] }): LineRequirement {
  const { url, marker, pinned, ...rest } = fields;
  // pip applies --hash to ordinary requirements only; on an editable line it is ignored.
  const hashes = split.args ? split.options.filter((o) => o.spec.name === '--hash').map((o) => o.value!) : [];
  return {
    ...rest,
    ...(marker !== undefined && { marker }),
    ...(url !== undefined && { url: hideUrlSecrets(url) }),
    ...(pinned !== undefined && { pinned }),
    hashes,
  };
}

/** Handles one logical line; `include` reads a nested file, reporting on this line. */
function handleLine(line: LogicalLine, file: string, kind: Kind, root: string, read: RequirementsRead, include: Include, memo: LineMemo): void {
  const problem = (message: string) => read.problems.push({ file, line: line.line, message: maskRequirementText(unexpand(message, line)) });
  const { split, installs } = parseLine(line.text, root, memo);
  if ('error' in split) return void problem(`Invalid line '${line.written}': ${split.error}`);
  if (installs) {
    if (!installs.ok) return void problem(installs.error);
    read.requirements.push({ ...installs.value, kind, file, line: line.line });
    return;
  }
  const nested = split.options.find((o) => o.spec.name === '--requirement') ?? split.options.find((o) => o.spec.name === '--constraint');
  if (nested) {
    return include(nested.value!, nested.spec.name === '--constraint' ? 'constraint' : 'requirement', problem);
  }
  recordOptions(split.options, file, line, read);
}

/** File-wide options as written: a `${TOKEN}` stays a name, never its value. */
function recordOptions(options: ParsedOption[], file: string, line: LogicalLine, read: RequirementsRead): void {
  for (const { spec, value } of options) {
    if (spec.name === '--hash') {
      read.problems.push({ file, line: line.line, message: '--hash without a requirement on the same line: pip ignores it' });
    } else if (spec.scope === 'file') {
      const written = value === undefined ? {} : { value: hideUrlSecrets(unexpand(value, line)) };
      read.options.push({ name: spec.name, ...written, file, line: line.line });
    }
  }
}

/** The file's bytes, or why it cannot be read. */
function readBytes(path: string, root: string): Uint8Array | string {
  try {
    return readProjectBytes(path, { root });
  } catch (error) {
    if (error instanceof ProjectFileRefused) return error.why;
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory' : (code ?? 'unreadable');
  }
}

/** The path as written, or where its symlinks lead, is outside the root. Resolving links opens nothing. */
function leavesProject(root: string, target: string): boolean {
  if (outside(root, target)) return true;
  try {
    return outside(realpathSync(root), realpathSync(target));
  } catch {
    return false;
  }
}

function outside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
}

function displayPath(root: string, path: string): string {
  const rel = isAbsolute(path) ? relative(root, path) : path;
  return rel.split(sep).join('/');
}

