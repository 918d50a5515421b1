import type { Rule } from '../core/rule.js';
import { Unknown } from '../project/python-value.js';
import type { DjangoFacts } from './facts.js';
import { djangoRule, report } from './rule-kit.js';

/** DEFAULT_HASHING_ALGORITHM existed only in 3.1 and 3.2, to ease the move from SHA-1 to SHA-256. */
const E100 = djangoRule({
  id: 'security.E100',
  title: 'DEFAULT_HASHING_ALGORITHM is sha1 or sha256',
  explain: {
    checks: "Whether DEFAULT_HASHING_ALGORITHM (Django 3.1-3.2 only) is 'sha1' or 'sha256'.",
    why: "Any other value makes signing fail, so sessions, messages and password resets break.",
    example: "DEFAULT_HASHING_ALGORITHM = 'md5'",
    fix: "DEFAULT_HASHING_ALGORITHM = 'sha256' (or remove the setting).",
  },
  check: (ctx) => {
    const algorithm = ctx.setting('DEFAULT_HASHING_ALGORITHM');
    const v = algorithm.value;
    return report({
      fires: v instanceof Unknown ? v : v !== 'sha1' && v !== 'sha256',
      at: algorithm,
      message: "DEFAULT_HASHING_ALGORITHM must be 'sha1' or 'sha256'.",
      hint: "Remove DEFAULT_HASHING_ALGORITHM (it defaults to 'sha256'), or set it to 'sha1' only while upgrading from Django 3.0.",
      question: "DEFAULT_HASHING_ALGORITHM is 'sha1' or 'sha256'",
    });
  },
});

export const hashingRules: Rule<DjangoFacts>[] = [E100];
