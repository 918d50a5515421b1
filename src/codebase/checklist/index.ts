/**
 * The items of Django's deployment checklist that `check --deploy` cannot see, judged for Heroku:
 * media files, email, error reporting, log files, error pages, caches, key rotation.
 */
import { leavingCannotTellAt } from '../../core/leave-to-owner.js';
import type { Rule } from '../../core/rule.js';
import { unsetRequiredReads } from '../../project/unset-reads.js';
import { cachesRule } from './caches.js';
import { emailRule } from './email.js';
import { errorPagesRule } from './error-pages.js';
import { errorReportingRule } from './error-reporting.js';
import type { ChecklistFacts } from './facts.js';
import { logFilesRule } from './log-files.js';
import { mediaFilesRule } from './media-files.js';
import { secretKeyFallbacksRule } from './secret-key-fallbacks.js';

/** "Cannot tell, because a required variable is not set" is codebase.required-env's finding, at that read. */
export const checklistRules: readonly Rule<ChecklistFacts>[] = [
  mediaFilesRule,
  emailRule,
  errorReportingRule,
  logFilesRule,
  errorPagesRule,
  cachesRule,
  secretKeyFallbacksRule,
].map((rule) => leavingCannotTellAt(rule, (facts: ChecklistFacts) => unsetRequiredReads(facts.evaluation.envReads, facts.env)));
