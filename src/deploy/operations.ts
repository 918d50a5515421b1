import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { InputError, PlatformError } from '../core/errors.js';
import type { HerokuClient } from '../heroku/client.js';
import type * as Heroku from '../heroku/schema-extensions.js';
import { appPath } from './follow.js';
import { httpGet, type HttpAnswer } from './http-get.js';
import { implantaDir } from './implanta-dir.js';
import { dumpDatabase } from './pg-backup.js';
import { parseScaleSpec } from './scale-spec.js';
import type { Progress } from './steps.js';

export interface MaintenanceReport {
  on: boolean;
  /** What the router serves now, at the app's web_url. */
  status?: number;
  /** True when the custom page (MAINTENANCE_PAGE_URL) is what is served; absent when none is configured. */
  customPage?: boolean;
  ok: boolean;
  detail: string;
}

export interface MaintenanceOptions {
  /** How long the router may take to start (or stop) serving the maintenance page. */
  settleMs?: number;
  pollMs?: number;
}

/**
 * Turns maintenance mode on or off, then checks what visitors get: with it on, a 503 carrying the custom
 * page when MAINTENANCE_PAGE_URL is set; with it off, the app again. The page's URL is a config value and
 * never appears in the report.
 */
export async function maintenance(client: HerokuClient, app: string, on: boolean, options: MaintenanceOptions = {}): Promise<MaintenanceReport> {
  const [updated, config] = await Promise.all([
    client.patch<Heroku.App>(appPath(app), { maintenance: on }),
    client.get<Heroku.ConfigVars>(appPath(app, '/config-vars')),
  ]);
  if (!updated.web_url) return { on, ok: true, detail: `maintenance ${on ? 'on' : 'off'}; the app has no web_url to check` };
  const pageUrl = on ? config['MAINTENANCE_PAGE_URL'] : undefined;
  const custom = pageUrl ? await fetchPage(pageUrl) : undefined;

  const deadline = Date.now() + (options.settleMs ?? 30_000);
  let answer: HttpAnswer | undefined;
  let problem = '';
  for (;;) {
    try {
      answer = await httpGet({ url: updated.web_url, timeoutMs: 30_000 });
      problem = '';
    } catch (error) {
      problem = (error as Error).message;
    }
    if (answer && (answer.status === 503) === on) break;
    if (Date.now() >= deadline) break;
    await sleep(options.pollMs ?? 1000);
  }
  if (!answer) return { on, ok: false, detail: `maintenance ${on ? 'on' : 'off'}, but the app does not answer: ${problem}` };
  if (!on) {
    const ok = answer.status !== 503;
    return { on, status: answer.status, ok, detail: ok ? `maintenance off; the app answers ${answer.status}` : 'maintenance off, but the router still answers 503' };
  }
  if (answer.status !== 503) return { on, status: answer.status, ok: false, detail: `maintenance on, but the router answers ${answer.status}, not 503` };
  if (pageUrl === undefined) return { on, status: 503, ok: true, detail: "maintenance on; visitors get the platform's default 503 page (set MAINTENANCE_PAGE_URL for your own)" };
  if (custom === undefined) return { on, status: 503, customPage: false, ok: false, detail: 'maintenance on, but MAINTENANCE_PAGE_URL cannot be fetched: visitors get the default page' };
  const same = answer.body.trim() === custom.trim();
  return {
    on,
    status: 503,
    customPage: same,
    ok: same,
    detail: same ? 'maintenance on; visitors get the custom page (MAINTENANCE_PAGE_URL) with a 503' : 'maintenance on, but the router does not serve the page at MAINTENANCE_PAGE_URL',
  };
}

async function fetchPage(url: string): Promise<string | undefined> {
  try {
    const response = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(10_000) });
    return response.ok ? await response.text() : undefined;
  } catch {
    return undefined;
  }
}

export interface ProcessScale {
  type: string;
  quantity: number;
  size: string;
}

export interface ScaleReport {
  before: ProcessScale[];
  after: ProcessScale[];
}

/**
 * Applies a `ps:scale` spec in one batch PATCH of the formation (all changes or none) and reports each
 * process type before and after. Relative terms (`web+1`) count from the formation as it is now.
 */
