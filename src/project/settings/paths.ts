/**
 * pathlib, os.path and django-environ's Path. The process runs from the project root (Heroku starts
 * every process in the app's root), so relative paths resolve against it. Symlinks are not followed.
 */
import { chargeUnits } from './budget.js';
import type { SyntaxNode as Node } from './syntax-node.js';
import { PyPath, PyTuple, Unknown, type PyValue } from '../python-value.js';
import { argument, type Call, type CallHandler, type Frame } from './context.js';
import type { ObjectBehaviour } from './objects.js';
import { PyRaise } from './signals.js';
import { BoundMethod, typeName } from './values.js';

/** pathlib's lexical clean-up: no empty or `.` parts; `..` stays until resolve(). */
function purePath(path: string): string {
  const absolute = path.startsWith('/');
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  const joined = parts.join('/');
  return absolute ? `/${joined}` : joined || '.';
}

/** posixpath.normpath: also folds `..`. */
export function normpath(path: string): string {
  if (path === '') return '.';
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && (out.length > 0 ? out[out.length - 1] !== '..' : absolute)) {
      if (out.length > 0) out.pop();
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  return absolute ? `/${joined}` : joined || '.';
}

/** posixpath.join: an absolute part starts over. */
export function osJoin(first: string, ...rest: string[]): string {
  let path = first;
  for (const part of rest) {
    if (part.startsWith('/')) path = part;
    else if (path === '' || path.endsWith('/')) path += part;
    else path += `/${part}`;
  }
  return path;
}

