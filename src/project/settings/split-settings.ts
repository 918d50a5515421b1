/**
 * django-split-settings: `include('components/base.py', optional('local.py'), scope=globals())` runs
 * each file, in order, in the settings module's own namespace, as if its text were written there.
 * Paths are relative to the file that includes them and may hold shell wildcards (`components/*.py`);
 * a path that matches no file raises OSError (the app does not boot) unless wrapped in optional().
 * Each file runs once per namespace. What it sets has the included file's lines as its origin.
 */
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { PyOpaque, Unknown, type PyValue } from '../python-value.js';
import { Frame, type Call, type CallHandler } from './context.js';
import type { Scope } from './scope.js';
import { PyRaise } from './signals.js';
import { execBlock } from './statements.js';
import { ScopeRef } from './values.js';

/** optional('local.py'): a path that may match nothing. */
class OptionalPath extends PyOpaque {
  constructor(readonly path: PyValue) {
    super('split_settings.tools.optional');
  }
}

/** The files each namespace has run already (django-split-settings keeps the list in the scope too). */
const included = new WeakMap<Scope, Set<string>>();

function include(call: Call): PyValue {
  const { frame, node } = call;
  const { ev } = frame;
  const target = call.args.keywords.get('scope');
  const scope = target instanceof ScopeRef ? target.scope : frame.module.scope;
  const from = dirname(ev.sources.abs(frame.file));
  const done = included.get(scope) ?? new Set<string>();
  included.set(scope, done);
  for (const arg of call.args.positional) {
    const optional = arg instanceof OptionalPath;
    const pattern = optional ? arg.path : arg;
    if (pattern instanceof Unknown) return pattern;
    if (typeof pattern !== 'string') {
      ev.noteMayRaise();
      return frame.unknown('include() of a path that is not a string', node);
    }
    const files = matching(frame, join(from, pattern));
    if (files instanceof Unknown) return files;
    if (!files.length) {
      if (optional) continue;
      throw new PyRaise('OSError', `No such file: ${pattern} (included by ${frame.file})`, frame.file, frame.line);
    }
    for (const abs of files) {
      if (done.has(abs)) continue;
      done.add(abs);
      const file = ev.sources.rel(abs);
      if (!ev.files.includes(file)) ev.files.push(file);
      const tree = ev.sources.parse(abs);
      // The included text runs in the including module's namespace; its lines are its own file's.
      execBlock(new Frame(ev, { ...frame.module, file, abs, literals: undefined }, scope), tree.rootNode);
    }
  }
  return null;
}

/** The project files a path names: itself, or what its wildcards (in the file name only) match, sorted. */
function matching(frame: Frame, abs: string): string[] | Unknown {
  const { sources } = frame.ev;
  if (!sources.inTree(abs)) return frame.unknown(`include() of ${abs}, outside the project`);
  const name = basename(abs);
  if (!/[*?[]/.test(name)) return sources.isFile(abs) ? [abs] : [];
  const folder = dirname(abs);
  if (/[*?[]/.test(folder)) return frame.unknown(`include() of ${sources.rel(abs)}: a wildcard in a folder name`);
  if (!sources.isDir(folder)) return [];
  const pattern = new RegExp(`^${name.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  return names
    .filter((n) => pattern.test(n) && !n.startsWith('.'))
    .sort()
    .map((n) => join(folder, n))
    .filter((path) => sources.isFile(path));
}

export const splitSettingsHandlers: Record<string, CallHandler> = {
  'split_settings.tools.include': include,
  'split_settings.tools.optional': (call) => new OptionalPath(call.args.positional[0] ?? null),
};
