import type { Rule } from '../core/rule.js';
import { asyncRules } from './async.js';
import { cacheRules } from './caches.js';
import { cspRules } from './csp.js';
import { csrfRules } from './csrf.js';
import type { DjangoFacts } from './facts.js';
import { hashingRules } from './hashing.js';
import { securityBaseRules } from './security-base.js';
import { securityHeaderRules } from './security-headers.js';
import { securityMiddlewareRules } from './security-middleware.js';
import { sessionRules } from './sessions.js';

export type { CsrfViewFacts, DjangoFacts } from './facts.js';

/** Every Django `check --deploy` rule implanta knows, keyed by Django's own IDs. */
export const djangoRules: Rule<DjangoFacts>[] = [
  ...securityMiddlewareRules,
  ...securityHeaderRules,
  ...securityBaseRules,
  ...sessionRules,
  ...csrfRules,
  ...hashingRules,
  ...cspRules,
  ...asyncRules,
  ...cacheRules,
];
