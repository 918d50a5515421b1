import type { Report, Rule, RuleResult } from '../core/rule.js';
import { defineRule } from '../core/define-rule.js';
import { PyDict, Unknown, type PyValue } from '../project/python-value.js';
import type { Binding, SettingsEvaluation } from '../project/settings/types.js';
import { procfileEntry } from '../project/procfile.js';
import { analyseCommand, optionValues } from '../project/process-command.js';
import type { ProjectFacts } from '../project/types.js';
import { cannotTell, devCenter, NO_SETTINGS, originOf, placeOf } from './support.js';

type DefaultDatabase =
  | { kind: 'dict'; db: PyDict; binding: Binding }
  | { kind: 'unknown'; unknown: Unknown; binding: Binding }
  | { kind: 'missing'; message: string; binding?: Binding }
  /** dj-database-url's `{}` when DATABASE_URL is unset: nothing to judge until the environment has it. */
  | { kind: 'unset-url'; binding: Binding };

function defaultDatabase(evaluation: SettingsEvaluation): DefaultDatabase {
  const binding = evaluation.settings.get('DATABASES');
  if (!binding) return { kind: 'missing', message: 'DATABASES is not set: Django has no database to use' };
  const value = binding.value;
  if (value instanceof Unknown) return { kind: 'unknown', unknown: value, binding };
  const db: PyValue | undefined = value instanceof PyDict ? value.get('default') : undefined;
  if (db instanceof Unknown) return { kind: 'unknown', unknown: db, binding };
  if (!(db instanceof PyDict)) return { kind: 'missing', message: "DATABASES has no 'default' database", binding };
  if (db.entries.size === 0 && readsDatabaseUrl(evaluation)) return { kind: 'unset-url', binding };
  const engine = db.get('ENGINE');
  if (engine instanceof Unknown) return { kind: 'unknown', unknown: engine, binding };
  return { kind: 'dict', db, binding };
}

const UNSET_URL = { skip: "DATABASE_URL is not set in the evaluation environment, so DATABASES['default'] is empty (pass it with --env, --env-file or --app)" };

/** dj-database-url, environ's env.db() and django-heroku all read DATABASE_URL. */
function readsDatabaseUrl(evaluation: SettingsEvaluation): boolean {
  return evaluation.envReads.some((r) => r.name === 'DATABASE_URL') || evaluation.imports.some((i) => i.module.split('.')[0] === 'django_heroku');
}

const engineOf = (db: PyDict): string => {
  const engine = db.get('ENGINE');
  return typeof engine === 'string' ? engine : '';
};
const isSqlite = (db: PyDict): boolean => engineOf(db).includes('sqlite3');
const isPostgres = (db: PyDict): boolean => /postgresql|postgis/.test(engineOf(db));

/** codebase.database-url: production DATABASES come from DATABASE_URL, not SQLite or literals. */
export const databaseUrlRule: Rule<ProjectFacts> = defineRule({
  id: 'codebase.database-url',
  area: 'codebase',
  severity: 'error',
  title: 'The database comes from DATABASE_URL',
  docs: devCenter('connecting-heroku-postgres'),
  explain: {
    checks: "Whether DATABASES['default'] is read from DATABASE_URL, and is not SQLite.",
    why: "Heroku Postgres rotates credentials and updates only DATABASE_URL; SQLite lives on the dyno's disk, which is discarded at every restart.",
    example: "DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': BASE_DIR / 'db.sqlite3'}}",
    fix: "DATABASES = {'default': dj_database_url.config(conn_max_age=600, ssl_require=True)}",
  },
  messages: { 'no-database': "DATABASES has no default database", 'sqlite-fallback': "SQLite is the fallback because DATABASE_URL is unset (warning)", 'sqlite': "production uses SQLite", 'written-in-settings': "the connection is written in the settings, not read from DATABASE_URL", 'cannot-tell': 'the value depends on something the static evaluation could not know (info)' },
  reads: ['settings-reads'],
  check(facts: ProjectFacts) {
    const evaluation = facts.evaluation;
    if (!evaluation) return NO_SETTINGS;
    const found = defaultDatabase(evaluation);
    const place = placeOf(evaluation.settings, found.binding);
    const fromUrl = readsDatabaseUrl(evaluation);
    if (found.kind === 'missing') return [{ messageId: 'no-database', message: found.message, hint: "Set DATABASES = {'default': dj_database_url.config(conn_max_age=600, ssl_require=True)}.", ...place }];
    if (found.kind === 'unknown') return fromUrl ? [] : [cannotTell('where the database settings come from', found.unknown, found.binding)];
    if (found.kind === 'unset-url') return [];
    const { db } = found;
    if (isSqlite(db)) {
      if (fromUrl && !facts.env.DATABASE_URL) {
        return [{ severity: 'warning', messageId: 'sqlite-fallback', message: 'DATABASES falls back to SQLite because DATABASE_URL is not set in this environment; on Heroku that would lose every write at the next dyno restart', hint: 'Attach Heroku Postgres (it sets DATABASE_URL), and pass the URL to implanta with --env or --app.', ...place }];
      }
      return [{ messageId: 'sqlite', message: "production DATABASES uses SQLite: a dyno's filesystem is discarded at every restart (at least daily), taking the data with it", hint: 'Use Heroku Postgres: DATABASES = {\'default\': dj_database_url.config(conn_max_age=600, ssl_require=True)}.', ...place }];
    }
    if (fromUrl) return [];
    // Where HOST and PASSWORD came from, asked once: a literal in the code, or a config var (set or not).
    const credentials = (['HOST', 'PASSWORD'] as const).map((k) => {
      const v = db.get(k);
      return { k, given: typeof v === 'string' && v !== '', origin: originOf(evaluation, 'DATABASES', ['default', k]) };
    });
    const literals = credentials.filter((c) => c.given && c.origin.kind === 'literal').map((c) => c.k);
    // The case against parts is Heroku Postgres rotating only DATABASE_URL. Another engine (ClearDB's MySQL,
    // an outside Oracle) whose host and password are config vars that are set has nothing to rotate under it.
    const engine = db.get('ENGINE');
    const postgres = typeof engine !== 'string' || /postgres|postgis/.test(engine);
    const fromSetConfigVars = credentials.every((c) => c.given && c.origin.kind === 'environment' && c.origin.unset.length === 0);
    if (!postgres && fromSetConfigVars) return [];
    const written = literals.length > 0 ? `, with a literal ${literals.join(' and ')} in the code` : '';
    return [
      {
        messageId: 'written-in-settings', message: `DATABASES['default'] is written in the settings instead of read from DATABASE_URL${written}: Heroku Postgres changes its credentials (maintenance, rotation) and updates only DATABASE_URL`,
        hint: "Use DATABASES = {'default': dj_database_url.config(conn_max_age=600, ssl_require=True)}.",
        ...place,
      },
    ];
  },
});

