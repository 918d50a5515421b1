/** What the checklist rules read: the evaluated settings, the project's code, and how the app runs. */
import { PyDict, PyTuple, Unknown, sequenceItems, type PyValue } from '../../project/python-value.js';
import type { ChecklistCode } from '../../project/checklist-code.js';
import type { Binding, SettingsEvaluation } from '../../project/settings/types.js';
import type { DependencySet, DjangoVersion, Procfile } from '../../project/types.js';

export interface ChecklistFacts {
  evaluation: SettingsEvaluation;
  django: DjangoVersion;
  code: ChecklistCode;
  /** Every file of the project, relative, forward slashes. */
  files: string[];
  /** Absolute project root: template DIRS are absolute paths under it. */
  root: string;
  /** The evaluation environment (given, or the app's config vars), plus what a dyno always has. */
  env: Record<string, string>;
  procfile?: Procfile;
  dependencies?: DependencySet;
  /** The app's web dyno count, when an app was given. */
  webDynos?: number;
  /** The app's add-on services (sentry, newrelic, sendgrid…), when an app was given. */
  addonServices?: string[];
}

/** A setting's value, or undefined when the settings never set it (Django's default applies). */
export function setting(facts: ChecklistFacts, name: string): { binding: Binding; value: PyValue } | undefined {
  const binding = facts.evaluation.settings.get(name);
  return binding && { binding, value: binding.value };
}

export function atLeast(django: DjangoVersion, major: number, minor: number): boolean {
  return django.major > major || (django.major === major && django.minor >= minor);
}

/** Strings of a list/tuple setting; Unknown items are left out (the rule then cannot exclude them). */
export function strings(value: PyValue | undefined): string[] {
  return (value === undefined ? [] : (sequenceItems(value) ?? [])).filter((v): v is string => typeof v === 'string');
}

export function dictGet(value: PyValue | undefined, ...keys: string[]): PyValue | undefined {
  let v = value;
  for (const key of keys) {
    if (!(v instanceof PyDict)) return undefined;
    v = v.get(key);
  }
  return v;
}

export function isUnknown(v: PyValue | undefined): v is Unknown {
  return v instanceof Unknown;
}

/** Where a finding about a setting goes: where it was set, else the settings module. */
export function placeOfSetting(facts: ChecklistFacts, binding?: Binding): { file: string; line?: number } {
  return binding ? { file: binding.origin.file, line: binding.origin.line } : { file: facts.evaluation.settings.file };
}

/** The packages the project declares, by normalised name. */
export function declares(facts: ChecklistFacts, ...names: string[]): boolean {
  const declared = new Set(facts.dependencies?.requirements.map((r) => r.name) ?? []);
  return names.some((n) => declared.has(n));
}

export const tupleOrList = (v: PyValue | undefined): PyValue[] => (v instanceof PyTuple ? v.items : Array.isArray(v) ? v : []);
