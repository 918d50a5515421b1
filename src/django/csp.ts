import type { Rule } from '../core/rule.js';
import { PyDict, PyOpaque, PyPath, PySet, PyTuple, Unknown, type PyValue } from '../project/python-value.js';
import type { DjangoFacts } from './facts.js';
import { djangoRule, report } from './rule-kit.js';

const CSP_SETTINGS = ['SECURE_CSP', 'SECURE_CSP_REPORT_ONLY'] as const;

/** Python's type name, so the message says what was found without echoing the value. */
function pythonType(v: Exclude<PyValue, Unknown>): string {
  if (v === null) return 'NoneType';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string') return 'str';
  if (Array.isArray(v)) return 'list';
  if (v instanceof PyTuple) return 'tuple';
  if (v instanceof PySet) return 'set';
  if (v instanceof PyDict) return 'dict';
  if (v instanceof PyPath) return 'PosixPath';
  return (v as PyOpaque).name;
}

/** Django 6.0's built-in Content Security Policy settings must be dicts (None switches a policy off). */
const E026 = djangoRule({
  id: 'security.E026',
  title: 'SECURE_CSP and SECURE_CSP_REPORT_ONLY are dicts',
  check: (ctx) =>
    CSP_SETTINGS.flatMap((name) => {
      const read = ctx.setting(name);
      const v = read.value;
      return report({
        fires: v instanceof Unknown ? v : v !== null && !(v instanceof PyDict),
        at: read,
        message: `The ${name} setting must be a dict (got ${v instanceof Unknown ? 'an unknown value' : pythonType(v)} instead).`,
        hint: `Write ${name} as a dict of directives, e.g. {"default-src": [CSP.SELF]}, or None to switch it off.`,
        question: `${name} is a dict`,
      });
    }),
});

export const cspRules: Rule<DjangoFacts>[] = [E026];
