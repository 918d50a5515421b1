/**
 * The items of Django's deployment checklist that `check --deploy` cannot see, judged for Heroku:
 * media files, email, error reporting, log files, error pages, caches, key rotation.
 */
import type { Rule } from '../../core/rule.js';
import { cachesRule } from './caches.js';
import { emailRule } from './email.js';
import { errorPagesRule } from './error-pages.js';
import { errorReportingRule } from './error-reporting.js';
import type { ChecklistFacts } from './facts.js';
import { logFilesRule } from './log-files.js';
import { mediaFilesRule } from './media-files.js';
import { secretKeyFallbacksRule } from './secret-key-fallbacks.js';

export const checklistRules: readonly Rule<ChecklistFacts>[] = [
  mediaFilesRule,
  emailRule,
  errorReportingRule,
  logFilesRule,
  errorPagesRule,
  cachesRule,
  secretKeyFallbacksRule,
];