/**
 * The default database as a dict the connection rules can judge, or what they return instead: a skip
 * when there is none (codebase.database-url reports that) or an info when it cannot be known.
 */
function judgeableDatabase(facts: ProjectFacts, question: string): { db: PyDict; binding: Binding } | RuleResult {
  const evaluation = facts.evaluation;
  if (!evaluation) return NO_SETTINGS;
  const found = defaultDatabase(evaluation);
  if (found.kind === 'missing') return { skip: 'no default database (see codebase.database-url)' };
  if (found.kind === 'unset-url') return UNSET_URL;
  if (found.kind === 'unknown') return [cannotTell(question, found.unknown, found.binding)];
  return found;
}

/** codebase.database-connections: connections are reused between requests. */
export const databaseConnectionsRule: Rule<ProjectFacts> = defineRule({
  id: 'codebase.database-connections',
  area: 'codebase',
  severity: 'warning',
  title: 'Database connections are persistent',
  docs: devCenter('python-concurrency-and-database-connections'),
  explain: {
    checks: "Whether CONN_MAX_AGE keeps database connections open between requests (not under ASGI, uvicorn or daphne, where Django advises 0), and on Django 4.1+ whether CONN_HEALTH_CHECKS tests a kept connection before reusing it.",
    why: "A new TLS connection to Heroku Postgres per request costs tens of milliseconds and counts against the plan's connection limit. A kept connection without health checks outlives a Postgres failover or maintenance: the next request on it fails with an error page.",
    example: "dj_database_url.config()   (conn_max_age defaults to 0)",
    fix: "dj_database_url.config(conn_max_age=600, conn_health_checks=True)",
  },
  messages: {
    'no-persistent-connections': "CONN_MAX_AGE is 0",
    'no-health-checks': 'connections are kept (CONN_MAX_AGE above 0 or None) without CONN_HEALTH_CHECKS, on Django 4.1+',
    'cannot-tell': 'the value depends on something the static evaluation could not know (info)' },
  check(facts: ProjectFacts) {
    const found = judgeableDatabase(facts, 'whether database connections are persistent');
    if (!('db' in found)) return found;
    const evaluation = facts.evaluation!;
    if (isSqlite(found.db)) return { skip: 'the default database is SQLite (see codebase.database-url)' };
    const age = found.db.get('CONN_MAX_AGE');
    if (age instanceof Unknown) return [cannotTell('CONN_MAX_AGE', age, found.binding)];
    // None means "keep forever"; Django's default (absent) is 0.
    if (age === null || (typeof age === 'number' && age > 0)) return healthChecks(facts, found.db, found.binding);
    // Under ASGI Django's docs say to keep connections off (CONN_MAX_AGE 0): each request runs in its own thread.
    const serving = asgiServing(facts);
    if (serving.asgi === true) return [];
    if (serving.asgi === 'maybe') {
      return [
        {
          severity: 'info',
          messageId: 'cannot-tell',
          message: `cannot tell whether CONN_MAX_AGE 0 costs a connection per request: the settings set ASGI_APPLICATION and the web process runs ${serving.program}, which is not a WSGI server implanta knows; under ASGI, 0 is what Django's docs advise`,
          ...placeOf(evaluation.settings, found.binding),
        },
      ];
    }
    return [
      {
        messageId: 'no-persistent-connections', message: 'CONN_MAX_AGE is 0: every request opens a new database connection (tens of milliseconds over TLS to Heroku Postgres) and closes it',
        hint: 'Set conn_max_age=600 in dj_database_url.config() (CONN_MAX_AGE), with CONN_HEALTH_CHECKS = True so a dropped connection is replaced.',
        ...placeOf(evaluation.settings, found.binding),
      },
    ];
  },
});

