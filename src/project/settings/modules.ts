/**
 * Imports. Modules of the project are read and evaluated (once each, parents first, as Python
 * does); any other module is opaque and only recorded, unless it is in the standard library.
 * The process's module search path starts at the project root, the folder of manage.py.
 */
import type { SyntaxNode as Node } from './syntax-node.js';
import { PyTuple, type PyValue } from '../python-value.js';
import { InputError } from '../../core/errors.js';
import { Frame, type Evaluator, type ModuleState } from './context.js';
import { parts } from './expressions.js';
import { resolveQualified } from './libraries.js';
import { Scope } from './scope.js';
import { PyRaise } from './signals.js';
import { execBlock } from './statements.js';
import { isStdlibModule } from './stdlib-modules.js';
import type { Origin } from './types.js';
import { ProjectModule } from './values.js';

interface ModuleFile {
  abs: string;
  package: boolean;
  /** A folder without __init__.py: a namespace package, with no code of its own. */
  namespace: boolean;
}

/** Regular package, then module file, then namespace package: the import system's order. */
function findModule(ev: Evaluator, dotted: string): ModuleFile | undefined {
  const path = dotted.split('.');
  const init = ev.sources.abs(...path, '__init__.py');
  if (ev.sources.isFile(init)) return { abs: init, package: true, namespace: false };
  const file = `${ev.sources.abs(...path)}.py`;
  if (ev.sources.isFile(file)) return { abs: file, package: false, namespace: false };
  const dir = ev.sources.abs(...path);
  if (ev.sources.isDir(dir)) return { abs: dir, package: true, namespace: true };
  return undefined;
}

/** Whether a top-level name is the project's own: a module or folder at the root. */
export function isProjectModule(ev: Evaluator, dotted: string): boolean {
  const top = dotted.split('.')[0]!;
  return ev.sources.isFile(`${ev.sources.abs(top)}.py`) || ev.sources.isDir(ev.sources.abs(top));
}

function missingModule(ev: Evaluator, dotted: string, site: Origin | undefined): never {
  const rel = dotted.replace(/\./g, '/');
  if (!site) throw new InputError(`settings module ${dotted} not found: there is no ${rel}.py or ${rel}/__init__.py under ${ev.root}`);
  // Inside a try (or a path that may not run) the ImportError is the program's to handle.
  if (ev.tryDepth > 0 || ev.speculative > 0) throw new PyRaise('ModuleNotFoundError', `No module named '${dotted}'`, site.file, site.line, true);
  throw new InputError(`${site.file}:${site.line}: cannot import ${dotted}: there is no ${rel}.py or ${rel}/__init__.py in the project`);
}

/** Loads (or returns the already loaded, possibly still loading) project module `dotted`. */
export function loadModule(ev: Evaluator, dotted: string, site?: Origin): ModuleState {
  const cached = ev.modules.get(dotted);
  if (cached) return cached;
  const path = dotted.split('.');
  const parent = path.length > 1 ? loadModule(ev, path.slice(0, -1).join('.'), site) : undefined;
  const found = findModule(ev, dotted);
  if (!found) return missingModule(ev, dotted, site);
  const file = found.namespace ? undefined : ev.sources.rel(found.abs);
  const state: ModuleState = { name: dotted, file, abs: found.abs, package: found.package ? dotted : path.slice(0, -1).join('.'), scope: new Scope() };
  const top: Origin = { file: file ?? path.join('/'), line: 1 };
  state.scope.set('__name__', dotted, top);
  state.scope.set('__package__', state.package, top);
  if (!found.namespace) state.scope.set('__file__', found.abs, top);
  ev.modules.set(dotted, state);
  if (file) {
    ev.files.push(file);
    const tree = ev.sources.parse(found.abs);
    execBlock(new Frame(ev, state, state.scope), tree.rootNode);
  }
  // Python makes a loaded submodule an attribute of its package.
  parent?.scope.set(path.at(-1)!, new ProjectModule(dotted, state.scope), top);
  return state;
}

/**
 * Imports of modules outside the project are recorded (not the standard library's). Django itself is
 * installed, or no settings would be loaded at all. Any other package is installed when the production
 * requirements declare it: inside a try, an undeclared one raises ModuleNotFoundError as it would on
 * the dyno, and one nothing tells about may or may not be there.
 */
function useExternal(frame: Frame, dotted: string): void {
  if (isStdlibModule(dotted)) return;
  const ev = frame.ev;
  ev.recordImport(dotted, frame.origin(), 'import');
  const top = dotted.split('.')[0]!;
  if (top === 'django') return;
  const installed = ev.installed?.(top);
  if (installed === true) return;
  if (installed === false && ev.tryDepth > 0) {
    throw new PyRaise('ModuleNotFoundError', `No module named '${top}': the production requirements do not declare it`, frame.file, frame.line, true);
  }
  ev.noteMayRaise('ModuleNotFoundError');
}

