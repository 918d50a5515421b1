import { resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { Redactor, withRedactedErrors } from '../core/redact.js';
import { csrfFailureViewFacts } from '../django/csrf-view.js';
import type { CsrfViewFacts } from '../django/facts.js';
import { middlewareOf, staticStorage } from '../codebase/static-files.js';
import type { HerokuFacts } from '../heroku/facts.js';
import { readChecklistCode, rootUrlconfFile, type ChecklistCode } from '../project/checklist-code.js';
import { readDotenvFile } from '../project/dotenv.js';
import { PythonSources } from '../project/python-sources.js';
import { readStaticServing } from '../project/static-serving.js';
import type { DjangoVersion, ProjectFacts, PythonPastCap } from '../project/types.js';
import type { PythonInterpreter } from '../python/interpreter.js';
import { gatherVersionsFacts } from '../versions/gather.js';
import type { VersionsFacts } from '../versions/versions-facts.js';
import { chooseDjangoVersion } from './django-version.js';
import { withDynoEnvironment } from './dyno-environment.js';
import type { CheckOptions } from './options.js';
import { appJsonEnvironment } from './app-json-environment.js';
import { undeclaredRequiredReads } from '../codebase/app-json.js';
import { beginProjectRead, envReadsUnder, evaluateProjectSettings, readProject, unevaluated, type EvaluatedSettings, type ProjectReadStart } from './project-facts.js';
import { secretValues } from './secrets.js';

type AppFacts = Awaited<ReturnType<typeof import('./app-facts.js').appFacts>>;

/**
 * Everything `implanta check` knows, built once and frozen before any rule runs: the project (with its
 * settings evaluation), the one Django version every family judges by, the app when one was given, and
 * the versions facts. Rules read it; nothing patches it afterwards.
 */
export interface CheckFacts {
  readonly project: Readonly<ProjectFacts> & Required<Pick<ProjectFacts, 'evaluation' | 'django' | 'settingsModule'>>;
  readonly django: DjangoVersion;
  readonly app?: Readonly<HerokuFacts>;
  /** The app's host names (its herokuapp.com domain and custom domains). */
  readonly appHosts: readonly string[];
  readonly versions: Readonly<VersionsFacts>;
  readonly csrfFailureView?: CsrfViewFacts;
  /** What the project's models, views and root URLconf do (upload fields, mail, media URLs, error handlers). */
  readonly code: Readonly<ChecklistCode>;
}

export interface GatheredCheck {
  facts: CheckFacts;
  redactor: Redactor;
  /** Variables a dyno has that were assumed (DYNO, PORT…), for the report. */
  assumedEnvironment: Record<string, string>;
  /** The environment Python children get (`--django`). */
  childEnv: Record<string, string>;
  interpreter?: PythonInterpreter;
  /** `--settings-source python` read the values, but the static pass stopped at this module past the parse cap. */
  staticsTooLarge?: PythonPastCap;
}

export async function gatherCheckFacts(opts: CheckOptions): Promise<GatheredCheck> {
  const progress = opts.progress ?? (() => {});
  const fileEnv = opts.envFile ? readDotenvFile(resolve(opts.envFile), opts.envFile) : {};
  // The API client and the Python runners load only when asked for: start-up time is part of the budget.
  const appPending = opts.app ? import('./app-facts.js').then((m) => m.appFacts(opts.app!, opts.apiUrl, progress, opts.today)) : undefined;
  const start = beginProjectRead(resolve(opts.dir));
  const app = await appPending;
  const given = { ...(app?.facts.configVars ?? {}), ...fileEnv, ...opts.env };
  const redactor = new Redactor(secretValues(given));
  // Every dyno has DYNO, PORT and the buildpack's variables: the settings are read as a dyno runs them.
  const dyno = withDynoEnvironment(given);
  // Past this point errors may quote what the settings or the project's Python printed.
  return withRedactedErrors(redactor, () => gatherWithEnvironment(opts, start, app, redactor, dyno));
}

async function gatherWithEnvironment(
  opts: CheckOptions,
  start: ProjectReadStart,
  app: AppFacts | undefined,
  redactor: Redactor,
  dyno: ReturnType<typeof withDynoEnvironment>,
): Promise<GatheredCheck> {
  const progress = opts.progress ?? (() => {});
  progress('Reading the project…');
  const read = await readProject(start, dyno.env, opts.settingsModule, [...opts.hosts, ...(app?.hosts ?? [])]);
  if (!read.settingsModule && !read.settingsUnnamed) {
    throw new InputError(`${opts.dir}: no manage.py and no settings module named (give the folder that holds manage.py, or pass --settings MODULE)`);
  }
  // `manage.py check --deploy` needs a module to run with. `--settings-source python` alone does not
  // refuse: with nothing to import, the report is static mode's (the rules that need no settings, and
  // codebase.settings-module saying why none were read), as when the module named is not in the project.
  if (read.settingsUnnamed && opts.runDjango) throw new InputError(unnamedForDjango(read));
  const settingsModule = read.settingsModule ?? '';

  progress(`Evaluating ${settingsModule}…`);
  // Flag or pin is known before evaluating, so `if django.VERSION >= (4, 2):` in settings is decided.
  const before = chooseDjangoVersion(opts.djangoVersion, undefined, read.dependencies);
  // A module that is not in the project cannot be evaluated: the rules that need no settings still run.
  const { evaluation, installedDjango, interpreter, installedModules, tooLarge, staticsTooLarge }: EvaluatedSettings = read.settingsMissing || read.settingsUnnamed
    ? { evaluation: unevaluated(settingsModule, read.settingsMissing?.file ?? read.managePy ?? 'manage.py') }
    : await evaluateProjectSettings({ ...read, django: before }, opts, dyno.childEnv);
  const django = installedDjango ? chooseDjangoVersion(opts.djangoVersion, installedDjango, read.dependencies) : before;
  const staticServing = readStaticServing(read.root, read.files, middlewareOf(evaluation.settings), staticStorage(evaluation.settings, django));
  const settingsRead = !read.settingsMissing && !read.settingsUnnamed && !tooLarge;
  // What an app made from app.json would read, in its own environment rather than the one given here:
  // asked only when the reads made here would have codebase.app-json report a variable (a second
  // evaluation costs as much as the first), to keep the reports that an app made from it would not make.
  const manifest = read.appJson && !read.appJson.problem ? read.appJson : undefined;
  const recheck = settingsRead && !staticsTooLarge && manifest !== undefined && undeclaredRequiredReads(manifest, evaluation.envReads).length > 0;
  const appJsonEnvReads = recheck ? await envReadsUnder(appJsonEnvironment(manifest), { ...read, django: before }) : undefined;
  const project = Object.freeze({ ...read, settingsModule, django, evaluation, staticServing, ...(installedModules && { installedModules }), ...(tooLarge && { settingsTooLarge: tooLarge }), ...(appJsonEnvReads && { appJsonEnvReads }) });
  // Views, models and URLconfs are read and parsed once, whichever facts are drawn from them.
  const sources = new PythonSources(project.root);
  const csrfFailureView = await csrfFailureViewFacts(project.root, evaluation.settings, sources);
  const code = await readChecklistCode(sources, project.files, rootUrlconfFile(project.files, evaluation.settings.get('ROOT_URLCONF')?.value));

  progress('Reading versions…');
  // Offline on purpose: check stays fast and quiet; `implanta versions` asks PyPI and OSV.
  const appStack = app?.facts.app.stack?.name;
  const versions = await gatherVersionsFacts({
    root: project.root,
    offline: true,
    dependencies: project.dependencies,
    python: project.python,
    django,
    ...(opts.today && { today: opts.today }),
    ...(project.appJson?.stack && { manifestStack: { name: project.appJson.stack, file: project.appJson.file, line: project.appJson.stackLine ?? 1 } }),
    ...(appStack && {
      app: {
        stack: appStack,
        ...(app.facts.app.build_stack?.name && { buildStack: app.facts.app.build_stack.name }),
        ...(app.facts.app.generation?.name?.toLowerCase() === 'fir' && { fir: true }),
      },
    }),
  });

  const facts: CheckFacts = Object.freeze({
    project,
    django,
    // The settings' environment reads go with the app once, here: heroku.config and heroku.postgres read them
    // (unknown, not none, when no settings could be read).
    ...(app && { app: Object.freeze({ ...app.facts, ...(settingsRead && !staticsTooLarge && { settingsEnvReads: evaluation.envReads }) }) }),
    appHosts: Object.freeze(app?.hosts ?? []),
    versions: Object.freeze(versions),
    ...(csrfFailureView && { csrfFailureView }),
    code: Object.freeze(code),
  });
  return { facts, redactor, assumedEnvironment: dyno.assumed, childEnv: dyno.childEnv, ...(interpreter && { interpreter }), ...(staticsTooLarge && { staticsTooLarge }) };
}

/** Why --django has no module to run `manage.py check --deploy` with, and what to pass. */
function unnamedForDjango(read: ProjectFacts): string {
  const pass = 'pass --settings MODULE (or --env DJANGO_SETTINGS_MODULE=MODULE)';
  const unread = read.settingsScriptsUnread ?? [];
  if (unread.length === 0) return `${read.managePy}: nothing names a settings module (no default in manage.py or wsgi.py, no DJANGO_SETTINGS_MODULE given), so --django has none to run manage.py check --deploy with: ${pass}`;
  const files = unread.map((u) => `${u.file} (${u.why})`).join(' and ');
  return `${files} could not be read and nothing else names a settings module, so --django has none to run manage.py check --deploy with: ${pass}`;
}