/**
 * Whether the web process serves Django through ASGI: uvicorn or daphne, or gunicorn with uvicorn's
 * worker class. 'maybe' when the settings set ASGI_APPLICATION (Channels) and the web command starts
 * no server implanta recognises (`yarn serve`, a script).
 */
function asgiServing(facts: ProjectFacts): { asgi: boolean | 'maybe'; program?: string } {
  const web = procfileEntry(facts.procfile, 'web');
  if (!web) return { asgi: false };
  const { server, programs } = analyseCommand(web.command);
  if (server?.name === 'uvicorn' || server?.name === 'daphne') return { asgi: true };
  if (server?.name === 'gunicorn' && optionValues(server, 'worker-class').some((k) => /uvicorn/i.test(k))) return { asgi: true };
  if (server) return { asgi: false };
  const asgiApplication = facts.evaluation?.settings.get('ASGI_APPLICATION')?.value;
  return typeof asgiApplication === 'string' ? { asgi: 'maybe', program: programs.join(', ') || web.command } : { asgi: false };
}

/** Django 4.1+ can test a kept connection before reuse; without it a failover leaves dead connections behind. */
function healthChecks(facts: ProjectFacts, db: PyDict, binding: Binding): Report[] {
  const django = facts.django;
  if (!django || django.major < 4 || (django.major === 4 && django.minor < 1)) return [];
  const checks = db.get('CONN_HEALTH_CHECKS');
  if (checks instanceof Unknown || checks === true) return [];
  return [
    {
      messageId: 'no-health-checks',
      message: "database connections are kept between requests without CONN_HEALTH_CHECKS: after a Heroku Postgres failover or maintenance, each worker's next request on its dead connection fails",
      hint: "Set CONN_HEALTH_CHECKS = True in DATABASES['default'] (dj_database_url.config(conn_max_age=600, conn_health_checks=True) with dj-database-url 1.1 or later).",
      ...placeOf(facts.evaluation!.settings, binding),
    },
  ];
}

const SECURE_SSLMODES = new Set(['require', 'verify-ca', 'verify-full']);

/** codebase.database-ssl: the PostgreSQL connection requires TLS. */
export const databaseSslRule: Rule<ProjectFacts> = defineRule({
  id: 'codebase.database-ssl',
  area: 'codebase',
  severity: 'warning',
  title: 'The database connection requires SSL',
  docs: devCenter('connecting-heroku-postgres'),
  explain: {
    checks: "Whether the PostgreSQL connection requires SSL (sslmode require or stricter).",
    why: "libpq's default 'prefer' silently falls back to an unencrypted connection.",
    example: "dj_database_url.config(conn_max_age=600)",
    fix: "dj_database_url.config(conn_max_age=600, ssl_require=True)",
  },
  messages: { 'ssl-disabled': "sslmode turns encryption off (error)", 'ssl-not-required': "SSL is not required", 'cannot-tell': 'the value depends on something the static evaluation could not know (info)' },
  check(facts: ProjectFacts) {
    const found = judgeableDatabase(facts, 'whether the database connection requires SSL');
    if (!('db' in found)) return found;
    const evaluation = facts.evaluation!;
    if (!isPostgres(found.db)) return { skip: 'the default database is not PostgreSQL' };
    const options = found.db.get('OPTIONS');
    const mode = options instanceof PyDict ? options.get('sslmode') : undefined;
    if (mode instanceof Unknown) return [cannotTell('the sslmode', mode, found.binding)];
    if (typeof mode === 'string' && SECURE_SSLMODES.has(mode)) return [];
    const place = placeOf(evaluation.settings, found.binding);
    const hint = "Pass ssl_require=True to dj_database_url.config() (OPTIONS {'sslmode': 'require'}).";
    const reports: Report[] =
      mode === 'disable' || mode === 'allow'
        ? [{ severity: 'error', messageId: 'ssl-disabled', message: `sslmode is '${mode}': credentials and data may cross the network unencrypted`, hint, ...place }]
        : [{ messageId: 'ssl-not-required', message: "the database connection does not require SSL: libpq's default sslmode 'prefer' silently falls back to an unencrypted connection", hint, ...place }];
    return reports;
  },
});
