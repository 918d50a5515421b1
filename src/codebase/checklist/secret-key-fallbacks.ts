import { defineRule } from '../../core/define-rule.js';
import type { Report } from '../../core/rule.js';
import { sequenceItems, Unknown } from '../../project/python-value.js';
import { atLeast, setting, type ChecklistFacts } from './facts.js';
import { isLiteralSetting } from './provenance.js';

/** codebase.secret-key-fallbacks: key rotation that rotates, with no key in the code. */
export const secretKeyFallbacksRule = defineRule<ChecklistFacts>({
  id: 'codebase.secret-key-fallbacks',
  area: 'codebase',
  severity: 'error',
  title: 'SECRET_KEY_FALLBACKS holds only old keys, from the environment',
  docs: 'https://docs.djangoproject.com/en/stable/ref/settings/#secret-key-fallbacks',
  explain: {
    checks: 'SECRET_KEY_FALLBACKS (Django 4.1+): whether it repeats the current SECRET_KEY, and whether its keys are literals in the code.',
    why: 'Fallback keys still validate sessions, password-reset links and signed cookies. A key written in the code is known to everyone who can read the repository, so they can forge those; a fallback equal to the current key means the rotation rotated nothing.',
    example: "SECRET_KEY_FALLBACKS = ['django-insecure-old-key-…']",
    fix: "Read old keys from a config var: SECRET_KEY_FALLBACKS = [k for k in os.environ.get('SECRET_KEY_FALLBACKS', '').split(',') if k], and empty it once the sessions signed with them have expired.",
  },
  messages: {
    'literal-fallback': 'a fallback key is a literal in the code',
    'repeats-current': 'a fallback key equals the current SECRET_KEY',
  },
  check(facts) {
    if (!atLeast(facts.django, 4, 1)) return [];
    const fallbacks = setting(facts, 'SECRET_KEY_FALLBACKS');
    if (!fallbacks || fallbacks.value instanceof Unknown) return [];
    const keys = (sequenceItems(fallbacks.value) ?? []).filter((k): k is string => typeof k === 'string' && k.length > 0);
    if (keys.length === 0) return [];
    const place = { file: fallbacks.binding.origin.file, line: fallbacks.binding.origin.line };
    const reports: Report[] = [];
    if (isLiteralSetting(facts, 'SECRET_KEY_FALLBACKS')) {
      reports.push({
        messageId: 'literal-fallback',
        message: `SECRET_KEY_FALLBACKS holds ${keys.length} key(s) written in the code: anyone who can read the repository can sign sessions and password-reset links that this app still accepts`,
        hint: "Read old keys from a config var (os.environ.get('SECRET_KEY_FALLBACKS', '').split(',')), and rotate away from any key that was ever committed.",
        ...place,
      });
    }
    const current = setting(facts, 'SECRET_KEY')?.value;
    if (typeof current === 'string' && keys.includes(current)) {
      reports.push({
        messageId: 'repeats-current',
        severity: 'warning',
        message: 'SECRET_KEY_FALLBACKS repeats the current SECRET_KEY: the rotation changed nothing, and the old key it was meant to keep is not there',
        hint: 'Put the previous key in the fallbacks and the new one in SECRET_KEY.',
        ...place,
      });
    }
    return reports;
  },
});
