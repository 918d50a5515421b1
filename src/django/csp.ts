import type { Rule } from '../core/rule.js';
import { PyDict, typeName, Unknown } from '../project/python-value.js';
import type { DjangoFacts } from './facts.js';
import { djangoRule, report } from './rule-kit.js';

const CSP_SETTINGS = ['SECURE_CSP', 'SECURE_CSP_REPORT_ONLY'] as const;


/** Django 6.0's built-in Content Security Policy settings must be dicts (None switches a policy off). */
const E026 = djangoRule({
  id: 'security.E026',
  title: 'SECURE_CSP and SECURE_CSP_REPORT_ONLY are dicts',
  explain: {
    checks: "Whether SECURE_CSP and SECURE_CSP_REPORT_ONLY (Django 6.0+) are dicts.",
    why: "ContentSecurityPolicyMiddleware builds the header from a dict; any other type fails at the first request.",
    example: "SECURE_CSP = \"default-src 'self'\"",
    fix: "SECURE_CSP = {'default-src': [CSP.SELF]}",
  },
  check: (ctx) =>
    CSP_SETTINGS.flatMap((name) => {
      const read = ctx.setting(name);
      const v = read.value;
      return report({
        fires: v instanceof Unknown ? v : v !== null && !(v instanceof PyDict),
        at: read,
        message: `The ${name} setting must be a dict (got ${v instanceof Unknown ? 'an unknown value' : typeName(v)} instead).`,
        hint: `Write ${name} as a dict of directives, e.g. {"default-src": [CSP.SELF]}, or None to switch it off.`,
        question: `${name} is a dict`,
      });
    }),
});

export const cspRules: Rule<DjangoFacts>[] = [E026];
