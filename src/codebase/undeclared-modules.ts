import type { Report, Rule } from '../core/rule.js';
import { PyDict, Unknown } from '../project/python-value.js';
import { isStdlibModule } from '../project/settings/stdlib-modules.js';
import type { ProjectFacts } from '../project/types.js';
import { declareHint, distributionsFor, findRequirement } from './dependency-names.js';
import { cannotTell, devCenter, NO_SETTINGS, settingsOf } from './support.js';

/** A top-level package or module of the project itself: a folder or a .py file at the root. */
function isProjectModule(facts: ProjectFacts, top: string): boolean {
  return facts.files.some((f) => f.startsWith(`${top}/`) || f === `${top}.py`);
}

/** codebase.undeclared-module: every third-party module the settings import or name is declared. */
export const undeclaredModuleRule: Rule<ProjectFacts> = {
  meta: {
    id: 'codebase.undeclared-module',
    area: 'codebase',
    severity: 'error',
    title: 'Modules the settings use are declared dependencies',
    docs: devCenter('python-pip'),
  },
  check(facts) {
    if (!facts.evaluation) return NO_SETTINGS;
    const deps = facts.dependencies;
    if (!deps) return { skip: 'no dependency file' };
    // A lock file lists everything installed; requirements.txt may leave a dependency's dependency out.
    const complete = deps.kind !== 'requirements.txt';
    const reported = new Set<string>();
    const reports: Report[] = [];
    for (const use of facts.evaluation.imports) {
      const top = use.module.split('.')[0]!;
      if (top === '' || top === 'django' || reported.has(top) || isStdlibModule(top) || isProjectModule(facts, top)) continue;
      const names = distributionsFor(top);
      if (findRequirement(deps, names)) continue;
      reported.add(top);
      const how = use.how === 'import' ? 'import' : 'name';
      reports.push({
        severity: complete ? 'error' : 'warning',
        message: `the settings ${how} ${use.module} (${use.file}:${use.line}), but ${deps.file} does not declare ${names.join(' or ')}${complete ? '' : ', so it is installed only if another requirement pulls it in'}: otherwise the app crashes at boot with ModuleNotFoundError`,
        hint: declareHint(deps, names[0]!),
        file: use.file,
        line: use.line,
      });
    }
    return reports;
  },
};

/** Django 4.2 added psycopg 3; older releases speak only psycopg2. */
function driversFor(facts: ProjectFacts): string[] {
  const django = facts.django;
  const psycopg3 = !django || django.major > 4 || (django.major === 4 && django.minor >= 2);
  return psycopg3 ? ['psycopg', 'psycopg2', 'psycopg2-binary'] : ['psycopg2', 'psycopg2-binary'];
}

/** codebase.postgres-driver: a PostgreSQL database needs its driver declared. */
export const postgresDriverRule: Rule<ProjectFacts> = {
  meta: {
    id: 'codebase.postgres-driver',
    area: 'codebase',
    severity: 'error',
    title: 'The PostgreSQL driver is declared',
    docs: devCenter('connecting-heroku-postgres#connecting-in-python'),
  },
  check(facts) {
    const settings = settingsOf(facts);
    if (!settings || !facts.evaluation) return NO_SETTINGS;
    const deps = facts.dependencies;
    if (!deps) return { skip: 'no dependency file' };
    const binding = settings.get('DATABASES');
    const defaultDb = binding?.value instanceof PyDict ? binding.value.get('default') : binding?.value;
    const engine = defaultDb instanceof PyDict ? defaultDb.get('ENGINE') : defaultDb;
    // DATABASE_URL on Heroku is Heroku Postgres, whatever the fallback in the settings says.
    const readsUrl = facts.evaluation.envReads.some((r) => r.name === 'DATABASE_URL');
    const postgres = typeof engine === 'string' && /postgresql|postgis/.test(engine);
    if (!postgres && !readsUrl) {
      if (engine instanceof Unknown) return [cannotTell('which database engine the settings use', engine, binding)];
      return [];
    }
    const drivers = driversFor(facts);
    if (findRequirement(deps, drivers)) return [];
    const psycopg3 = findRequirement(deps, ['psycopg']);
    if (psycopg3) {
      return [{ message: `Django ${facts.django!.major}.${facts.django!.minor} does not support psycopg 3 (declared at ${psycopg3.file}:${psycopg3.line}), and no psycopg2 is declared`, hint: 'Declare psycopg2-binary (or psycopg2), or upgrade to Django 4.2+.', file: psycopg3.file, line: psycopg3.line }];
    }
    const why = postgres ? 'DATABASES uses PostgreSQL' : 'the settings read DATABASE_URL, which Heroku Postgres sets';
    return [
      {
        message: `${why}, but ${deps.file} declares no PostgreSQL driver (${drivers.join(', ')}): the app fails at its first query`,
        hint: declareHint(deps, drivers.includes('psycopg') ? 'psycopg[binary]' : 'psycopg2-binary'),
        file: deps.file,
      },
    ];
  },
};
