import { join } from 'node:path';
import { ImplantaError, InputError, PlatformError } from '../core/errors.js';
import type { Finding } from '../core/finding.js';
import type { HerokuClient } from '../heroku/client.js';
import type * as Heroku from '../heroku/schema-extensions.js';
import { analyzeMigrations } from '../migrations/analyze.js';
import { appPath } from './follow.js';
import type { DeployConfig } from './config.js';
import type { Gate, GateReport } from './gates.js';
import { implantaDir } from './implanta-dir.js';
import { dumpDatabase } from './pg-backup.js';
import { runningRelease } from './running-release.js';
import type { Progress } from './steps.js';

/** What the deploy learned about the migrations it ships; recorded in deploys.jsonl. */
export interface MigrationRecord {
  /** `app.name` of every migration the release phase will run, in order. */
  runs: string[];
  /** `rule file:line` of each backward-incompatible finding. */
  incompatible: string[];
  /** --allow-incompatible-migrations accepted them. */
  allowed?: boolean;
  backup?: { file: string; bytes: number } | { skipped: string };
}

export interface MigrationGate {
  gate: Gate;
  record?: MigrationRecord;
}

/**
 * The migrations gate: `implanta migrations` against the commit the running release runs. A migration
 * that breaks the running code refuses the deploy while the old code keeps serving during the release —
 * preboot on, or more than one web dyno — unless --allow-incompatible-migrations says it is known.
 */
export async function migrationGate(options: { repo: string; app: string; client: HerokuClient; commit: string; allow?: boolean }): Promise<MigrationGate> {
  const { app, client } = options;
  const allowFix = `or deploy with --allow-incompatible-migrations once the running code is known not to touch what changes`;
  let running;
  try {
    running = await runningRelease(client, app);
  } catch (error) {
    if (error instanceof PlatformError) return { gate: { name: 'migrations', ok: false, reason: `cannot tell which commit ${app} runs: ${error.message}`, fix: 'check the network and the credentials' } };
    throw error;
  }
  if (!running?.commit) return { gate: { name: 'migrations', ok: true, reason: `${app} runs no code yet: no running release for the migrations to break` } };

  let analysis;
  try {
    analysis = await analyzeMigrations({ dir: options.repo, base: running.commit, head: options.commit, baseLabel: `the commit of v${running.version}` });
  } catch (error) {
    if (!(error instanceof ImplantaError)) throw error;
    if (/no manage\.py/.test(error.message)) return { gate: { name: 'migrations', ok: true, reason: 'no Django project (manage.py) in the repository: no migrations to judge' } };
    return { gate: { name: 'migrations', ok: options.allow === true, reason: `cannot judge the migrations: ${error.message}`, fix: `git fetch the commit v${running.version} runs (${running.commit.slice(0, 12)}), ${allowFix}` } };
  }
  const runs = analysis.runs.map((r) => `${r.app}.${r.name}`);
  const errors = analysis.report.findings.filter((f) => f.severity === 'error');
  const record: MigrationRecord = { runs, incompatible: errors.map(describe) };
  const count = `${runs.length} migration${runs.length === 1 ? '' : 's'} to run`;
  if (errors.length === 0) {
    const warnings = analysis.report.counts.warning;
    return { record, gate: { name: 'migrations', ok: true, reason: runs.length === 0 ? 'no new migrations' : `${count} (${runs.join(', ')}); none breaks v${running.version}${warnings ? ` (${warnings} warning${warnings === 1 ? '' : 's'}: implanta migrations --since ${running.commit.slice(0, 12)})` : ''}` } };
  }

  const overlap = await oldCodeKeepsServing(client, app);
  const first = errors[0]!;
  const what = `${errors.length} backward-incompatible operation${errors.length === 1 ? '' : 's'} (${describe(first)}: ${first.message})`;
  if (!overlap) {
    return { record, gate: { name: 'migrations', ok: true, reason: `${count} with ${what}; one web dyno and no preboot: v${running.version} stops at the restart, but it serves errors while the release phase runs` } };
  }
  if (options.allow) return { record: { ...record, allowed: true }, gate: { name: 'migrations', ok: true, reason: `accepted with --allow-incompatible-migrations: ${what}` } };
  return {
    record,
    gate: {
      name: 'migrations',
      ok: false,
      reason: `${what}; ${overlap}, so v${running.version}'s code runs against the new schema during the deploy`,
      fix: `${first.hint ?? 'split the change into expand and contract releases'} (see implanta migrations --since ${running.commit.slice(0, 12)}); ${allowFix}`,
    },
  };
}

function describe(f: Finding): string {
  return `${f.rule} ${f.file ?? ''}${f.line ? `:${f.line}` : ''}`;
}

