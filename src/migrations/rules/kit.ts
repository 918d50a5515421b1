import type { Severity } from '../../core/finding.js';
import { defineRule } from '../../core/define-rule.js';
import type { Report, Rule, RuleMeta } from '../../core/rule.js';
import type { FileFact, MigrationFacts, OperationFact } from '../facts.js';
import { argument, asString } from '../py-syntax.js';
import type { SqlAction } from '../sql.js';

/** What a migration rule says about one operation (or one of its SQL statements). */
export interface Verdict {
  message: string;
  /** The expand/contract way to make the same change without breaking the running release. */
  hint: string;
  severity?: Severity;
  line?: number;
}

export interface JudgeContext {
  django: { major: number; minor: number };
  /** Tables created by this release's migrations: nothing running reads or writes them yet. */
  newTables: ReadonlySet<string>;
}

/**
 * A migration rule: pure judges over the facts, like every implanta rule. `operation` reads what the
 * migration file says; `sql` reads one SQL statement the operation runs, and wins when the SQL is known
 * (a RunSQL's literal SQL, or `manage.py sqlmigrate`'s output). `file` judges a file as a whole.
 */
export interface MigrationRule {
  /** The messages follow from the judges: one per kind of thing judged (see MESSAGES). */
  meta: Omit<RuleMeta, 'area' | 'messages'>;
  operation?(fact: OperationFact, ctx: JudgeContext): Verdict | undefined;
  sql?(action: SqlAction, fact: OperationFact, ctx: JudgeContext): Verdict | undefined;
  file?(fact: FileFact): Verdict | undefined;
}

/** A migration rule's message IDs: which judge spoke (the operation as written, its SQL, or the file). */
const MESSAGES = {
  operation: 'an operation, as the migration file writes it',
  sql: 'an SQL statement the operation runs (RunSQL, or `manage.py sqlmigrate` output)',
  file: 'the migration file as a whole',
} as const;

/** The engine's shape for a migration rule: each report on the file and line of what it judged. */
export function toRule(rule: MigrationRule): Rule<MigrationFacts> {
  const judges = (['operation', 'sql', 'file'] as const).filter((j) => rule[j] !== undefined);
  return defineRule({
    ...rule.meta,
    area: 'migrations',
    messages: Object.fromEntries(judges.map((j) => [j, MESSAGES[j]])),
    check(facts: MigrationFacts) {
      const ctx = contextOf(facts);
      const reports: Report[] = [];
      const add = (v: Verdict | undefined, file: string, line: number, messageId: keyof typeof MESSAGES) => {
        if (v) reports.push({ messageId, message: v.message, hint: v.hint, file, line: v.line ?? line, ...(v.severity && { severity: v.severity }) });
      };
      for (const fact of facts.operations) {
        const where = fact.migration.file;
        // One verdict per operation: Django's CharField index is two statements (plain and _like), one problem.
        if (fact.sql && rule.sql) add(fact.sql.map((action) => rule.sql!(action, fact, ctx)).find(Boolean), where, fact.op.line, 'sql');
        else add(rule.operation?.(fact, ctx), where, fact.op.line, 'operation');
      }
      for (const fact of facts.files) add(rule.file?.(fact), fact.migration.file, 1, 'file');
      return reports;
    },
  });
}

function contextOf(facts: MigrationFacts): JudgeContext {
  const newTables = new Set<string>();
  for (const fact of facts.operations) {
    if (fact.op.kind === 'CreateModel') newTables.add(defaultTable(fact.migration.app, asString(argument(fact.op.call, 'name', 0)) ?? ''));
    for (const action of fact.sql ?? []) if (action.kind === 'create-table') newTables.add(action.table);
  }
  return { django: facts.django, newTables };
}

/** Django's default table name: `app_model`, lower case. */
export function defaultTable(app: string, model: string): string {
  return `${app}_${model}`.toLowerCase();
}

/** `RemoveField book.title`: the operation as a reader finds it in the file. */
export function label(fact: OperationFact): string {
  const call = fact.op.call;
  const field = asString(argument(call, 'name', 1)) ?? asString(argument(call, 'old_name', 1));
  const target = fact.model ? `${fact.model}${field && fact.op.kind.endsWith('Field') ? `.${field}` : ''}` : '';
  return `${fact.op.kind}${target ? ` ${target}` : ''}`;
}

export function where(fact: OperationFact): string {
  return `${fact.migration.app}.${fact.migration.name}`;
}

export function shortSql(action: SqlAction): string {
  return action.sql.length > 100 ? `${action.sql.slice(0, 97)}…` : action.sql;
}

export const docs = (anchor: string) => `https://docs.djangoproject.com/en/stable/ref/migration-operations/#${anchor}`;
