import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ProjectFacts, PythonPastCap } from '../project/types.js';
import type { EnvRead, SettingsEvaluation, SettingsView } from '../project/settings/types.js';
import { gitTrackedFiles, listFiles } from '../project/discover.js';
import { readBuildFiles } from '../project/build-files.js';
import { readProcessScripts } from '../project/process-scripts.js';
import { locateProject } from '../project/build-root.js';
import { readGunicornConfig } from '../project/gunicorn-config.js';
import { summariseDotenvFiles } from '../project/dotenv-files.js';
import { chooseSettingsModule, collectSettingsCandidates } from '../project/settings-candidates.js';
import { evaluateSettings } from '../project/settings/evaluate.js';
import { PythonTooLarge } from '../project/settings/sources.js';
import { placeModule } from '../codebase/dependency-names.js';
import type { PythonInterpreter } from '../python/interpreter.js';
import type { InstalledModules } from '../python/installed-modules.js';
import type { CheckOptions } from './options.js';

/** The reads that need no environment, started at once so they overlap the app's API round. */
export interface ProjectReadStart {
  root: string;
  /** The folder Heroku builds, when it is not the project root (a monorepo: project/build-root.ts). */
  buildRoot?: string;
  /** Where the project root sits inside the build root (`web` when manage.py is in web/). */
  buildPrefix?: string;
  files: string[];
  tracked: Promise<string[] | undefined>;
}

export function beginProjectRead(dir: string): ProjectReadStart {
  const { root, buildRoot, buildPrefix } = locateProject(dir);
  // git's file list comes in the background (when git itself must be asked). The Python parser loads
  // only when a file is not in the parse cache (src/project/settings/parse-cache.ts).
  const tracked = gitTrackedFiles(root);
  return { root, ...(buildPrefix && { buildRoot, buildPrefix }), files: listFiles(root), tracked };
}

/** Everything the codebase says without running it; the settings evaluation is added after. */
export async function readProject(start: ProjectReadStart, env: Record<string, string>, override: string | undefined, hosts: string[]): Promise<ProjectFacts> {
  const { root, files } = start;
  const gunicornConfig = await readGunicornConfig(root);
  // Heroku reads these where it builds: above manage.py's folder in a monorepo.
  const build = readBuildFiles(root, start.buildRoot ?? root, env, files);
  const { procfile } = build;
  const managePy = existsSync(join(root, 'manage.py')) ? 'manage.py' : undefined;
  const settingsScriptsUnread: Array<{ file: string; why: string }> = [];
  const candidates = await collectSettingsCandidates({ root, files, ...(managePy && { managePy }), ...(procfile && { procfile }), env, ...(override && { override }), unread: settingsScriptsUnread });
  const choice = chooseSettingsModule(candidates, override);
  const { dependencies, python, appJson, container, buildHooks, buildRootPython } = build;
  const tracked = await start.tracked;
  // Scripts a process runs are read where the Procfile is: only when that is the project root (a
  // monorepo's build-root scripts are not read, and say nothing).
  const processScripts = procfile && !start.buildRoot ? readProcessScripts(root, procfile, files) : undefined;
  return {
    root,
    files,
    ...(tracked && { tracked }),
    ...(managePy && { managePy }),
    candidates,
    ...(choice.module && { settingsModule: choice.module }),
    ...(choice.missing && { settingsMissing: choice.missing }),
    ...(!choice.module && managePy && { settingsUnnamed: true as const }),
    ...(settingsScriptsUnread.length > 0 && { settingsScriptsUnread }),
    ...(procfile && { procfile }),
    ...(processScripts?.length && { processScripts }),
    ...(dependencies && { dependencies }),
    ...(python && { python }),
    ...(appJson && { appJson }),
    ...(container && { container }),
    env,
    hosts,
    ...(gunicornConfig && { gunicornConfig }),
    dotenvFiles: summariseDotenvFiles(root, files),
    buildHooks,
    ...(start.buildRoot && { buildRoot: start.buildRoot }),
    ...(start.buildPrefix && { buildPrefix: start.buildPrefix }),
    ...(buildRootPython && { buildRootPython }),
  };
}

export interface EvaluatedSettings {
  evaluation: SettingsEvaluation;
  /** Static mode: the settings (or a module they import) are past the parse cap, so nothing was evaluated. */
  tooLarge?: PythonPastCap;
  /**
   * `--settings-source python`: the values came from Python, but the static pass (which variables the
   * settings read, which modules they import) stopped at a module past the parse cap.
   */
  staticsTooLarge?: PythonPastCap;
  /** Set when the settings were imported for real: the Django that did it. */
  installedDjango?: string;
  /** The interpreter used, when one was (`--python`, `--settings-source python` or `--django`). */
  interpreter?: PythonInterpreter;
  /** What its installed packages say they provide (module → distributions). */
  installedModules?: InstalledModules;
}

