/** What the codebase rules share: reading settings from the facts, and saying "cannot tell". */
import type { Report, Skip } from '../core/rule.js';
import type { Unknown } from '../project/python-value.js';
import type { Binding, EnvRead, SettingsEvaluation, SettingsView } from '../project/settings/types.js';
import type { ProjectFacts } from '../project/types.js';

const DEV_CENTER = 'https://devcenter.heroku.com/articles/';
export const devCenter = (article: string): string => DEV_CENTER + article;

export const NO_SETTINGS: Skip = { skip: 'the settings module was not evaluated' };

export function settingsOf(facts: ProjectFacts): SettingsView | undefined {
  return facts.evaluation?.settings;
}

/** Where a finding about a setting points: where it was set, else the settings module itself. */
export function placeOf(settings: SettingsView, binding: Binding | undefined): { file: string; line?: number } {
  return binding ? { file: binding.origin.file, line: binding.origin.line } : { file: settings.file };
}

/** The info report for a value the static evaluator could not determine. */
export function cannotTell(what: string, unknown: Unknown, binding?: Binding): Report {
  const file = unknown.file ?? binding?.origin.file;
  const line = unknown.file !== undefined ? unknown.line : binding?.origin.line;
  return {
    messageId: 'cannot-tell',
    severity: 'info',
    message: `cannot tell ${what}: ${unknown.reason}`,
    hint: 'Pass the production environment (--env, --env-file or --app), or use --settings-source python to import the settings for real.',
    ...(file !== undefined && { file }),
    ...(line !== undefined && { line }),
  };
}

/**
 * The environment reads made by the statement that set a binding: the reads in its file from its
 * line up to the next statement that set a setting. A value with such a read came from the
 * environment (or from the read's default when the variable is not set).
 */
export function envReadsOf(evaluation: SettingsEvaluation, binding: Binding): EnvRead[] {
  const { file, line } = binding.origin;
  const settings = evaluation.settings;
  const next = Math.min(
    ...settings
      .names()
      .map((n) => settings.get(n)?.origin)
      .filter((o) => o !== undefined && o.file === file && o.line > line)
      .map((o) => o!.line),
  );
  return evaluation.envReads.filter((r) => r.file === file && r.line >= line && r.line < next);
}

/** `os.environ['X']`, `env('X')`, `config('X')`: how a read looks in the user's code. */
export function describeRead(read: EnvRead): string {
  if (read.via === 'os.environ') return `os.environ['${read.name}']`;
  if (read.via === 'os.getenv') return `os.getenv('${read.name}')`;
  const call = read.via.split('.').at(-1)!;
  return `${call === 'Env' ? 'env' : call}('${read.name}')`;
}
