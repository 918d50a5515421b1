import type { Severity } from '../core/finding.js';
import type { Report, Rule, RuleExplain, RuleResult } from '../core/rule.js';
import { containsString, truthy, Unknown, type PyValue } from '../project/python-value.js';
import { djangoDefault } from './defaults.js';
import type { DjangoFacts } from './facts.js';
import { equalsString, isNone, isTrue, type Tri } from './tri.js';
import { checkExists, docsRelease, formatRelease, isCovered, OLDEST_COVERED, type DjangoRelease } from './versions.js';

/** A setting as Django would see it: the project's binding, or Django's default pointing at the settings file. */
export interface SettingRead {
  value: PyValue;
  file: string;
  line: number;
}

export interface CheckContext {
  facts: DjangoFacts;
  version: DjangoRelease;
  setting(name: string): SettingRead;
}

export interface DjangoRuleSpec {
  id: string;
  title: string;
  /** Section of Django's checks reference: `security`, `caches`, `asynchronous-support`. */
  docsSection?: string;
  explain: RuleExplain;
  /** The check reads only what implanta always knows (the environment given), so it never says "cannot tell". */
  alwaysDecides?: true;
  check(ctx: CheckContext): RuleResult;
}

/**
 * A Django check has one message of its own (Django's text, as `check --deploy` prints it), plus the
 * info report implanta adds when the verdict depends on a value it cannot know.
 */
export const DJANGO_MESSAGES = {
  django: "Django's own message for the check, as `manage.py check --deploy` prints it",
  'cannot-tell': 'the verdict depends on a value the static evaluation could not know (info)',
} as const;

/**
 * Wraps a Django check: it reports nothing in releases that lack the check, and skips on releases older
 * than implanta covers rather than judging them by newer rules.
 */
export function djangoRule(spec: DjangoRuleSpec): Rule<DjangoFacts> {
  const severity: Severity = /\.E\d+$/.test(spec.id) ? 'error' : 'warning';
  return {
    meta: {
      id: spec.id,
      area: 'django',
      severity,
      title: spec.title,
      docs: `https://docs.djangoproject.com/en/${formatRelease(docsRelease(spec.id))}/ref/checks/#${spec.docsSection ?? 'security'}`,
      explain: spec.explain,
      messages: spec.alwaysDecides ? { django: DJANGO_MESSAGES.django } : DJANGO_MESSAGES,
    },
    check(facts): RuleResult {
      const version = facts.version;
      if (!isCovered(version)) {
        return { skip: `Django ${formatRelease(version)} is older than ${formatRelease(OLDEST_COVERED)}, the oldest release implanta's Django rules cover` };
      }
      if (!checkExists(spec.id, version)) return [];
      const result = spec.check({ facts, version, setting: (name) => readSetting(facts, name) });
      // One fact, one finding: "cannot tell, because os.environ['SECRET_KEY'] is not set" is the unset
      // variable, which codebase.required-env reports (the app would not boot) at the same place.
      return Array.isArray(result) ? result.filter((r) => !(r.messageId === 'cannot-tell' && stopsAtUnsetRead(facts, r))) : result;
    },
  };
}

function stopsAtUnsetRead(facts: DjangoFacts, report: Report): boolean {
  return (facts.unsetRequiredReads ?? []).some((read) => read.file === report.file && read.line === report.line);
}

function readSetting(facts: DjangoFacts, name: string): SettingRead {
  const binding = facts.settings.get(name);
  if (binding) return { value: binding.value, file: binding.origin.file, line: binding.origin.line };
  return { value: djangoDefault(name, facts.version), file: facts.settings.file, line: 1 };
}

/** An Unknown placed where it arose, or else at the setting that holds it. */
function placed(u: Unknown, at: SettingRead): Unknown {
  return u.file !== undefined ? u : new Unknown(u.reason, at.file, at.line);
}

function placedTri(t: Tri, at: SettingRead): Tri {
  return t instanceof Unknown ? placed(t, at) : t;
}

/** `needle in settings.X`, the exact string test Django uses for MIDDLEWARE and INSTALLED_APPS. */
export function includes(s: SettingRead, needle: string): Tri {
  return placedTri(containsString(s.value, needle), s);
}

/** `bool(settings.X)`. */
export function truthyOf(s: SettingRead): Tri {
  return placedTri(truthy(s.value), s);
}

/** `settings.X is True`. */
export function isTrueOf(s: SettingRead): Tri {
  return placedTri(isTrue(s.value), s);
}

/** `settings.X is None`. */
export function isNoneOf(s: SettingRead): Tri {
  return placedTri(isNone(s.value), s);
}

/** `settings.X == text`. */
export function equalsOf(s: SettingRead, text: string): Tri {
  return placedTri(equalsString(s.value, text), s);
}

export interface Verdict {
  /** Whether Django would report the check; Unknown when it depends on a value implanta cannot know. */
  fires: Tri;
  /** The setting to change: where the report points. */
  at: SettingRead;
  message: string;
  hint: string;
  /** Completes "cannot tell whether …" for the info report. */
  question: string;
}

/** Turns a verdict into reports: the check's own severity when it fires, info when it cannot tell. */
export function report(v: Verdict): Report[] {
  if (v.fires === false) return [];
  if (v.fires === true) return [{ messageId: 'django', message: v.message, hint: v.hint, file: v.at.file, line: v.at.line }];
  return cannotTell(v.fires, v.at, v.question, v.hint);
}

/** The info report for a check that depends on a value implanta cannot know. */
export function cannotTell(u: Unknown, at: SettingRead, question: string, hint: string): Report[] {
  const where = placed(u, at);
  return [{ messageId: 'cannot-tell', severity: 'info', message: `cannot tell whether ${question}: ${where.reason}`, hint, file: where.file, line: where.line }];
}
