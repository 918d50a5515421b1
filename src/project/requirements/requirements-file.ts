import { ProjectFileRefused, readProjectBytes } from '../project-file.js';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { FileProblem, Requirement, RequirementsOption } from '../types.js';
import { decodeRequirementsBytes } from './decode.js';
import { logicalLines, unexpand, type LogicalLine } from './lines.js';
import { splitRequirementLine, type ParsedOption } from './options.js';
import { requirementFromArgs, requirementFromEditable } from './requirement-line.js';
import { hideCredentials } from './url-credentials.js';

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
  const bytes = readBytes(top);
  if (typeof bytes === 'string') read.problems.push({ file, line: 1, message: `cannot open ${file} (${bytes})` });
  else visit(root, top, bytes, 'requirement', [], env, read);
  return read;
}

/** Parses requirement lines from text alone, with no includes: the printer's round trip uses it. */
export function parseRequirementsText(text: string, file: string, root: string, env: Record<string, string> = {}): RequirementsRead {
  const read: RequirementsRead = { requirements: [], problems: [], files: [file], options: [] };
  const unfollowed: Include = (path, kind, problem) => problem(`${kind === 'constraint' ? '-c' : '-r'} ${path}: not followed when reading text alone`);
  for (const line of logicalLines(text, env)) handleLine(line, file, 'requirement', root, read, unfollowed);
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
      const nestedBytes = readBytes(target);
      if (typeof nestedBytes === 'string') return problem(`${flag} ${include}: cannot open ${displayPath(root, target)} (${nestedBytes})`);
      if (relative(root, target).startsWith('..')) {
        problem(`${flag} ${include} is outside the app: Heroku builds only the repository, so the build will fail`);
      }
      visit(root, target, nestedBytes, nestedKind, chain, env, read);
    });
  }
}

type Include = (path: string, kind: Kind, problem: (message: string) => void) => void;

/** Handles one logical line; `include` reads a nested file, reporting on this line. */
function handleLine(line: LogicalLine, file: string, kind: Kind, root: string, read: RequirementsRead, include: Include): void {
  const problem = (message: string) => read.problems.push({ file, line: line.line, message: hideCredentials(unexpand(message, line)) });
  const split = splitRequirementLine(line.text);
  if ('error' in split) return void problem(`Invalid line '${line.written}': ${split.error}`);
  const editable = split.options.find((o) => o.spec.name === '--editable');
  if (split.args || editable) {
    const fields = split.args
      ? requirementFromArgs(split.args, root)
      : requirementFromEditable(editable!.value!, root);
    if (!fields.ok) return void problem(fields.error);
    const { url, marker, pinned, ...rest } = fields.value;
    // pip applies --hash to ordinary requirements only; on an editable line it is ignored.
    const hashes = split.args ? split.options.filter((o) => o.spec.name === '--hash').map((o) => o.value!) : [];
    read.requirements.push({
      ...rest,
      ...(marker !== undefined && { marker }),
      ...(url !== undefined && { url: hideCredentials(url) }),
      ...(pinned !== undefined && { pinned }),
      hashes,
      kind,
      file,
      line: line.line,
    });
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
      const written = value === undefined ? {} : { value: hideCredentials(unexpand(value, line)) };
      read.options.push({ name: spec.name, ...written, file, line: line.line });
    }
  }
}

/** The file's bytes, or why it cannot be read. */
function readBytes(path: string): Uint8Array | string {
  try {
    return readProjectBytes(path);
  } catch (error) {
    if (error instanceof ProjectFileRefused) return error.why === 'too large' ? 'too large' : error.why;
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory' : (code ?? 'unreadable');
  }
}

function displayPath(root: string, path: string): string {
  const rel = isAbsolute(path) ? relative(root, path) : path;
  return rel.split(sep).join('/');
}

