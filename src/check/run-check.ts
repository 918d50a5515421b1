import { resolve } from 'node:path';
import type { Finding, Skipped } from '../core/finding.js';
import { runRules, silence } from '../core/engine.js';
import { InputError } from '../core/errors.js';
import { Redactor } from '../core/redact.js';
import { buildCheckReport, type CheckReport } from '../report/check-report.js';
import { readDotenvFile } from '../project/dotenv.js';
import { sequenceItems } from '../project/python-value.js';
import type { SettingsEvaluation, SettingsView } from '../project/settings/types.js';
import type { DjangoVersion } from '../project/types.js';
import { djangoRules } from '../django/index.js';
import { csrfFailureViewFacts } from '../django/csrf-view.js';
import { middlewareOf } from '../codebase/static-files.js';
import { readStaticServing } from '../project/static-serving.js';
import { codebaseRules } from '../codebase/index.js';
import { checklistRules } from '../codebase/checklist/index.js';
import { gatherChecklistFacts } from './checklist-facts.js';
import { gatherVersionsFacts } from '../versions/gather.js';
import { versionsRules } from '../versions/rules/index.js';
import type { CheckOptions } from './options.js';
import { beginProjectRead, describeInterpreter, evaluateProjectSettings, readProject } from './project-facts.js';
import { chooseDjangoVersion, versionLabel } from './django-version.js';
import { secretValues } from './secrets.js';
import { withDynoEnvironment } from './dyno-environment.js';
import { mergeDjangoFindings } from './merge-django.js';

export interface CheckOutcome {
  report: CheckReport;
  /** Masks the run's secrets: every rendering of the report goes through it. */
  redactor: Redactor;
  /** Where SARIF places findings that have no file of their own. */
  fallbackFile: string;
  /** The evaluated settings and the Django version whose defaults fill the gaps (the deploy's smoke expectations). */
  settings: SettingsView;
  django: DjangoVersion;
}

/**
 * `implanta check`: gather every fact once (the app's API facts in one concurrent round when an app is
 * given, because its config vars are the environment the settings are evaluated under), then run each
 * rule family over them.
 */
export async function runCheck(opts: CheckOptions): Promise<CheckOutcome> {
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
  const env = dyno.env;

  progress('Reading the project…');
  const project = await readProject(start, env, opts.settingsModule, [...opts.hosts, ...(app?.hosts ?? [])]);
  if (!project.settingsModule) {
    throw new InputError(`${project.managePy ?? 'manage.py'}: no settings module found (set DJANGO_SETTINGS_MODULE in manage.py or pass --settings MODULE)`);
  }

  progress(`Evaluating ${project.settingsModule}…`);
  // The pinned version is known before evaluating, so `if django.VERSION >= (4, 2):` in settings is decided.
  project.django = chooseDjangoVersion(opts.djangoVersion, undefined, project.dependencies);
  const { evaluation, installedDjango, interpreter } = await evaluateProjectSettings(project, opts, dyno.childEnv);
  const python = interpreter && describeInterpreter(interpreter);
  project.evaluation = evaluation;
  if (installedDjango) project.django = chooseDjangoVersion(opts.djangoVersion, installedDjango, project.dependencies);

  progress('Running the rules…');
  const csrfFailureView = await csrfFailureViewFacts(project.root, evaluation.settings);
  project.staticServing = readStaticServing(project.root, project.files, middlewareOf(evaluation.settings));
  const django = runRules(djangoRules, { settings: evaluation.settings, version: project.django, env, ...(csrfFailureView && { csrfFailureView }) });
  const codebase = runRules(codebaseRules, project);
  const checklist = runRules(checklistRules, await gatherChecklistFacts(project, evaluation, project.django, app?.facts));
  let findings: Finding[] = [...django.findings, ...codebase.findings, ...checklist.findings];
  const skipped: Skipped[] = [...django.skipped, ...codebase.skipped, ...checklist.skipped];

  progress('Reading versions…');
  // Offline on purpose: check stays fast and quiet; `implanta versions` asks PyPI and OSV.
  const versionsFacts = await gatherVersionsFacts({ root: project.root, offline: true, dependencies: project.dependencies, ...(opts.today && { today: opts.today }) });
  // In check, heroku.stack judges the app's stack; versions.stack (for `implanta versions -a`) would say it twice.
  const versions = runRules(versionsRules.filter((r) => r.meta.id !== 'versions.stack'), versionsFacts);
  findings.push(...versions.findings);
  skipped.push(...versions.skipped);

  if (app) {
    const heroku = (await import('./app-facts.js')).herokuFindings(app.facts, project, evaluation);
    findings.push(...heroku.findings);
    skipped.push(...heroku.skipped);
  } else {
    skipped.push({ rule: 'heroku.*', reason: 'no app given (pass --app APP for the production check)' });
  }

  if (opts.runDjango) {
    progress('Running manage.py check --deploy…');
    const { runDjangoCheckDeploy } = await import('../python/django-check.js');
    const real = await runDjangoCheckDeploy({ python: interpreter!.path, root: project.root, module: project.settingsModule, env: dyno.childEnv });
    findings = mergeDjangoFindings(findings, real);
  }

  findings = silence(findings, silencedChecks(evaluation));
  progress('Done.');
  const report = buildCheckReport(
    {
      root: project.root,
      settings_module: project.settingsModule,
      django: versionLabel(project.django),
      settings_source: evaluation.settings.source,
      ...(python && { python }),
      ...(opts.app && { app: opts.app }),
      ...(Object.keys(dyno.assumed).length > 0 && { assumed_environment: dyno.assumed }),
      ...(project.django.source === 'assumed' && {
        django_assumed: `no Django version is pinned in ${project.dependencies?.file ?? 'any dependency file'}: the rules of Django ${versionLabel(project.django)}, the newest series implanta knows, were applied (pass --django-version X.Y to choose)`,
      }),
    },
    findings,
    skipped,
  );
  return { report, redactor, fallbackFile: evaluation.settings.file, settings: evaluation.settings, django: project.django };
}

function silencedChecks(evaluation: SettingsEvaluation): Set<string> {
  const value = evaluation.settings.get('SILENCED_SYSTEM_CHECKS')?.value ?? null;
  return new Set((sequenceItems(value) ?? []).filter((v): v is string => typeof v === 'string'));
}
