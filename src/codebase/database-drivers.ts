import type { Report, Rule } from '../core/rule.js';
import { defineRule } from '../core/define-rule.js';
import { PyDict, Unknown } from '../project/python-value.js';
import type { ProjectFacts } from '../project/types.js';
import { declareHint, findBringingRequirement, findRequirement } from './dependency-names.js';
import type { Binding } from '../project/settings/types.js';
import { cannotTell, devCenter, NO_SETTINGS, placeOf, settingsOf } from './support.js';

/** Django 4.2 added psycopg 3; older releases speak only psycopg2. */
function postgresDrivers(facts: ProjectFacts): string[] {
  const django = facts.django;
  const psycopg3 = !django || django.major > 4 || (django.major === 4 && django.minor >= 2);
  return psycopg3 ? ['psycopg', 'psycopg2', 'psycopg2-binary'] : ['psycopg2', 'psycopg2-binary'];
}

/** Django's MySQL backend loads MySQLdb (mysqlclient, or PyMySQL installed as MySQLdb); Oracle's connector has its own backend. */
const MYSQL_DRIVERS = ['mysqlclient', 'pymysql', 'mysql-connector-python'];

interface Engine {
  kind: 'postgres' | 'mysql' | 'other';
  value: unknown;
  binding: Binding | undefined;
  place: { file: string; line?: number };
}

function defaultEngine(facts: ProjectFacts): Engine | undefined {
  const settings = settingsOf(facts);
  if (!settings) return undefined;
  const binding = settings.get('DATABASES');
  const defaultDb = binding?.value instanceof PyDict ? binding.value.get('default') : binding?.value;
  const engine = defaultDb instanceof PyDict ? defaultDb.get('ENGINE') : defaultDb;
  const kind = typeof engine === 'string' ? (/postgresql|postgis/.test(engine) ? 'postgres' : /mysql/.test(engine) ? 'mysql' : 'other') : 'other';
  return { kind, value: engine, binding, place: placeOf(settings, binding) };
}

/** The driver is declared, or a declared package installs it (django-heroku brings psycopg2). */
function hasDriver(facts: ProjectFacts, names: string[]): boolean {
  const deps = facts.dependencies!;
  return findRequirement(deps, names) !== undefined || findBringingRequirement(deps, names) !== undefined;
}

/** codebase.postgres-driver: a PostgreSQL database needs its driver declared. */
export const postgresDriverRule: Rule<ProjectFacts> = defineRule({
  id: 'codebase.postgres-driver',
  area: 'codebase',
  severity: 'error',
  title: 'The PostgreSQL driver is declared',
  docs: devCenter('connecting-heroku-postgres#connecting-in-python'),
  explain: {
    checks: "Whether a PostgreSQL driver (psycopg2, psycopg2-binary, psycopg) is declared, or brought by a declared package, when the settings use PostgreSQL or read DATABASE_URL; and one the Django version supports.",
    why: "Without a driver the app fails at its first query.",
    example: "DATABASES from dj_database_url, and no psycopg in requirements.txt",
    fix: "Declare psycopg[binary] (Django 4.2+) or psycopg2-binary.",
  },
  messages: { 'psycopg3-on-old-django': "psycopg 3 with a Django older than 4.2", 'no-driver': "PostgreSQL without a declared driver", 'cannot-tell': 'the value depends on something the static evaluation could not know (info)' },
  reads: ['settings-reads'],
  check(facts: ProjectFacts) {
    const engine = defaultEngine(facts);
    if (!engine || !facts.evaluation) return NO_SETTINGS;
    const deps = facts.dependencies;
    if (!deps) return { skip: 'no dependency file' };
    // DATABASE_URL on Heroku is Heroku Postgres, whatever the fallback in the settings says, unless the
    // URL given says otherwise (a MySQL add-on's URL gives a MySQL engine: see codebase.mysql-driver).
    const readsUrl = facts.evaluation.envReads.some((r) => r.name === 'DATABASE_URL') && !/^mysql/i.test(facts.env.DATABASE_URL ?? '');
    if (engine.kind === 'mysql') return [];
    if (engine.kind !== 'postgres' && !readsUrl) {
      if (engine.value instanceof Unknown) return [cannotTell('which database engine the settings use', engine.value, engine.binding)];
      return [];
    }
    const drivers = postgresDrivers(facts);
    if (hasDriver(facts, drivers)) return [];
    const psycopg3 = findRequirement(deps, ['psycopg']);
    if (psycopg3) {
      return [{ messageId: 'psycopg3-on-old-django', message: `Django ${facts.django!.major}.${facts.django!.minor} does not support psycopg 3 (declared at ${psycopg3.file}:${psycopg3.line}), and no psycopg2 is declared`, hint: 'Declare psycopg2-binary (or psycopg2), or upgrade to Django 4.2+.', file: psycopg3.file, line: psycopg3.line }];
    }
    const why = engine.kind === 'postgres' ? 'DATABASES uses PostgreSQL' : 'the settings read DATABASE_URL, which Heroku Postgres sets';
    return [
      {
        messageId: 'no-driver', message: `${why}, but ${deps.file} declares no PostgreSQL driver (${drivers.join(', ')}): the app fails at its first query`,
        hint: declareHint(deps, drivers.includes('psycopg') ? 'psycopg[binary]' : 'psycopg2-binary'),
        file: deps.file,
      },
    ];
  },
});

/** codebase.mysql-driver: a MySQL database (JawsDB, ClearDB, an external server) needs a MySQL driver, not psycopg. */
export const mysqlDriverRule: Rule<ProjectFacts> = defineRule({
  id: 'codebase.mysql-driver',
  area: 'codebase',
  severity: 'error',
  title: 'A MySQL driver is declared for a MySQL database',
  docs: 'https://docs.djangoproject.com/en/stable/ref/databases/#mysql-db-api-drivers',
  explain: {
    checks: "Whether a MySQL driver (mysqlclient, PyMySQL, mysql-connector-python) is declared when DATABASES uses MySQL.",
    why: "Without one the app fails at boot with \"Error loading MySQLdb module\".",
    example: "ENGINE 'django.db.backends.mysql' with only psycopg2 in requirements.txt",
    fix: "Declare mysqlclient (pinned).",
  },
  messages: { 'no-driver': "MySQL without a declared driver" },
  check(facts: ProjectFacts) {
    const engine = defaultEngine(facts);
    if (!engine || !facts.evaluation) return NO_SETTINGS;
    const deps = facts.dependencies;
    if (!deps) return { skip: 'no dependency file' };
    if (engine.kind !== 'mysql' || hasDriver(facts, MYSQL_DRIVERS)) return [];
    const report: Report = {
      messageId: 'no-driver', message: `DATABASES uses MySQL (${String(engine.value)}), but ${deps.file} declares no MySQL driver (${MYSQL_DRIVERS.join(', ')}): the app fails at boot with "Error loading MySQLdb module"`,
      hint: declareHint(deps, 'mysqlclient'),
      ...engine.place,
    };
    return [report];
  },
});
