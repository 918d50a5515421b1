import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * The paths `git ls-files` would list in `root`, read straight from git's index file. Starting git costs
 * a check more CPU than the rest of its project read (a fork of the whole Node process, then git's own
 * start), so the common layouts are read here and everything unusual is left to git itself:
 * - `undefined`: root is not inside a git work tree (no `.git` above it), like ls-files failing;
 * - `'ask-git'`: a layout this reader does not follow (GIT_* variables, SHA-256 objects, a split or
 *   sparse index, an unknown index version, anything unreadable), so the caller runs git.
 * Index format: git's Documentation/gitformat-index.txt (versions 2, 3 and 4).
 */
export function readGitIndexPaths(root: string): string[] | undefined | 'ask-git' {
  // Variables that move the repository, the work tree or the index: git knows how to follow them.
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_COMMON_DIR', 'GIT_CEILING_DIRECTORIES', 'GIT_OBJECT_DIRECTORY']) {
    if (process.env[name]) return 'ask-git';
  }
  const found = findDotGit(resolve(root));
  if (!found) return undefined;
  const gitDir = found.gitDir;
  if (!gitDir) return 'ask-git';
  try {
    if (!statSync(join(gitDir, 'HEAD')).isFile()) return 'ask-git';
    if (unusualConfig(gitDir)) return 'ask-git';
  } catch {
    return 'ask-git';
  }
  let index: Buffer;
  try {
    index = readFileSync(join(gitDir, 'index'));
  } catch (error) {
    // A repository nothing was ever added to has no index yet: git lists nothing.
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? [] : 'ask-git';
  }
  const prefix = relative(found.workTree, resolve(root)).split(sep).join('/');
  if (prefix.startsWith('..')) return 'ask-git';
  return parseIndex(index, prefix ? `${prefix}/` : '') ?? 'ask-git';
}

/** The nearest `.git` at or above dir: a folder, or a file naming the folder (worktrees, submodules). */
function findDotGit(dir: string): { workTree: string; gitDir?: string } | undefined {
  for (let current = dir; ; current = dirname(current)) {
    const candidate = join(current, '.git');
    let isDir: boolean;
    try {
      const stat = statSync(candidate);
      isDir = stat.isDirectory();
      if (!isDir && !stat.isFile()) throw new Error('neither');
    } catch {
      if (dirname(current) === current) return undefined;
      continue;
    }
    if (isDir) return { workTree: current, gitDir: candidate };
    const pointer = /^gitdir: (.+)$/m.exec(readFileSync(candidate, 'utf8'))?.[1]?.trim();
    if (!pointer) return { workTree: current };
    return { workTree: current, gitDir: isAbsolute(pointer) ? pointer : resolve(current, pointer) };
  }
}

/**
 * Settings that change what the index holds or where the work tree is: SHA-256 object names (longer
 * entries), a configured work tree, a split or sparse index. A linked worktree keeps its config in the
 * main repository (`commondir`), so both are read.
 */
function unusualConfig(gitDir: string): boolean {
  const configs = [join(gitDir, 'config')];
  try {
    const common = readFileSync(join(gitDir, 'commondir'), 'utf8').trim();
    configs.push(join(isAbsolute(common) ? common : resolve(gitDir, common), 'config'));
  } catch {
    // Not a linked worktree.
  }
  for (const file of configs) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    if (text.split(/\r\n|[\n\r\u2028\u2029]/).some(unusualSetting)) return true;
  }
  return false;
}

const UNUSUAL_KEYS = ['objectformat', 'worktree', 'splitindex', 'sparse'];

/**
 * A config line that sets one of UNUSUAL_KEYS (the whole word: `worktreeConfig` is not `worktree`),
 * or `bare = true`. Read without a case-insensitive multiline regular expression, which cost half a
 * millisecond of every check to compile.
 */
function unusualSetting(line: string): boolean {
  const setting = line.trimStart().toLowerCase();
  const word = (text: string, key: string): boolean => text.startsWith(key) && !isWordCharacter(text.charCodeAt(key.length));
  if (UNUSUAL_KEYS.some((key) => word(setting, key))) return true;
  if (!setting.startsWith('bare')) return false;
  const value = setting.slice(4).trimStart();
  return value.startsWith('=') && word(value.slice(1).trimStart(), 'true');
}

/** \w: a letter, a digit or an underscore (NaN, past the end, is none). */
function isWordCharacter(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/**
 * The paths of the entries under `under` (a folder with its trailing slash, or '' for all), without it,
 * in index order (as `git ls-files` lists them); undefined for a version or extension this reader does not follow.
 * Only the names under the folder are decoded: a project in a big monorepo costs little more.
 */
export function parseIndex(index: Buffer, under = ''): string[] | undefined {
  if (index.length < 12 || index.toString('latin1', 0, 4) !== 'DIRC') return undefined;
  const version = index.readUInt32BE(4);
  if (version < 2 || version > 4) return undefined;
  const count = index.readUInt32BE(8);
  const want = Buffer.from(under, 'utf8');
  const paths: string[] = [];
  const keep = (start: number, end: number, source: Buffer): void => {
    if (end - start <= want.length) return;
    // Byte by byte: the entries outside the folder are most of a monorepo's, and this runs cold.
    for (let k = 0; k < want.length; k++) if (source[start + k] !== want[k]) return;
    // A conflicted path has an entry per stage, and ls-files lists each: so does this.
    paths.push(source.toString('utf8', start + want.length, end));
  };
  let offset = 12;
  let previous = Buffer.alloc(0);
  // ctime, mtime (8 bytes each), dev, ino, mode, uid, gid, size (4 each), a SHA-1, then the flags.
  const FIXED = 40 + 20;
  for (let i = 0; i < count; i++) {
    if (offset + FIXED + 2 > index.length) return undefined;
    const flags = (index[offset + FIXED]! << 8) | index[offset + FIXED + 1]!;
    let cursor = offset + FIXED + 2;
    if (flags & 0x4000) {
      if (version < 3) return undefined;
      cursor += 2; // the extended flags (skip-worktree, intent-to-add): listed all the same
    }
    if (version === 4) {
      // The name is the previous one minus N bytes at its end, plus this entry's bytes up to a NUL.
      let byte = index[cursor++]!;
      let strip = byte & 0x7f;
      while (byte & 0x80) {
        byte = index[cursor++]!;
        strip = ((strip + 1) << 7) | (byte & 0x7f);
      }
      const end = index.indexOf(0, cursor);
      if (end < 0 || strip > previous.length) return undefined;
      previous = Buffer.concat([previous.subarray(0, previous.length - strip), index.subarray(cursor, end)]);
      keep(0, previous.length, previous);
      offset = end + 1;
    } else {
      // The flags hold the name's length up to 0xFFF; longer names are found by their NUL.
      const end = (flags & 0xfff) < 0xfff ? cursor + (flags & 0xfff) : index.indexOf(0, cursor);
      if (end < 0 || end >= index.length || index[end] !== 0) return undefined;
      keep(cursor, end, index);
      // Entries are padded with 1 to 8 NULs to a multiple of 8 bytes from the entry's start.
      offset += Math.floor((end - offset + 8) / 8) * 8;
    }
  }
  // Extensions follow the entries: a split index ("link") keeps entries elsewhere, a sparse index
  // ("sdir") lists folders in place of their files. Either needs git.
  while (offset + 8 <= index.length - 20) {
    const signature = index.toString('latin1', offset, offset + 4);
    if (signature === 'link' || signature === 'sdir') return undefined;
    offset += 8 + index.readUInt32BE(offset + 4);
  }
  return paths;
}