export async function scale(client: HerokuClient, app: string, spec: string): Promise<ScaleReport> {
  const changes = parseScaleSpec(spec);
  const formation = await client.list<Heroku.Formation>(appPath(app, '/formation'));
  const updates = changes.map((change) => {
    const current = formation.find((f) => f.type === change.type);
    if (!current) {
      const types = formation.map((f) => f.type).join(', ') || 'none';
      throw new InputError(`scale: ${app} has no process type ${change.type} (it has: ${types})`);
    }
    const quantity = change.quantity ?? Math.max(0, (current.quantity ?? 0) + (change.delta ?? 0));
    return { type: change.type, quantity, ...(change.size && { dyno_size: { name: change.size } }) };
  });
  const after = await client.patch<Heroku.Formation[]>(appPath(app, '/formation'), { updates });
  return { before: formation.map(describe), after: (Array.isArray(after) ? after : formation).map(describe) };
}

function describe(f: Heroku.Formation): ProcessScale {
  return { type: f.type ?? '?', quantity: f.quantity ?? 0, size: f.dyno_size?.name ?? f.size ?? '?' };
}

export interface RetireOptions extends Progress {
  /** Must equal the app's name: the CLI asks the user to type it, or takes --confirm APP. */
  confirm: string | undefined;
  /** Dump each heroku-postgresql database first (default); false only on the user's explicit word. */
  backup?: boolean;
  /** Where .implanta/backups/ goes: the repository's top folder. */
  repo: string;
  maintenance?: MaintenanceOptions;
}

export interface RetireReport {
  backups: { addon: string; file: string; bytes: number }[];
  maintenance: MaintenanceReport;
  scale: ScaleReport;
  destroyed: boolean;
}

/**
 * Uninstalls an app the careful way: a local pg_dump of every heroku-postgresql database (Heroku's own
 * backups are the separate pg-backups API, outside the Platform API), then maintenance on, every process
 * scaled to zero, and only then DELETE /apps/{app}. A failed backup stops everything before any change.
 */
export async function retire(client: HerokuClient, app: string, options: RetireOptions): Promise<RetireReport> {
  if (options.confirm !== app) throw new InputError(`retire destroys ${app}: confirm by typing its name (or pass --confirm ${app})`);
  const step = (name: string, status: 'start' | 'ok' | 'fail' | 'skip', detail?: string) => options.onStep?.({ name, status, ...(detail !== undefined && { detail }) });

  const backups: RetireReport['backups'] = [];
  if (options.backup === false) step('backup', 'skip', 'skipped on request: the data is destroyed with the app');
  else {
    const [addons, config] = await Promise.all([
      client.list<Heroku.AddOn>(appPath(app, '/addons')),
      client.get<Heroku.ConfigVars>(appPath(app, '/config-vars')),
    ]);
    const databases = addons.filter((a) => a.addon_service?.name === 'heroku-postgresql');
    if (databases.length === 0) step('backup', 'skip', 'no heroku-postgresql add-on: nothing to back up');
    for (const addon of databases) {
      const name = addon.name ?? 'database';
      const variable = (addon.config_vars ?? []).find((v) => config[v]);
      const url = variable ? config[variable] : undefined;
      step('backup', 'start', name);
      if (!url) {
        step('backup', 'fail', `${name} has no URL in the config vars`);
        throw new PlatformError(`cannot back up ${name}: none of its config vars (${(addon.config_vars ?? []).join(', ')}) is set; nothing was changed`);
      }
      const file = join(implantaDir(options.repo, 'backups'), `${app}-${name}-${stamp()}.dump`);
      try {
        const { bytes } = await dumpDatabase(url, file);
        backups.push({ addon: name, file, bytes });
        step('backup', 'ok', `${name} → ${file} (${bytes} bytes)`);
      } catch (error) {
        step('backup', 'fail', (error as Error).message);
        throw new PlatformError(`cannot back up ${name} (${(error as Error).message}); nothing was changed`);
      }
    }
  }

  step('maintenance', 'start');
  const maintenanceReport = await maintenance(client, app, true, options.maintenance);
  step('maintenance', maintenanceReport.ok ? 'ok' : 'fail', maintenanceReport.detail);

  step('scale', 'start');
  const formation = await client.list<Heroku.Formation>(appPath(app, '/formation'));
  const scaled = formation.length === 0 ? { before: [], after: [] } : await scale(client, app, formation.map((f) => `${f.type}=0`).join(' '));
  step('scale', 'ok', 'every process type at 0');

  step('destroy', 'start');
  await client.delete(appPath(app));
  step('destroy', 'ok', `${app} destroyed`);
  return { backups, maintenance: maintenanceReport, scale: scaled, destroyed: true };
}

/** A timestamp that sorts and is safe in a file name: 2026-03-01T12-30-05Z. */
function stamp(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
}
