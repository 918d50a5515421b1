import type { Rule } from '../core/rule.js';
import type { DjangoFacts } from './facts.js';
import { djangoRule, includes, report, type CheckContext } from './rule-kit.js';
import { not3, type Tri } from './tri.js';
import { atLeast } from './versions.js';

export const SECURITY_MIDDLEWARE = 'django.middleware.security.SecurityMiddleware';
export const XFRAME_MIDDLEWARE = 'django.middleware.clickjacking.XFrameOptionsMiddleware';

/** Django's `_security_middleware()`: the header and redirect checks only apply when it is installed. */
export function hasSecurityMiddleware(ctx: CheckContext): Tri {
  return includes(ctx.setting('MIDDLEWARE'), SECURITY_MIDDLEWARE);
}

export function hasXFrameMiddleware(ctx: CheckContext): Tri {
  return includes(ctx.setting('MIDDLEWARE'), XFRAME_MIDDLEWARE);
}

/** 4.0 dropped SECURE_BROWSER_XSS_FILTER and added SECURE_CROSS_ORIGIN_OPENER_POLICY to the list. */
function governedSettings(ctx: CheckContext): string {
  return atLeast(ctx.version, 4, 0)
    ? 'SECURE_HSTS_SECONDS, SECURE_CONTENT_TYPE_NOSNIFF, SECURE_REFERRER_POLICY, SECURE_CROSS_ORIGIN_OPENER_POLICY, and SECURE_SSL_REDIRECT'
    : 'SECURE_HSTS_SECONDS, SECURE_CONTENT_TYPE_NOSNIFF, SECURE_BROWSER_XSS_FILTER, SECURE_REFERRER_POLICY, and SECURE_SSL_REDIRECT';
}

const W001 = djangoRule({
  id: 'security.W001',
  title: 'SecurityMiddleware is installed',
  explain: {
    checks: "Whether SecurityMiddleware is in MIDDLEWARE.",
    why: "Without it none of the SECURE_* settings (HSTS, HTTPS redirect, nosniff, Referrer-Policy) take effect.",
    example: "MIDDLEWARE = ['django.contrib.sessions.middleware.SessionMiddleware', ...]",
    fix: "Put 'django.middleware.security.SecurityMiddleware' first in MIDDLEWARE.",
  },
  check: (ctx) =>
    report({
      fires: not3(hasSecurityMiddleware(ctx)),
      at: ctx.setting('MIDDLEWARE'),
      message: `You do not have '${SECURITY_MIDDLEWARE}' in your MIDDLEWARE so the ${governedSettings(ctx)} settings will have no effect.`,
      hint: `Add '${SECURITY_MIDDLEWARE}' to MIDDLEWARE, near the top.`,
      question: `MIDDLEWARE contains '${SECURITY_MIDDLEWARE}'`,
    }),
});

const W002 = djangoRule({
  id: 'security.W002',
  title: 'XFrameOptionsMiddleware is installed',
  explain: {
    checks: "Whether XFrameOptionsMiddleware is in MIDDLEWARE.",
    why: "Without the X-Frame-Options header, other sites can frame the pages and trick users into clicks (clickjacking).",
    example: "MIDDLEWARE = ['django.middleware.security.SecurityMiddleware', ...]",
    fix: "Add 'django.middleware.clickjacking.XFrameOptionsMiddleware' to MIDDLEWARE.",
  },
  check: (ctx) =>
    report({
      fires: not3(hasXFrameMiddleware(ctx)),
      at: ctx.setting('MIDDLEWARE'),
      message:
        `You do not have '${XFRAME_MIDDLEWARE}' in your MIDDLEWARE, so your pages will not be served with an ` +
        `'x-frame-options' header. Unless there is a good reason for your site to be served in a frame, you should ` +
        'consider enabling this header to help prevent clickjacking attacks.',
      hint: `Add '${XFRAME_MIDDLEWARE}' to MIDDLEWARE.`,
      question: `MIDDLEWARE contains '${XFRAME_MIDDLEWARE}'`,
    }),
});

export const securityMiddlewareRules: Rule<DjangoFacts>[] = [W001, W002];