/** `import a.b.c`, `import a.b as c`. */
export function execImport(frame: Frame, node: Node): void {
  for (const item of node.childrenForFieldName('name')) {
    const nameNode = item.type === 'aliased_import' ? item.childForFieldName('name')! : item;
    const alias = item.type === 'aliased_import' ? item.childForFieldName('alias')!.text : undefined;
    const dotted = nameNode.text.replace(/\s+/g, '');
    const top = dotted.split('.')[0]!;
    if (isProjectModule(frame.ev, dotted)) {
      const state = loadModule(frame.ev, dotted, frame.origin());
      const bound = alias ? state : frame.ev.modules.get(top)!;
      frame.scope.set(alias ?? top, new ProjectModule(bound.name, bound.scope), frame.origin());
    } else {
      useExternal(frame, dotted);
      const module = alias ? dotted : top;
      frame.scope.set(alias ?? top, resolveQualified(frame, module), frame.origin(), { kind: 'import', module, file: frame.file, line: frame.line });
    }
  }
}

/** The absolute name of `from ..x import y` in the current module. */
function relativeTarget(frame: Frame, moduleNode: Node): string {
  const prefix = moduleNode.namedChildren.find((c) => c.type === 'import_prefix')?.text ?? '';
  const tail = moduleNode.namedChildren.find((c) => c.type === 'dotted_name')?.text.replace(/\s+/g, '');
  const base = frame.module.package ? frame.module.package.split('.') : [];
  const up = prefix.length - 1;
  if (base.length === 0 || up >= base.length) {
    throw new InputError(`${frame.file}:${frame.line}: relative import beyond the top of the project (${frame.module.name} is not inside a package)`);
  }
  return [...base.slice(0, base.length - up), ...(tail ? [tail] : [])].join('.');
}

/** `from m import a, b as c` and `from m import *`. */
export function execImportFrom(frame: Frame, node: Node): void {
  const moduleNode = node.childForFieldName('module_name')!;
  const relative = moduleNode.type === 'relative_import';
  const dotted = relative ? relativeTarget(frame, moduleNode) : moduleNode.text.replace(/\s+/g, '');
  const star = parts(node).some((c) => c.type === 'wildcard_import');
  const names = node.childrenForFieldName('name').map((item) =>
    item.type === 'aliased_import' ? { name: item.childForFieldName('name')!.text, alias: item.childForFieldName('alias')!.text } : { name: item.text.replace(/\s+/g, ''), alias: undefined },
  );
  if (!relative && !isProjectModule(frame.ev, dotted)) {
    useExternal(frame, dotted);
    if (star) frame.scope.opaqueStar = dotted;
    for (const { name, alias } of names) frame.scope.set(alias ?? name, resolveQualified(frame, `${dotted}.${name}`), frame.origin(), { kind: 'import', module: `${dotted}.${name}`, file: frame.file, line: frame.line });
    return;
  }
  const state = loadModule(frame.ev, dotted, frame.origin());
  if (star) return starImport(frame, state);
  for (const { name, alias } of names) importName(frame, state, name, alias);
}

/** Copies the public names (or `__all__`), keeping where each was set. */
function starImport(frame: Frame, state: ModuleState): void {
  const all = state.scope.bindings.get('__all__')?.value;
  const listed = Array.isArray(all) ? all : all instanceof PyTuple ? all.items : undefined;
  const names = listed ? listed.filter((n): n is string => typeof n === 'string') : [...state.scope.bindings.keys()].filter((n) => !n.startsWith('_'));
  for (const name of names) {
    const binding = state.scope.bindings.get(name);
    if (binding) frame.scope.bindings.set(name, binding);
  }
  if (state.scope.opaqueStar) frame.scope.opaqueStar ??= state.scope.opaqueStar;
}

function importName(frame: Frame, state: ModuleState, name: string, alias: string | undefined): void {
  const binding = state.scope.bindings.get(name);
  if (binding) {
    frame.scope.bindings.set(alias ?? name, binding);
    return;
  }
  const submodule = `${state.name}.${name}`;
  if (frame.ev.modules.has(submodule) || findModule(frame.ev, submodule)) {
    const loaded = loadModule(frame.ev, submodule, frame.origin());
    frame.scope.set(alias ?? name, new ProjectModule(loaded.name, loaded.scope), frame.origin());
    return;
  }
  let value: PyValue | undefined;
  if (state.scope.opaqueStar) value = frame.unknown(`${name} may come from \`from ${state.scope.opaqueStar} import *\``);
  if (value === undefined) throw new PyRaise('ImportError', `cannot import name '${name}' from '${state.name}'`, frame.file, frame.line, true);
  frame.scope.set(alias ?? name, value, frame.origin());
}
