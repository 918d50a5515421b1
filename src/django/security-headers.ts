import type { Rule } from '../core/rule.js';
import { PyDict, PyOpaque, Unknown, sequenceItems, type PyValue } from '../project/python-value.js';
import type { DjangoFacts } from './facts.js';
import { djangoRule, equalsOf, isNoneOf, isTrueOf, report, truthyOf, type CheckContext } from './rule-kit.js';
import { hasSecurityMiddleware, hasXFrameMiddleware } from './security-middleware.js';
import { and3, not3, or3, type Tri } from './tri.js';

const REFERRER_POLICY_VALUES = new Set([
  'no-referrer',
  'no-referrer-when-downgrade',
  'origin',
  'origin-when-cross-origin',
  'same-origin',
  'strict-origin',
  'strict-origin-when-cross-origin',
  'unsafe-url',
]);

const CROSS_ORIGIN_OPENER_POLICY_VALUES = new Set(['same-origin', 'same-origin-allow-popups', 'unsafe-none']);

/** `not _security_middleware() or settings.SECURE_HSTS_SECONDS`, the guard the HSTS checks share. */
function hstsActive(ctx: CheckContext): Tri {
  return and3(hasSecurityMiddleware(ctx), truthyOf(ctx.setting('SECURE_HSTS_SECONDS')));
}

const W004 = djangoRule({
  id: 'security.W004',
  title: 'HTTP Strict Transport Security is on',
  explain: {
    checks: "Whether SECURE_HSTS_SECONDS is set (SecurityMiddleware on).",
    why: "Without HSTS, a browser's first request to the site can go over plain HTTP and be intercepted.",
    example: "SECURE_HSTS_SECONDS = 0",
    fix: "SECURE_HSTS_SECONDS = 3600 at first, then 31536000 once every page works over HTTPS.",
  },
  check: (ctx) =>
    report({
      fires: and3(hasSecurityMiddleware(ctx), not3(truthyOf(ctx.setting('SECURE_HSTS_SECONDS')))),
      at: ctx.setting('SECURE_HSTS_SECONDS'),
      message:
        'You have not set a value for the SECURE_HSTS_SECONDS setting. If your entire site is served only over SSL, ' +
        'you may want to consider setting a value and enabling HTTP Strict Transport Security. Be sure to read the ' +
        'documentation first; enabling HSTS carelessly can cause serious, irreversible problems.',
      hint: 'Set SECURE_HSTS_SECONDS (start small, e.g. 3600, then raise it to 31536000 once the whole site works over HTTPS).',
      question: 'SECURE_HSTS_SECONDS is set',
    }),
});

const W005 = djangoRule({
  id: 'security.W005',
  title: 'HSTS covers subdomains',
  explain: {
    checks: "Whether SECURE_HSTS_INCLUDE_SUBDOMAINS is True when HSTS is on.",
    why: "Subdomains without HSTS can be used to set cookies for the main site over plain HTTP.",
    example: "SECURE_HSTS_INCLUDE_SUBDOMAINS = False",
    fix: "SECURE_HSTS_INCLUDE_SUBDOMAINS = True, once every subdomain serves HTTPS.",
  },
  check: (ctx) =>
    report({
      fires: and3(hstsActive(ctx), not3(isTrueOf(ctx.setting('SECURE_HSTS_INCLUDE_SUBDOMAINS')))),
      at: ctx.setting('SECURE_HSTS_INCLUDE_SUBDOMAINS'),
      message:
        'You have not set the SECURE_HSTS_INCLUDE_SUBDOMAINS setting to True. Without this, your site is potentially ' +
        'vulnerable to attack via an insecure connection to a subdomain. Only set this to True if you are certain that ' +
        'all subdomains of your domain should be served exclusively via SSL.',
      hint: 'Set SECURE_HSTS_INCLUDE_SUBDOMAINS = True once every subdomain is served over HTTPS.',
      question: 'SECURE_HSTS_INCLUDE_SUBDOMAINS is True',
    }),
});