/** "/usr/bin/python3 (python3 on PATH, Django 3.2.25)": the report always says which Python ran. */
export function describeInterpreter(i: PythonInterpreter): string {
  return `${i.path} (${i.how}${i.django ? `, Django ${i.django}` : ''})`;
}

/** Static evaluation by default; the project's own Python when asked (and then it says which). */
/**
 * What the dyno has installed, from the production requirements: a module is there when a declared
 * distribution provides it or brings it along. Without a dependency file nothing can be told.
 */
function installedModules(project: ProjectFacts, table?: InstalledModules): ((module: string) => boolean | undefined) | undefined {
  const deps = project.dependencies;
  if (!deps || deps.problems.length > 0) return undefined;
  return (module) => {
    const placed = placeModule(deps, module, table);
    if (placed.declared || placed.broughtBy) return true;
    // A module implanta cannot place may come from any declared package: neither way is certain.
    return placed.known ? false : undefined;
  };
}

export async function evaluateProjectSettings(project: ProjectFacts, opts: CheckOptions, childEnv: Record<string, string> = project.env): Promise<EvaluatedSettings> {
  const module = project.settingsModule!;
  // An interpreter, when there is one to ask (--python names it), tells which package provides a module.
  const needsPython = opts.settingsSource === 'python' || opts.runDjango || opts.python !== undefined;
  const interpreter = needsPython ? await (await import('../python/interpreter.js')).findPython({ root: project.root, ...(opts.python && { explicit: opts.python }) }) : undefined;
  const table = interpreter && (await (await import('../python/installed-modules.js')).readInstalledModules(interpreter.path, project.root));
  const installed = installedModules(project, table);
  const extra = { ...(interpreter && { interpreter }), ...(table && { installedModules: table }) };
  const evaluateStatically = () => evaluateSettings({ root: project.root, module, env: project.env, ...(project.django && { django: project.django }), ...(installed && { installed }) });
  if (opts.settingsSource === 'python') {
    const { settingsFromPython } = await import('../python/settings-from-python.js');
    const { settings, djangoVersion } = await settingsFromPython({ python: interpreter!.path, root: project.root, module, env: childEnv });
    const statics = await tooLargeOr(evaluateStatically);
    // Real values, but the static pass still knows which variables were read and which modules imported.
    if (statics instanceof PythonTooLarge) {
      return { evaluation: { ...unevaluated(module, settings.file), settings }, staticsTooLarge: pastCap(statics, project.root, module), installedDjango: djangoVersion, ...extra };
    }
    return { evaluation: { ...statics, settings }, installedDjango: djangoVersion, ...extra };
  }
  const evaluation = await tooLargeOr(evaluateStatically);
  if (evaluation instanceof PythonTooLarge) {
    return { evaluation: unevaluated(module, settingsModuleFile(project.root, module)), tooLarge: pastCap(evaluation, project.root, module), ...extra };
  }
  return { evaluation, ...extra };
}

/**
 * The environment variables the settings read under another environment (an app made from app.json),
 * by a second static evaluation; undefined when that evaluation cannot be made (the caller keeps the
 * reads it has).
 */
export async function envReadsUnder(env: Record<string, string>, project: ProjectFacts): Promise<EnvRead[] | undefined> {
  try {
    const evaluation = await evaluateSettings({ root: project.root, module: project.settingsModule!, env, ...(project.django && { django: project.django }) });
    return evaluation.envReads;
  } catch {
    return undefined;
  }
}

/** The evaluation, or the module past the parse cap that stopped it (any other error goes on up). */
async function tooLargeOr(evaluate: () => Promise<SettingsEvaluation>): Promise<SettingsEvaluation | PythonTooLarge> {
  try {
    return await evaluate();
  } catch (error) {
    if (error instanceof PythonTooLarge) return error;
    throw error;
  }
}

function pastCap(error: PythonTooLarge, root: string, module: string): PythonPastCap {
  return { file: error.file, bytes: error.bytes, ...(error.file !== settingsModuleFile(root, module) && { importedBy: module }) };
}

/** The file of a settings module known to be in the project: its package's __init__.py, or MODULE.py. */
function settingsModuleFile(root: string, module: string): string {
  const rel = module.split('.').join('/');
  return existsSync(join(root, rel, '__init__.py')) ? `${rel}/__init__.py` : `${rel}.py`;
}

/** Settings that could not be read at all: nothing set, nothing read (settings missing, unnamed or too large). */
export function unevaluated(module: string, file: string): SettingsEvaluation {
  const settings: SettingsView = { module, file, source: 'static', get: () => undefined, names: () => [] };
  return { settings, envReads: [], imports: [], files: [], dotenvFilesRead: [], provenance: () => undefined };
}