export function dirname(path: string): string {
  const head = path.slice(0, path.lastIndexOf('/') + 1);
  return head && head !== '/'.repeat(head.length) ? head.replace(/\/+$/, '') : head;
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function absolute(frame: Frame, path: string): string {
  return normpath(path.startsWith('/') ? path : osJoin(frame.ev.root, path));
}

/** `a / b` on paths. */
export function joinPath(a: PyPath, b: string | PyPath): PyPath {
  return new PyPath(purePath(osJoin(a.path, typeof b === 'string' ? b : b.path)));
}

/** os.fspath: a str, or the text of a path; anything else is a TypeError. */
function fspath(frame: Frame, v: PyValue): string | Unknown {
  if (typeof v === 'string') return v;
  if (v instanceof PyPath) return v.path;
  if (v instanceof Unknown) return v;
  throw new PyRaise('TypeError', `expected str or a path, not ${typeName(v)}`, frame.file, frame.line);
}

/** All arguments as path text, or the first Unknown among them. */
function fspaths(call: Call): string[] | Unknown {
  const out: string[] = [];
  for (const arg of call.args.positional) {
    const text = fspath(call.frame, arg);
    if (text instanceof Unknown) return text;
    out.push(text);
  }
  return out;
}

function pathParents(path: string): PyPath[] {
  const parents: PyPath[] = [];
  for (let p = path; ; ) {
    const parent = parentOf(p);
    if (parent === p) return parents;
    parents.push(new PyPath(parent));
    p = parent;
  }
}

function parentOf(path: string): string {
  if (path === '/' || path === '.') return path;
  const i = path.lastIndexOf('/');
  if (i < 0) return '.';
  return i === 0 ? '/' : path.slice(0, i);
}

function suffixOf(name: string): string {
  const i = name.lastIndexOf('.');
  return i > 0 && i < name.length - 1 ? name.slice(i) : '';
}

/** Attributes of a pathlib path; methods come back bound, to be called. */
export function pathAttribute(frame: Frame, self: PyPath, name: string, node: Node): PyValue {
  const base = basename(self.path);
  switch (name) {
    case 'parent':
      return new PyPath(parentOf(self.path));
    case 'parents':
      return new PyTuple(pathParents(self.path));
    case 'name':
      return base;
    case 'suffix':
      return suffixOf(base);
    case 'stem':
      return base.slice(0, base.length - suffixOf(base).length);
    case 'parts':
      return new PyTuple(self.path.startsWith('/') ? ['/', ...self.path.split('/').filter(Boolean)] : self.path.split('/').filter((p) => p && p !== '.'));
    case 'anchor':
      return self.path.startsWith('/') ? '/' : '';
  }
  if (PATH_METHODS.has(name)) return new BoundMethod(self, name);
  return frame.unknown(`Path.${name}`, node);
}

const PATH_METHODS = new Set(['resolve', 'absolute', 'joinpath', 'with_name', 'with_suffix', 'exists', 'is_dir', 'is_file', 'as_posix', 'expanduser', 'mkdir', 'read_text', 'open', 'glob', 'iterdir', 'relative_to', 'is_absolute']);

export function callPathMethod(call: Call, self: PyPath, method: string): PyValue {
  const { frame } = call;
  switch (method) {
    case 'resolve':
    case 'absolute':
      return new PyPath(absolute(frame, self.path));
    case 'joinpath': {
      const parts = fspaths(call);
      return parts instanceof Unknown ? parts : new PyPath(purePath(osJoin(self.path, ...parts)));
    }
    case 'with_name':
    case 'with_suffix': {
      const arg = argument(call, 0, method === 'with_name' ? 'name' : 'suffix');
      if (typeof arg !== 'string') return frame.unknown(`Path.${method}() of something not known`, call.node);
      const base = basename(self.path);
      const replaced = method === 'with_name' ? arg : base.slice(0, base.length - suffixOf(base).length) + arg;
      return new PyPath(purePath(osJoin(parentOf(self.path), replaced)));
    }
    case 'exists':
    case 'is_dir':
    case 'is_file':
      return existence(frame, absolute(frame, self.path), method === 'exists' ? 'exists' : method === 'is_dir' ? 'isdir' : 'isfile', call.node);
    case 'as_posix':
      return self.path;
    case 'is_absolute':
      return self.path.startsWith('/');
    case 'expanduser':
      return self.path.startsWith('~') ? frame.unknown('a path under the home folder', call.node) : self;
    case 'mkdir':
      return null;
  }
  frame.ev.noteMayRaise();
  return frame.unknown(`calls Path.${method}()`, call.node);
}

/** Whether a path exists, as far as the project tree tells: outside it, a deployed app has other files. */
function existence(frame: Frame, abs: string, kind: 'exists' | 'isfile' | 'isdir', node: Node): PyValue {
  const sources = frame.ev.sources;
  if (!sources.inTree(abs)) return frame.unknown(`whether ${abs} exists outside the project`, node);
  if (kind === 'isfile') return sources.isFile(abs);
  if (kind === 'isdir') return sources.isDir(abs);
  return sources.isFile(abs) || sources.isDir(abs);
}

/** django-environ's Path: `environ.Path(__file__) - 2`, `root('static')`, `root.path('media')`. */
export class EnvironPath extends PyPath implements ObjectBehaviour {
  getAttribute(frame: Frame, name: string, node: Node): PyValue {
    if (name === 'root') return this.path;
    if (name === 'path' || name === 'file') return new BoundMethod(this, name);
    return frame.unknown(`environ.Path.${name}`, node);
  }

  callSelf(call: Call): PyValue {
    const parts = fspaths(call);
    return parts instanceof Unknown ? parts : absolute(call.frame, osJoin(this.path, ...parts));
  }

  callMethod(call: Call, method: string): PyValue {
    if (method !== 'path') return call.frame.unknown(`calls environ.Path.${method}()`, call.node);
    const parts = fspaths(call);
    return parts instanceof Unknown ? parts : new EnvironPath(absolute(call.frame, osJoin(this.path, ...parts)));
  }

  binary(op: string, other: PyValue, reflected: boolean): PyValue | undefined {
    if (reflected) return undefined;
    if (op === '-' && typeof other === 'number') chargeUnits(3 * other);
    if (op === '-' && typeof other === 'number') return new EnvironPath(normpath(osJoin(this.path, '../'.repeat(other))));
    if (op === '+' && (typeof other === 'string' || other instanceof PyPath)) return new EnvironPath(normpath(osJoin(this.path, typeof other === 'string' ? other : other.path)));
    return undefined;
  }
}

function environPath(call: Call): PyValue {
  const parts = fspaths(call);
  if (parts instanceof Unknown) return parts;
  let [start = '', ...rest] = parts;
  if (call.args.keywords.get('is_file') === true) start = dirname(start);
  return new EnvironPath(absolute(call.frame, osJoin(start, ...rest)));
}

function pathlibPath(call: Call): PyValue {
  const parts = fspaths(call);
  if (parts instanceof Unknown) return parts;
  return new PyPath(purePath(parts.length === 0 ? '.' : osJoin(parts[0]!, ...parts.slice(1))));
}

/** An os.path function of path strings that gives a string (or tuple) back. */
function onPaths(fn: (frame: Frame, paths: string[]) => PyValue): CallHandler {
  return (call) => {
    const parts = fspaths(call);
    if (parts instanceof Unknown) return parts;
    if (parts.length === 0) throw new PyRaise('TypeError', `${call.name}() missing a path`, call.frame.file, call.frame.line);
    return fn(call.frame, parts);
  };
}

export const pathHandlers: Record<string, CallHandler> = {
  'pathlib.Path': pathlibPath,
  'pathlib.PosixPath': pathlibPath,
  'pathlib.PurePath': pathlibPath,
  'pathlib.PurePosixPath': pathlibPath,
  'pathlib.Path.cwd': (call) => new PyPath(call.frame.ev.root),
  'os.getcwd': (call) => call.frame.ev.root,
  'os.path.join': onPaths((_, [first, ...rest]) => osJoin(first!, ...rest)),
  'os.path.dirname': onPaths((_, [p]) => dirname(p!)),
  'os.path.basename': onPaths((_, [p]) => basename(p!)),
  'os.path.abspath': onPaths((frame, [p]) => absolute(frame, p!)),
  'os.path.realpath': onPaths((frame, [p]) => absolute(frame, p!)),
  'os.path.normpath': onPaths((_, [p]) => normpath(p!)),
  'os.path.split': onPaths((_, [p]) => new PyTuple([dirname(p!), basename(p!)])),
  'os.path.splitext': onPaths((_, [p]) => {
    const suffix = suffixOf(basename(p!));
    return new PyTuple([p!.slice(0, p!.length - suffix.length), suffix]);
  }),
  'os.path.isabs': onPaths((_, [p]) => p!.startsWith('/')),
  'os.path.exists': (call) => existenceHandler(call, 'exists'),
  'os.path.isfile': (call) => existenceHandler(call, 'isfile'),
  'os.path.isdir': (call) => existenceHandler(call, 'isdir'),
  'os.path.expanduser': onPaths((frame, [p]) => (p!.startsWith('~') ? frame.unknown('a path under the home folder') : p!)),
  'environ.Path': environPath,
};

function existenceHandler(call: Call, kind: 'exists' | 'isfile' | 'isdir'): PyValue {
  const parts = fspaths(call);
  if (parts instanceof Unknown) return parts;
  return existence(call.frame, absolute(call.frame, parts[0] ?? ''), kind, call.node);
}
