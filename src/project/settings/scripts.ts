/**
 * Running a script of the project (manage.py, wsgi.py) with the same evaluator as the settings, to
 * learn what it leaves in the environment: which settings module it picks, when it picks one with
 * `if`/`elif` on a variable, or builds the name with `'config.settings.{}'.format(...)`.
 */
import { join } from 'node:path';
import { Unknown } from '../python-value.js';
import { Evaluator, Frame, type ModuleState } from './context.js';
import { Scope } from './scope.js';
import { type SourceFiles, withSourceFiles } from './sources.js';
import { execBlock } from './statements.js';

export interface ScriptRun {
  /** The variable's value when the script is done; Unknown when a branch it cannot decide set it; undefined when unset. */
  value: string | Unknown | undefined;
  /** The environment variables the script read on the way (DJANGO_ENV…), in order. */
  reads: string[];
}

/**
 * Runs `file` (relative to `root`) as `__main__` (manage.py) or as module `name` (wsgi.py) under
 * `env`, and gives what `variable` holds at the end. Undefined when the script cannot be read or
 * evaluated at all: the caller falls back to reading it literally.
 */
export async function runScriptFor(
  root: string,
  file: string,
  name: string,
  env: Readonly<Record<string, string>>,
  variable: string,
  /** Shared by runs of the same script, so it is read and parsed once (the caller then runs withSourceFiles). */
  sources?: SourceFiles,
): Promise<ScriptRun | undefined> {
  if (!sources) return withSourceFiles(root, (own) => runScriptWith(own, root, file, name, env, variable));
  return runScriptWith(sources, root, file, name, env, variable);
}

function runScriptWith(
  sources: SourceFiles,
  root: string,
  file: string,
  name: string,
  env: Readonly<Record<string, string>>,
  variable: string,
): ScriptRun | undefined {
  const abs = join(root, file);
  if (!sources.isFile(abs)) return undefined;
  const ev = new Evaluator(root, new Map(Object.entries(env)), sources);
  const dotted = name === '__main__' ? [] : name.split('.');
  const state: ModuleState = { name, file, abs, package: dotted.slice(0, -1).join('.'), scope: new Scope() };
  const top = { file, line: 1 };
  state.scope.set('__name__', name, top);
  state.scope.set('__file__', abs, top);
  state.scope.set('__package__', state.package || null, top);
  ev.modules.set(name, state);
  try {
    execBlock(new Frame(ev, state, state.scope), sources.parse(abs).rootNode);
  } catch {
    // A script the evaluator cannot follow at all (a syntax error, an import it cannot find) is read literally instead.
    return undefined;
  }
  const value = ev.environ.get(variable);
  const reads = [...new Set(ev.envReads.map((r) => r.name).filter((n) => n !== variable))];
  return { value, reads };
}