const W021 = djangoRule({
  id: 'security.W021',
  title: 'HSTS preload is on',
  explain: {
    checks: "Whether SECURE_HSTS_PRELOAD is True when HSTS is on.",
    why: "Only preloaded sites are protected on a browser's very first visit.",
    example: "SECURE_HSTS_PRELOAD = False",
    fix: "SECURE_HSTS_PRELOAD = True, then submit the domain at hstspreload.org.",
  },
  check: (ctx) =>
    report({
      fires: and3(hstsActive(ctx), not3(isTrueOf(ctx.setting('SECURE_HSTS_PRELOAD')))),
      at: ctx.setting('SECURE_HSTS_PRELOAD'),
      message:
        'You have not set the SECURE_HSTS_PRELOAD setting to True. Without this, your site cannot be submitted to the ' +
        'browser preload list.',
      hint: 'Set SECURE_HSTS_PRELOAD = True if you intend to submit the domain to the browser preload list.',
      question: 'SECURE_HSTS_PRELOAD is True',
    }),
});

const W006 = djangoRule({
  id: 'security.W006',
  title: 'X-Content-Type-Options: nosniff is sent',
  explain: {
    checks: "Whether SECURE_CONTENT_TYPE_NOSNIFF is True (SecurityMiddleware on).",
    why: "Browsers that sniff content types can run an uploaded file as a script.",
    example: "SECURE_CONTENT_TYPE_NOSNIFF = False",
    fix: "SECURE_CONTENT_TYPE_NOSNIFF = True (Django's default).",
  },
  check: (ctx) =>
    report({
      fires: and3(hasSecurityMiddleware(ctx), not3(isTrueOf(ctx.setting('SECURE_CONTENT_TYPE_NOSNIFF')))),
      at: ctx.setting('SECURE_CONTENT_TYPE_NOSNIFF'),
      message:
        "Your SECURE_CONTENT_TYPE_NOSNIFF setting is not set to True, so your pages will not be served with an " +
        "'X-Content-Type-Options: nosniff' header. You should consider enabling this header to prevent the browser " +
        'from identifying content types incorrectly.',
      hint: 'Set SECURE_CONTENT_TYPE_NOSNIFF = True (or remove the line: True is the default).',
      question: 'SECURE_CONTENT_TYPE_NOSNIFF is True',
    }),
});

const W008 = djangoRule({
  id: 'security.W008',
  title: 'HTTP requests are redirected to HTTPS',
  explain: {
    checks: "Whether SECURE_SSL_REDIRECT is True (SecurityMiddleware on).",
    why: "Without it, pages are served over plain HTTP to anyone who types the address without https://.",
    example: "SECURE_SSL_REDIRECT = False",
    fix: "SECURE_SSL_REDIRECT = True, with SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https') behind Heroku's router.",
  },
  check: (ctx) =>
    report({
      fires: and3(hasSecurityMiddleware(ctx), not3(isTrueOf(ctx.setting('SECURE_SSL_REDIRECT')))),
      at: ctx.setting('SECURE_SSL_REDIRECT'),
      message:
        'Your SECURE_SSL_REDIRECT setting is not set to True. Unless your site should be available over both SSL and ' +
        'non-SSL connections, you may want to either set this setting True or configure a load balancer or ' +
        'reverse-proxy server to redirect all connections to HTTPS.',
      hint: "Set SECURE_SSL_REDIRECT = True; behind Heroku's router also set SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https').",
      question: 'SECURE_SSL_REDIRECT is True',
    }),
});

const W019 = djangoRule({
  id: 'security.W019',
  title: "X_FRAME_OPTIONS is 'DENY'",
  explain: {
    checks: "Whether X_FRAME_OPTIONS is 'DENY' when XFrameOptionsMiddleware is on.",
    why: "A page that can be framed by the same origin is still open to clickjacking through any page of the site that frames others.",
    example: "X_FRAME_OPTIONS = 'SAMEORIGIN'",
    fix: "X_FRAME_OPTIONS = 'DENY', unless the site frames its own pages.",
  },
  check: (ctx) =>
    report({
      fires: and3(hasXFrameMiddleware(ctx), not3(equalsOf(ctx.setting('X_FRAME_OPTIONS'), 'DENY'))),
      at: ctx.setting('X_FRAME_OPTIONS'),
      message:
        "You have 'django.middleware.clickjacking.XFrameOptionsMiddleware' in your MIDDLEWARE, but X_FRAME_OPTIONS " +
        "is not set to 'DENY'. Unless there is a good reason for your site to serve other parts of itself in a " +
        "frame, you should change it to 'DENY'.",
      hint: "Set X_FRAME_OPTIONS = 'DENY' (the default since Django 3.0).",
      question: "X_FRAME_OPTIONS is 'DENY'",
    }),
});

