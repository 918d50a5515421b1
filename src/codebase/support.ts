/** What the codebase rules share: reading settings from the facts, and saying "cannot tell". */
import type { Report, Skip } from '../core/rule.js';
import type { Unknown } from '../project/python-value.js';
import type { PyKey } from '../project/python-value.js';
import { valueSources, type EnvSource } from '../project/settings/provenance.js';
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
 * Where a setting's value (or the item under `path` inside it) came from, as the evaluator recorded
 * it (src/project/settings/provenance.ts), reduced to what the rules ask:
 * - `environment`: made from a config var (set, or read and unset with no literal to fall back on);
 * - `literal`: written in the code and nothing else;
 * - `literal-default`: a literal the code falls back to because `unset` variables are not set;
 * - `unknown`: no record, or made from something else (a library name, a file the settings load).
 * A container's origin is its items': a dict holding one config var is not a literal.
 */
export interface ValueOrigin {
  kind: 'environment' | 'literal' | 'literal-default' | 'unknown';
  unset: EnvSource[];
}

export function originOf(evaluation: SettingsEvaluation, name: string, path: readonly PyKey[] = []): ValueOrigin {
  const found = evaluation.provenance(name, path);
  if (!found) return { kind: 'unknown', unset: [] };
  const sources = valueSources(found.value, found.provenance);
  const unset = sources.unset.filter((r, i) => sources.unset.findIndex((s) => s.name === r.name && s.via === r.via) === i);
  if (sources.environment.length > 0) return { kind: 'environment', unset };
  if (sources.other > 0) return { kind: 'unknown', unset };
  if (unset.length > 0) return { kind: sources.literals.length > 0 ? 'literal-default' : 'environment', unset };
  return { kind: sources.literals.length > 0 ? 'literal' : 'unknown', unset };
}

/** `os.environ['X']`, `env('X')`, `config('X')`: how a read looks in the user's code. */
export function describeRead(read: Pick<EnvRead, 'name' | 'via'>): string {
  if (read.via === 'os.environ') return `os.environ['${read.name}']`;
  if (read.via === 'os.getenv') return `os.getenv('${read.name}')`;
  const call = read.via.split('.').at(-1)!;
  return `${call === 'Env' ? 'env' : call}('${read.name}')`;
}