/** Why the old release still answers while the new one starts, or undefined when it does not. */
async function oldCodeKeepsServing(client: HerokuClient, app: string): Promise<string | undefined> {
  const [features, formation] = await Promise.all([client.list<Heroku.AppFeature>(appPath(app, '/features')), client.list<Heroku.Formation>(appPath(app, '/formation'))]);
  const preboot = features.some((f) => f.name === 'preboot' && f.enabled === true);
  const web = formation.find((f) => f.type === 'web')?.quantity ?? 0;
  if (preboot) return 'preboot is on (the old dynos serve until the new ones are up)';
  if (web > 1) return `${web} web dynos run (they restart one after another)`;
  return undefined;
}

/** Runs the migrations gate after the others (it needs the commit and the platform) and adds its verdict. */
export async function addMigrationGate(gates: GateReport, options: { repo: string; app: string; client: HerokuClient; allow?: boolean } & Progress): Promise<MigrationRecord | undefined> {
  if (!gates.commit || gates.unreachable) return undefined;
  options.onStep?.({ name: 'migrations', status: 'start' });
  const { gate, record } = await migrationGate({ ...options, commit: gates.commit });
  options.onStep?.({ name: 'migrations', status: gate.ok ? 'ok' : 'fail', detail: gate.reason });
  gates.gates.push(gate);
  gates.ok &&= gate.ok;
  return record;
}

/** The backup step of a deploy: a refusal message when it failed, else undefined (the record notes what was done). */
export async function backupIfMigrating(record: MigrationRecord | undefined, config: DeployConfig, options: { repo: string; app: string; client: HerokuClient; commit: string } & Progress): Promise<string | undefined> {
  if (!record || record.runs.length === 0) return undefined;
  if (!config.backupBeforeMigrations) {
    options.onStep?.({ name: 'backup', status: 'skip', detail: 'backup_before_migrations is false in .implanta.json' });
    record.backup = { skipped: 'backup_before_migrations is false' };
    return undefined;
  }
  try {
    record.backup = await backupBeforeMigrations(options);
    return undefined;
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
}

/**
 * A pg_dump of DATABASE_URL into .implanta/backups/ before a release that migrates, as `retire` does. No
 * DATABASE_URL is a skip; a failed dump throws, and the deploy stops before anything is pushed.
 */
export async function backupBeforeMigrations(options: { repo: string; app: string; client: HerokuClient; commit: string } & Progress): Promise<MigrationRecord['backup']> {
  const step = (status: 'start' | 'ok' | 'fail' | 'skip', detail?: string) => options.onStep?.({ name: 'backup', status, ...(detail !== undefined && { detail }) });
  const config = await options.client.get<Heroku.ConfigVars>(appPath(options.app, '/config-vars'));
  const url = config['DATABASE_URL'];
  if (!url) {
    step('skip', 'the app has no DATABASE_URL: nothing to back up');
    return { skipped: 'no DATABASE_URL' };
  }
  step('start', 'pg_dump of DATABASE_URL, because the release runs migrations');
  const file = join(implantaDir(options.repo, 'backups'), `${options.app}-before-${options.commit.slice(0, 12)}-${new Date().toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-')}.dump`);
  try {
    const { bytes } = await dumpDatabase(url, file);
    step('ok', `DATABASE_URL → ${file} (${bytes} bytes)`);
    return { file, bytes };
  } catch (error) {
    step('fail', (error as Error).message);
    throw new InputError(`the backup before the migrations failed (${(error as Error).message}); nothing was pushed. Fix it, or set "backup_before_migrations": false in .implanta.json to deploy without one`);
  }
}

/**
 * The migrations the release being left ran since the one a rollback goes back to: a rollback restores
 * the code only, and that code meets the schema they left.
 */
export async function migrationsSince(options: { repo: string; app: string; client: HerokuClient; fromVersion: number; toVersion: number }): Promise<string[] | undefined> {
  const releases = await options.client.list<Heroku.Release>(appPath(options.app, '/releases'));
  const slugOf = (version: number) => releases.find((r) => r.version === version)?.slug?.id;
  const target = slugOf(options.toVersion);
  // Every release since the target may have migrated, a rolled-back one included: the schema keeps the most.
  const since = [...new Set(releases.filter((r) => (r.version ?? 0) > options.toVersion && (r.version ?? 0) <= options.fromVersion).flatMap((r) => (r.slug?.id && r.slug.id !== target ? [r.slug.id] : [])))];
  const commitOf = async (slug: string) => (await options.client.get<Heroku.Slug>(appPath(options.app, `/slugs/${slug}`))).commit ?? undefined;
  const to = target ? await commitOf(target) : undefined;
  if (!to) return undefined;
  const ran = new Set<string>();
  for (const slug of since) {
    const from = await commitOf(slug);
    if (!from) continue;
    try {
      const analysis = await analyzeMigrations({ dir: options.repo, base: to, head: from, baseLabel: `the commit of v${options.toVersion}` });
      for (const r of analysis.runs) ran.add(`${r.app}.${r.name}`);
    } catch (error) {
      if (error instanceof ImplantaError) return undefined;
      throw error;
    }
  }
  return [...ran];
}