const W022 = djangoRule({
  id: 'security.W022',
  title: 'A Referrer-Policy header is sent',
  explain: {
    checks: "Whether SECURE_REFERRER_POLICY is set (SecurityMiddleware on).",
    why: "Without a Referrer-Policy header, full URLs (with tokens in query strings) leak to other sites.",
    example: "SECURE_REFERRER_POLICY = None",
    fix: "SECURE_REFERRER_POLICY = 'same-origin'",
  },
  check: (ctx) =>
    report({
      fires: and3(hasSecurityMiddleware(ctx), isNoneOf(ctx.setting('SECURE_REFERRER_POLICY'))),
      at: ctx.setting('SECURE_REFERRER_POLICY'),
      message:
        'You have not set the SECURE_REFERRER_POLICY setting. Without this, your site will not send a Referrer-Policy ' +
        'header. You should consider enabling this header to protect user privacy.',
      hint: "Set SECURE_REFERRER_POLICY = 'same-origin' (Django's default since 3.1).",
      question: 'SECURE_REFERRER_POLICY is set',
    }),
});

/**
 * Django accepts a comma-separated string or an iterable of policies and requires every one to be valid.
 * A value Python could not iterate makes Django's check crash; implanta calls it invalid.
 */
function referrerPolicyInvalid(value: PyValue): Tri {
  if (value instanceof Unknown) return value;
  if (value === null) return false;
  if (value instanceof PyOpaque) return new Unknown(`SECURE_REFERRER_POLICY is ${value.name}, which implanta cannot look into`);
  let policies: PyValue[] | undefined;
  if (typeof value === 'string') policies = value.split(',').map((p) => p.trim());
  else if (value instanceof PyDict) policies = [...value.entries.keys()];
  else policies = sequenceItems(value);
  if (!policies) return true;
  return or3(...policies.map((p) => (p instanceof Unknown ? p : typeof p !== 'string' || !REFERRER_POLICY_VALUES.has(p))));
}

const E023 = djangoRule({
  id: 'security.E023',
  title: 'SECURE_REFERRER_POLICY is valid',
  explain: {
    checks: "Whether every value in SECURE_REFERRER_POLICY is a policy browsers know.",
    why: "An unknown value makes browsers ignore the header entirely.",
    example: "SECURE_REFERRER_POLICY = 'same-site'",
    fix: "Use one of no-referrer, no-referrer-when-downgrade, origin, origin-when-cross-origin, same-origin, strict-origin, strict-origin-when-cross-origin, unsafe-url.",
  },
  check: (ctx) => {
    const policy = ctx.setting('SECURE_REFERRER_POLICY');
    return report({
      fires: and3(hasSecurityMiddleware(ctx), referrerPolicyInvalid(policy.value)),
      at: policy,
      message: 'You have set the SECURE_REFERRER_POLICY setting to an invalid value.',
      hint: `Valid values are: ${[...REFERRER_POLICY_VALUES].sort().join(', ')}.`,
      question: 'SECURE_REFERRER_POLICY is valid',
    });
  },
});

const E024 = djangoRule({
  id: 'security.E024',
  title: 'SECURE_CROSS_ORIGIN_OPENER_POLICY is valid',
  explain: {
    checks: "Whether SECURE_CROSS_ORIGIN_OPENER_POLICY is a policy browsers know.",
    why: "An unknown value makes browsers ignore the header, so other sites keep a handle on windows they open.",
    example: "SECURE_CROSS_ORIGIN_OPENER_POLICY = 'same-site'",
    fix: "Use same-origin (Django's default), same-origin-allow-popups or unsafe-none.",
  },
  check: (ctx) => {
    const policy = ctx.setting('SECURE_CROSS_ORIGIN_OPENER_POLICY');
    const v = policy.value;
    const invalid: Tri = v instanceof Unknown ? v : v !== null && !(typeof v === 'string' && CROSS_ORIGIN_OPENER_POLICY_VALUES.has(v));
    return report({
      fires: and3(hasSecurityMiddleware(ctx), invalid),
      at: policy,
      message: 'You have set the SECURE_CROSS_ORIGIN_OPENER_POLICY setting to an invalid value.',
      hint: `Valid values are: ${[...CROSS_ORIGIN_OPENER_POLICY_VALUES].sort().join(', ')}.`,
      question: 'SECURE_CROSS_ORIGIN_OPENER_POLICY is valid',
    });
  },
});

export const securityHeaderRules: Rule<DjangoFacts>[] = [W004, W005, W021, W006, W008, W019, W022, E023, E024];
