/**
 * The one way implanta reads a file of the project it checks. A repository may be hostile: a FIFO
 * or a symlink to /dev/zero named Procfile would hang a plain read forever, a symlink may point out
 * of the project (to /proc/self/environ), a file may be gigabytes. Only regular files are read, with
 * a size cap, and (given the project root) only when their real path is inside it.
 */
import { closeSync, constants, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { InputError } from '../core/errors.js';
import { readRegularFile } from '../core/regular-file.js';
import { noteProjectFileRead } from '../core/input-trail.js';

/** Far above any real settings module, Procfile or lock file; a Python file takes ~1 s per MB to parse. */
export const MAX_PROJECT_FILE_BYTES = 4 * 1024 * 1024;

/** A project file implanta will not read: the message names it and says why, in one line. */
export class ProjectFileRefused extends InputError {
  constructor(
    readonly path: string,
    readonly why: 'not a regular file' | 'outside the project' | 'too large',
    detail: string,
  ) {
    super(`${path}: ${detail}`);
  }
}

export interface ReadOptions {
  /** The project root: the file's real path (symlinks resolved) must be inside it. */
  root?: string;
  /** How the file is named in messages (default: the path as given). */
  display?: string;
  maxBytes?: number;
  /**
   * The user's own argument, not the repository's (`--env-file <(heroku config -s)`): a pipe is read to
   * its end, under the cap. Its writer is the user's shell; a project file that is a FIFO has none.
   */
  pipes?: boolean;
}

/** The bytes of a regular file; fs errors (ENOENT, EACCES…) as Node throws them, refusals as ProjectFileRefused. */
export function readProjectBytes(path: string, opts: ReadOptions = {}): Buffer {
  const display = opts.display ?? path;
  noteProjectFileRead(display);
  const max = opts.maxBytes ?? MAX_PROJECT_FILE_BYTES;
  let real = path;
  if (opts.root !== undefined) {
    real = realpathSync(path);
    if (!inside(realpathSync(opts.root), real)) {
      throw new ProjectFileRefused(display, 'outside the project', 'leads outside the project (a symlink); implanta does not read it');
    }
  }
  // The user's pipe is opened once, blocking, to meet its writer. Opening it non-blocking first and
  // again afterwards loses the data: a writer already waiting gets in through the first descriptor,
  // writes and leaves, the pipe empties as that descriptor closes, and the second open waits for ever.
  if (opts.pipes && statSync(real).isFIFO()) return readPipe(real, display, max);
  const read = readRegularFile(real, max);
  if ('bytes' in read) return read.bytes;
  if ('notRegular' in read) throw new ProjectFileRefused(display, 'not a regular file', `is ${read.notRegular}, not a regular file; implanta does not read it`);
  const size = read.tooLarge === undefined ? 'more' : `${sizeLabel(read.tooLarge)}, more`;
  throw new ProjectFileRefused(display, 'too large', `is ${size} than the ${sizeLabel(max)} implanta reads`);
}

/** A pipe opened without O_NONBLOCK, so the open and each read wait for the writer, up to the cap. */
function readPipe(path: string, display: string, max: number): Buffer {
  const fd = openSync(path, constants.O_RDONLY);
  try {
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.alloc(64 * 1024);
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) return Buffer.concat(chunks, length);
      chunks.push(chunk.subarray(0, n));
      length += n;
      if (length > max) throw new ProjectFileRefused(display, 'too large', `is more than the ${sizeLabel(max)} implanta reads`);
    }
  } finally {
    closeSync(fd);
  }
}

/** The text of a regular file, as UTF-8. */
export function readProjectText(path: string, opts: ReadOptions = {}): string {
  return readProjectBytes(path, opts).toString('utf8');
}

/**
 * The text of `file` (relative to `root`, and named so in messages), or undefined when the project has
 * no such file or it cannot be read. A file refused as untrusted input (a FIFO, a link out of the
 * project, one too large) is still thrown: the user is told, rather than the file silently missing.
 */
export function readOptionalProjectText(root: string, file: string): string | undefined {
  try {
    return readProjectText(join(root, file), { root, display: file });
  } catch (error) {
    if (error instanceof ProjectFileRefused) throw error;
    return undefined;
  }
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** "120 KB", "1.3 MB": how big a file is, for a message. */
export function sizeLabel(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
