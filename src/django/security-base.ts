import type { Report, Rule } from '../core/rule.js';
import { sequenceItems, Unknown, type PyValue } from '../project/python-value.js';
import type { DjangoFacts } from './facts.js';
import { cannotTell, djangoRule, report, truthyOf, type CheckContext, type SettingRead } from './rule-kit.js';
import { not3, type Tri } from './tri.js';
import { atLeast } from './versions.js';

const MIN_LENGTH = 50;
const MIN_UNIQUE_CHARACTERS = 5;
const INSECURE_PREFIX = 'django-insecure-';

/**
 * Django's `_check_secret_key`, negated. Python counts code points, not UTF-16 units. Exported because
 * a weak key is security.W009's fact: codebase.secrets leaves such a key to it.
 */
export function isWeakSecretKey(key: string, version: { major: number; minor: number }): boolean {
  const chars = [...key];
  return (
    new Set(chars).size < MIN_UNIQUE_CHARACTERS ||
    chars.length < MIN_LENGTH ||
    // The prefix of startproject's throwaway keys joined the check in 3.2.
    (atLeast(version, 3, 2) && key.startsWith(INSECURE_PREFIX))
  );
}

function weakKeyValue(value: PyValue, name: string, ctx: CheckContext): Tri {
  if (value instanceof Unknown) return value;
  if (typeof value === 'string') return isWeakSecretKey(value, ctx.version);
  return new Unknown(`${name} is not a string`);
}

function weakKeyMessage(name: string, ctx: CheckContext): string {
  const prefix = atLeast(ctx.version, 3, 2)
    ? `less than ${MIN_UNIQUE_CHARACTERS} unique characters, or it's prefixed with '${INSECURE_PREFIX}' indicating that it was generated automatically by Django`
    : `or less than ${MIN_UNIQUE_CHARACTERS} unique characters`;
  return (
    `Your ${name} has less than ${MIN_LENGTH} characters, ${prefix}. Please generate a long and random value, ` +
    "otherwise many of Django's security-critical features will be vulnerable to attack."
  );
}

const KEY_HINT =
  "Generate one with `python -c 'from django.core.management.utils import get_random_secret_key as k; print(k())'`, " +
  'store it as a config var and read it with os.environ.';

const W009 = djangoRule({
  id: 'security.W009',
  title: 'SECRET_KEY is long and random',
  explain: {
    checks: "Whether SECRET_KEY is at least 50 characters with at least 5 distinct ones, and not a 'django-insecure-' key from startproject.",
    why: "The key signs sessions, password-reset links and cookies: a short or known key lets an attacker forge them.",
    example: "SECRET_KEY = 'django-insecure-abc123'",
    fix: "Generate a key (get_random_secret_key), set it as a config var and read it: SECRET_KEY = os.environ['SECRET_KEY'].",
  },
  check: (ctx) => {
    const key = ctx.setting('SECRET_KEY');
    const emptyKey = not3(truthyOf(key));
    // A missing or empty key fails before its length is looked at (Django raises ImproperlyConfigured).
    const fires: Tri = emptyKey === true ? true : emptyKey instanceof Unknown ? emptyKey : weakKeyValue(key.value, 'SECRET_KEY', ctx);
    return report({
      fires,
      at: key,
      message: weakKeyMessage('SECRET_KEY', ctx),
      hint: KEY_HINT,
      question: 'SECRET_KEY is long and random enough',
    });
  },
});

/** Each old key kept for rotation must be as strong as the current one. */
function fallbackReports(fallbacks: SettingRead, ctx: CheckContext): Report[] {
  const value = fallbacks.value;
  const keys = typeof value === 'string' ? [...value] : sequenceItems(value);
  const question = (i?: number) => `SECRET_KEY_FALLBACKS${i === undefined ? '' : `[${i}]`} is long and random enough`;
  if (!keys) {
    const why = value instanceof Unknown ? value : new Unknown('SECRET_KEY_FALLBACKS is not a list');
    return cannotTell(why, fallbacks, question(), KEY_HINT);
  }
  return keys.flatMap((key, i) =>
    report({
      fires: weakKeyValue(key, `SECRET_KEY_FALLBACKS[${i}]`, ctx),
      at: fallbacks,
      message: weakKeyMessage(`SECRET_KEY_FALLBACKS[${i}]`, ctx),
      hint: 'Remove old keys from SECRET_KEY_FALLBACKS once sessions signed with them have expired; keep only strong keys there.',
      question: question(i),
    }),
  );
}

const W025 = djangoRule({
  id: 'security.W025',
  title: 'SECRET_KEY_FALLBACKS hold only strong keys',
  explain: {
    checks: "Whether every key in SECRET_KEY_FALLBACKS (Django 4.1+) is as strong as SECRET_KEY must be.",
    why: "Old keys still verify signatures: a weak fallback is as good as a weak key.",
    example: "SECRET_KEY_FALLBACKS = ['old-key']",
    fix: "Keep only strong keys there, and drop each once sessions signed with it have expired.",
  },
  check: (ctx) => fallbackReports(ctx.setting('SECRET_KEY_FALLBACKS'), ctx),
});

const W018 = djangoRule({
  id: 'security.W018',
  title: 'DEBUG is off',
  explain: {
    checks: "Whether DEBUG is True.",
    why: "With DEBUG on, every error page shows visitors the settings, the code and local variables, and Django keeps every SQL query in memory.",
    example: "DEBUG = True",
    fix: "DEBUG = os.environ.get('DJANGO_DEBUG') == '1', and leave DJANGO_DEBUG unset in production.",
  },
  check: (ctx) =>
    report({
      fires: truthyOf(ctx.setting('DEBUG')),
      at: ctx.setting('DEBUG'),
      message: 'You should not have DEBUG set to True in deployment.',
      hint: "Set DEBUG = False in production, e.g. DEBUG = os.environ.get('DJANGO_DEBUG') == '1'.",
      question: 'DEBUG is off',
    }),
});

const W020 = djangoRule({
  id: 'security.W020',
  title: 'ALLOWED_HOSTS is not empty',
  explain: {
    checks: "Whether ALLOWED_HOSTS is empty.",
    why: "With DEBUG off and ALLOWED_HOSTS empty, Django answers every request with 400 Bad Request.",
    example: "ALLOWED_HOSTS = []",
    fix: "ALLOWED_HOSTS = ['myapp.herokuapp.com', 'www.example.com']",
  },
  check: (ctx) =>
    report({
      fires: not3(truthyOf(ctx.setting('ALLOWED_HOSTS'))),
      at: ctx.setting('ALLOWED_HOSTS'),
      message: 'ALLOWED_HOSTS must not be empty in deployment.',
      hint: "List the app's host names, e.g. ALLOWED_HOSTS = ['myapp.herokuapp.com', 'www.example.com'].",
      question: 'ALLOWED_HOSTS is not empty',
    }),
});

export const securityBaseRules: Rule<DjangoFacts>[] = [W009, W025, W018, W020];
