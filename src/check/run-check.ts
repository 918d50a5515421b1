import type { Finding, Skipped } from '../core/finding.js';
import { runRules, silence, type RuleRun } from '../core/engine.js';
import { withRedactedErrors, type Redactor } from '../core/redact.js';
import { buildCheckReport, type CheckReport } from '../report/check-report.js';
import { sequenceItems } from '../project/python-value.js';
import type { SettingsEvaluation, SettingsView } from '../project/settings/types.js';
import type { DjangoVersion } from '../project/types.js';
import { djangoRules } from '../django/index.js';
import { codebaseRules } from '../codebase/index.js';
import { checklistRules } from '../codebase/checklist/index.js';
import { checklistFactsOf } from './checklist-facts.js';
import { djangoFactsOf } from './django-facts.js';
import { versionsRules } from '../versions/rules/index.js';
import type { CheckOptions } from './options.js';
import { gatherCheckFacts, type CheckFacts } from './check-facts.js';
import { describeInterpreter } from './project-facts.js';
import { versionLabel } from './django-version.js';
import { mergeDjangoFindings } from './merge-django.js';
import { sizeLabel } from '../project/project-file.js';
import type { RuleInput, RuleMeta } from '../core/rule.js';

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
 * `implanta check`: gather every fact once into one frozen structure (the app's API facts in one
 * concurrent round when an app is given, because its config vars are the environment the settings are
 * evaluated under), then run each rule family over it. Each fact has one owner among the rules (see
 * DESIGN.md), so no family's findings are filtered here.
 */
export async function runCheck(opts: CheckOptions): Promise<CheckOutcome> {
  const progress = opts.progress ?? (() => {});
  const { facts, redactor, assumedEnvironment, childEnv, interpreter, staticsTooLarge } = await gatherCheckFacts(opts);
  const { project, django: version } = facts;
  const { evaluation } = project;

  progress('Running the rules…');
  // Rules that judge by what only the static pass knows (the variables the settings read, the modules
  // they import, a raise at import) would judge by nothing with the values from Python alone (DATABASES
  // "written in the settings" because no read of DATABASE_URL was seen), so they skip.
  const withStatics = (rule: { meta: RuleMeta }) => !staticsTooLarge || !reads(rule, 'settings-reads');
  const unread = settingsUnread(project);
  const runs: RuleRun[] = unread
    ? [
        // No settings were read: the rules that need none run; codebase.settings-module says why.
        runRules(codebaseRules, { ...project, evaluation: undefined }),
        runRules(versionsRules, facts.versions),
        { findings: [], skipped: [{ rule: opts.runDjango ? 'checklist.* (security.* only from manage.py check --deploy)' : 'security.*, checklist.*', reason: unread }] },
      ]
    : [
        runRules(djangoRules, djangoFactsOf(facts)),
        runRules(codebaseRules.filter(withStatics), project),
        runRules(checklistRules.filter(withStatics), checklistFactsOf(facts)),
        runRules(versionsRules, facts.versions),
      ];
  if (facts.app) runs.push((await import('./app-facts.js')).herokuFindings(facts.app));
  let findings: Finding[] = runs.flatMap((r) => r.findings);
  const skipped: Skipped[] = runs.flatMap((r) => r.skipped);
  if (!unread && facts.code.unread.length > 0) {
    const files = facts.code.unread.map((u) => `${u.file} (${u.why})`);
    skipped.push({
      rule: ruleIds([...codebaseRules, ...checklistRules], 'project-code'),
      reason: `${files.slice(0, 3).join(', ')}${files.length > 3 ? ` and ${files.length - 3} more` : ''} could not be read: the upload fields, mail calls and error handlers there are not counted`,
    });
  }
  if (staticsTooLarge) {
    skipped.push({
      rule: ruleIds([...codebaseRules, ...checklistRules], 'settings-reads'),
      reason: `${staticsTooLarge.file} (${sizeLabel(staticsTooLarge.bytes)}) is more Python than implanta reads statically: the values came from Python, but which variables the settings read and which modules they import is not known`,
    });
  }
  if (!facts.app) skipped.push({ rule: 'heroku.*', reason: 'no app given (pass --app APP for the production check)' });

  if (opts.runDjango) {
    progress('Running manage.py check --deploy…');
    const { runDjangoCheckDeploy } = await import('../python/django-check.js');
    const real = await withRedactedErrors(redactor, () => runDjangoCheckDeploy({ python: interpreter!.path, root: project.root, module: project.settingsModule, env: childEnv }));
    findings = mergeDjangoFindings(findings, real);
  }

  findings = silence(findings, silencedChecks(evaluation));
  progress('Done.');
  const python = interpreter && describeInterpreter(interpreter);
  const report = buildCheckReport(
    {
      root: project.root,
      // Empty when nothing names a module: null in the report, which says "none" rather than a blank name.
      settings_module: project.settingsModule || null,
      django: versionLabel(version),
      settings_source: evaluation.settings.source,
      ...(python && { python }),
      ...(opts.app && { app: opts.app }),
      ...(Object.keys(assumedEnvironment).length > 0 && { assumed_environment: assumedEnvironment }),
      ...(version.source === 'assumed' && {
        django_assumed: `no Django version is pinned in ${project.dependencies?.file ?? 'any dependency file'}: the rules of Django ${versionLabel(version)}, the newest series implanta knows, were applied (pass --django-version X.Y to choose)`,
      }),
    },
    findings,
    skipped,
  );
  return { report, redactor, fallbackFile: evaluation.settings.file, settings: evaluation.settings, django: version };
}

/** Why no settings were read, when none were: the rules that need settings are skipped for it. */
function settingsUnread(project: CheckFacts['project']): string | undefined {
  if (project.settingsMissing) return `the settings module ${project.settingsMissing.module} is not in the project, so no settings were read`;
  if (project.settingsUnnamed && project.settingsScriptsUnread) return `${project.settingsScriptsUnread.map((u) => u.file).join(' and ')} could not be read and nothing else names a settings module, so no settings were read`;
  if (project.settingsUnnamed) return 'nothing names a settings module, so no settings were read';
  if (project.settingsTooLarge) return `${project.settingsTooLarge.file} (${sizeLabel(project.settingsTooLarge.bytes)}) is more Python than implanta reads statically, so no settings were read (--settings-source python imports them with Django)`;
  return undefined;
}

function silencedChecks(evaluation: SettingsEvaluation): Set<string> {
  const value = evaluation.settings.get('SILENCED_SYSTEM_CHECKS')?.value ?? null;
  return new Set((sequenceItems(value) ?? []).filter((v): v is string => typeof v === 'string'));
}

function reads(rule: { meta: RuleMeta }, input: RuleInput): boolean {
  return rule.meta.reads?.includes(input) ?? false;
}

/** The IDs of the rules that read an input, for a `skipped` entry. */
function ruleIds(rules: ReadonlyArray<{ meta: RuleMeta }>, input: RuleInput): string {
  return rules
    .filter((rule) => reads(rule, input))
    .map((rule) => rule.meta.id)
    .join(', ');
}
