import type { Rule, RuleResult } from '../core/rule.js';
import { Unknown } from '../project/python-value.js';
import { DJANGO_CSRF_FAILURE_VIEW } from './defaults.js';
import type { CsrfViewFacts, DjangoFacts } from './facts.js';
import { cannotTell, djangoRule, includes, report, truthyOf, type CheckContext } from './rule-kit.js';
import { flagIsOff } from './sessions.js';
import { and3, not3 } from './tri.js';

const CSRF_MIDDLEWARE = 'django.middleware.csrf.CsrfViewMiddleware';

const W003 = djangoRule({
  id: 'security.W003',
  title: 'CsrfViewMiddleware is installed',
  explain: {
    checks: "Whether CsrfViewMiddleware is in MIDDLEWARE.",
    why: "Without it, forms and session-authenticated POSTs accept requests forged by other sites.",
    example: "MIDDLEWARE = ['django.middleware.common.CommonMiddleware']",
    fix: "Add 'django.middleware.csrf.CsrfViewMiddleware' to MIDDLEWARE.",
  },
  check: (ctx) =>
    report({
      fires: not3(includes(ctx.setting('MIDDLEWARE'), CSRF_MIDDLEWARE)),
      at: ctx.setting('MIDDLEWARE'),
      message:
        "You don't appear to be using Django's built-in cross-site request forgery protection via the middleware " +
        `('${CSRF_MIDDLEWARE}' is not in your MIDDLEWARE). Enabling the middleware is the safest approach to ensure ` +
        "you don't leave any holes.",
      hint: `Add '${CSRF_MIDDLEWARE}' to MIDDLEWARE.`,
      question: `MIDDLEWARE contains '${CSRF_MIDDLEWARE}'`,
    }),
});

const W016 = djangoRule({
  id: 'security.W016',
  title: 'CSRF_COOKIE_SECURE is True',
  explain: {
    checks: "Whether CSRF_COOKIE_SECURE is True when CsrfViewMiddleware is on.",
    why: "A CSRF cookie sent over plain HTTP can be read by anyone on the network path.",
    example: "CSRF_COOKIE_SECURE = False",
    fix: "CSRF_COOKIE_SECURE = True",
  },
  check: (ctx) =>
    report({
      fires: and3(
        not3(truthyOf(ctx.setting('CSRF_USE_SESSIONS'))),
        includes(ctx.setting('MIDDLEWARE'), CSRF_MIDDLEWARE),
        flagIsOff(ctx, 'CSRF_COOKIE_SECURE'),
      ),
      at: ctx.setting('CSRF_COOKIE_SECURE'),
      message:
        `You have '${CSRF_MIDDLEWARE}' in your MIDDLEWARE, but you have not set CSRF_COOKIE_SECURE to True. Using a ` +
        'secure-only CSRF cookie makes it more difficult for network traffic sniffers to steal the CSRF token.',
      hint: 'Set CSRF_COOKIE_SECURE = True.',
      question: 'CSRF_COOKIE_SECURE is True',
    }),
});

/** The view setting as written, or undefined when it is Django's own view (always fine). */
function customView(ctx: CheckContext): { path: string } | Unknown | undefined {
  const view = ctx.setting('CSRF_FAILURE_VIEW').value;
  if (view instanceof Unknown) return view;
  if (typeof view !== 'string') return new Unknown('CSRF_FAILURE_VIEW is not a dotted path');
  return view === DJANGO_CSRF_FAILURE_VIEW ? undefined : { path: view };
}

/** E101 and E102 judge the same facts; each reports only its own outcome. */
function failureViewReports(ctx: CheckContext, own: 'E101' | 'E102'): RuleResult {
  const at = ctx.setting('CSRF_FAILURE_VIEW');
  const view = customView(ctx);
  if (view === undefined) return [];
  const about = own === 'E102' ? 'import' : 'signature';
  const question = about === 'import' ? 'the CSRF failure view can be imported' : 'the CSRF failure view takes (request, reason)';
  const hint = 'CSRF_FAILURE_VIEW must name a function defined like `def csrf_failure(request, reason="")`.';
  if (view instanceof Unknown) return about === 'import' ? cannotTell(view, at, question, hint) : [];
  const facts: CsrfViewFacts | undefined = ctx.facts.csrfFailureView;
  if (!facts) return { skip: 'CSRF_FAILURE_VIEW names a custom view that was not inspected' };
  if (facts.kind === 'unknown' && facts.about === about) {
    return cannotTell(new Unknown(facts.reason, facts.file, facts.line), at, question, hint);
  }
  if (own === 'E102' && facts.kind === 'not-importable') {
    const crash = facts.djangoCrashes ? " (Django's own check stops with ViewDoesNotExist here)" : '';
    return [{ messageId: 'django', message: `The CSRF failure view '${view.path}' could not be imported: ${facts.problem}${crash}.`, hint, file: at.file, line: at.line }];
  }
  if (own === 'E101' && facts.kind === 'bad-signature') {
    const message = `The CSRF failure view '${view.path}' does not take the correct number of arguments: ${facts.problem}.`;
    return [{ messageId: 'django', message, hint, file: facts.file, line: facts.line }];
  }
  return [];
}

const E101 = djangoRule({
  id: 'security.E101',
  title: 'CSRF_FAILURE_VIEW takes (request, reason)',
  explain: {
    checks: "Whether the view named by CSRF_FAILURE_VIEW accepts (request, reason=...).",
    why: "Django calls it with those arguments when a CSRF check fails; a wrong signature turns every rejected POST into a 500.",
    example: "def csrf_failure(request): ...",
    fix: "def csrf_failure(request, reason=''): ...",
  },
  check: (ctx) => failureViewReports(ctx, 'E101'),
});

const E102 = djangoRule({
  id: 'security.E102',
  title: 'CSRF_FAILURE_VIEW can be imported',
  explain: {
    checks: "Whether the dotted path in CSRF_FAILURE_VIEW can be imported.",
    why: "Django imports it on the first CSRF failure; a wrong path crashes that request instead of showing a 403 page.",
    example: "CSRF_FAILURE_VIEW = 'myapp.views.csrf_falure'",
    fix: "Point CSRF_FAILURE_VIEW at a function that exists, or remove the setting to use Django's view.",
  },
  check: (ctx) => failureViewReports(ctx, 'E102'),
});

export const csrfRules: Rule<DjangoFacts>[] = [W003, W016, E101, E102];
