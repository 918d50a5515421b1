import { relative } from 'node:path';
import { chooseDjangoVersion } from '../check/django-version.js';
import { runRules } from '../core/engine.js';
import { Redactor, secretParts } from '../core/redact.js';
import { repoRoot } from '../deploy/git.js';
import { readBuildDependencies } from '../project/build-files.js';
import { locateProject } from '../project/build-root.js';
import { buildCheckReport, type CheckReport } from '../report/check-report.js';
import { keyText, planMigrations, type MigrationFacts } from './facts.js';
import { commitOf, readMigrationTrees } from './git-source.js';
import { keyOfPath, readMigration } from './read-migration.js';
import { migrationRules } from './rules/index.js';
import { withSqlmigrate } from './sqlmigrate.js';

export interface AnalyzeOptions {
  /** Any folder of the project (the one with manage.py, or above it). */
  dir: string;
  /** What the running release runs: a ref of the repository. */
  base: string;
  /** How to name the base to the user: "--since main", "the commit v41 of hollow runs". */
  baseLabel?: string;
  /** The tree to be deployed (default HEAD). */
  head?: string;
  /** `--django-version X.Y`; else the project's pin. */
  djangoVersion?: string;
  /** `--python` with a database URL: judge the SQL of `manage.py sqlmigrate` instead of the files. */
  sqlmigrate?: { python: string; databaseUrl: string };
  progress?: (message: string) => void;
}

export interface MigrationRun {
  app: string;
  name: string;
  file: string;
  operations: { kind: string; line: number }[];
}

export interface MigrationsAnalysis {
  report: CheckReport;
  facts: MigrationFacts;
  base: { ref: string; commit: string };
  head: { ref: string; commit: string };
  /** The migrations the release runs, in order. */
  runs: MigrationRun[];
  /** True when a finding is an error: the release breaks the code that is running. */
  incompatible: boolean;
  redactor: Redactor;
  root: string;
}

/**
 * `implanta migrations`: reads every migration file of the head commit, replays them in dependency order,
 * and judges the operations of those the base commit does not have — what `migrate` will run in the
 * release phase while the base's code still serves.
 */
export async function analyzeMigrations(options: AnalyzeOptions): Promise<MigrationsAnalysis> {
  const { root, buildRoot } = locateProject(options.dir);
  const repo = await repoRoot(root);
  const prefix = relative(repo, root).split('\\').join('/');
  const headRef = options.head ?? 'HEAD';
  const [base, head] = await Promise.all([commitOf(repo, options.base, options.baseLabel ?? '--since'), commitOf(repo, headRef, 'head')]);
  options.progress?.('reading migrations from git');
  const trees = await readMigrationTrees(repo, prefix, base, head);
  const all = await Promise.all([...trees.head].map(([file, source]) => readMigration(file, source)));
  const applied = new Set([...trees.base].flatMap((file) => (keyOfPath(file) ? [keyText(keyOfPath(file)!)] : [])));
  // The Django the release runs is the one Heroku installs: from the build root's requirements, which in a
  // monorepo sit at the top, not beside manage.py in backend/ (build-root.ts).
  const version = chooseDjangoVersion(options.djangoVersion, undefined, readBuildDependencies(root, buildRoot, {}));
  let facts = planMigrations({ all, applied, edited: trees.edited, django: { major: version.major, minor: version.minor } });
  const redactor = new Redactor(options.sqlmigrate ? secretParts(options.sqlmigrate.databaseUrl) : []);
  if (options.sqlmigrate) facts = await withSqlmigrate(facts, { root, ...options.sqlmigrate, redactor, ...(options.progress && { progress: options.progress }) });

  const { findings, skipped } = runRules(migrationRules, facts);
  const report = buildCheckReport({ root, settings_module: null, django: `${version.major}.${version.minor}`, settings_source: 'static' }, findings, skipped);
  const runs = facts.runs.map((m) => ({ app: m.app, name: m.name, file: m.file, operations: m.operations.map((op) => ({ kind: op.kind, line: op.line })) }));
  return { report, facts, base: { ref: options.base, commit: base }, head: { ref: headRef, commit: head }, runs, incompatible: report.counts.error > 0, redactor, root };
}
