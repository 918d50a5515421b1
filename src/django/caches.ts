import { posix } from 'node:path';
import type { Report, Rule } from '../core/rule.js';
import { PyDict, PyPath, sequenceItems, truthy, Unknown, type PyValue } from '../project/python-value.js';
import type { DjangoFacts } from './facts.js';
import { cannotTell, djangoRule, report, type CheckContext, type SettingRead } from './rule-kit.js';
import type { Tri } from './tri.js';

const FILE_BASED = 'django.core.cache.backends.filebased.FileBasedCache';
const DJANGO_BACKENDS = 'django.core.cache.backends.';
const EXPOSED = ['MEDIA_ROOT', 'STATIC_ROOT', 'STATICFILES_DIRS'] as const;

type Relation = 'matches' | 'is inside' | 'contains';

/**
 * A path as `Path(p).resolve()` would give it, without symlinks. Relative paths stay relative: two relative
 * paths resolve against the same working directory, so they still compare; a relative and an absolute do not.
 */
function normalPath(v: PyValue): string | Unknown {
  if (v instanceof Unknown) return v;
  const raw = v instanceof PyPath ? v.path : v;
  if (typeof raw !== 'string') return new Unknown('a path is not a string');
  const normal = posix.normalize(raw === '' ? '.' : raw);
  return normal.length > 1 ? normal.replace(/\/+$/, '') : normal;
}

function under(parent: string, child: string): boolean {
  if (parent === child) return false;
  if (parent === '/') return child.startsWith('/');
  if (parent === '.') return !child.startsWith('/') && !child.startsWith('..');
  return child.startsWith(`${parent}/`);
}

function relate(exposed: string, cache: string): Relation | undefined | Unknown {
  if (exposed.startsWith('/') !== cache.startsWith('/')) {
    return new Unknown('one path is relative, so it depends on the working directory');
  }
  if (exposed === cache) return 'matches';
  if (under(exposed, cache)) return 'is inside';
  if (under(cache, exposed)) return 'contains';
  return undefined;
}

/** Django's order of tests: any match first, then any parent, then any child. */
function relation(paths: (string | Unknown)[], cache: string | Unknown): Relation | undefined | Unknown {
  if (cache instanceof Unknown) return cache;
  const found = paths.map((p) => (p instanceof Unknown ? p : relate(p, cache)));
  for (const wanted of ['matches', 'is inside', 'contains'] as const) {
    if (found.includes(wanted)) return wanted;
  }
  return found.find((r): r is Unknown => r instanceof Unknown);
}

function exposedPaths(name: (typeof EXPOSED)[number], value: PyValue): (string | Unknown)[] {
  if (name !== 'STATICFILES_DIRS') return [normalPath(value)];
  const dirs = sequenceItems(value);
  if (!dirs) return [new Unknown('STATICFILES_DIRS is not a list')];
  return dirs.map((dir) => {
    // An entry may be (prefix, path).
    const pair = sequenceItems(dir);
    return normalPath(pair ? (pair.length === 2 ? pair[1] : new Unknown('a STATICFILES_DIRS entry is not a (prefix, path) pair')) : dir);
  });
}

/** Whether the cache is a FileBasedCache: known for Django's backends, unknown for third-party ones. */
function fileBased(config: PyDict): Tri {
  const backend = config.get('BACKEND');
  if (backend instanceof Unknown) return backend;
  if (backend === FILE_BASED) return true;
  if (typeof backend === 'string' && backend.startsWith(DJANGO_BACKENDS)) return false;
  const named = typeof backend === 'string' ? backend : 'its BACKEND';
  return new Unknown(`${named} is not one of Django's cache backends, so whether it stores files is unknown`);
}

function cacheReports(ctx: CheckContext, caches: SettingRead): Report[] {
  const aliases = caches.value;
  if (!(aliases instanceof PyDict)) {
    const why = aliases instanceof Unknown ? aliases : new Unknown('CACHES is not a dict');
    return cannotTell(why, caches, 'a file-based cache sits in a served folder', 'Keep file-based cache LOCATIONs outside MEDIA_ROOT, STATIC_ROOT and STATICFILES_DIRS.');
  }
  const reports: Report[] = [];
  for (const name of EXPOSED) {
    const setting = ctx.setting(name);
    const present = truthy(setting.value);
    if (present === false) continue;
    const paths = present instanceof Unknown ? [present] : exposedPaths(name, setting.value);
    for (const [alias, config] of aliases.entries) {
      const isFileBased = config instanceof PyDict ? fileBased(config) : config instanceof Unknown ? config : new Unknown(`CACHES['${alias}'] is not a dict`);
      if (isFileBased === false) continue;
      const location = config instanceof PyDict ? (config.get('LOCATION') ?? '') : config;
      const found = relation(paths, normalPath(location));
      if (found === undefined) continue;
      const fires: Tri = found instanceof Unknown ? found : isFileBased;
      reports.push(
        ...report({
          fires,
          at: caches,
          message: `Your '${String(alias)}' cache configuration might expose your cache or lead to corruption of your data because its LOCATION ${found instanceof Unknown ? 'overlaps' : found} ${name}.`,
          hint: `Move the '${String(alias)}' cache LOCATION outside ${name}, e.g. to a folder of its own next to the project.`,
          question: `the '${String(alias)}' cache LOCATION overlaps ${name}`,
        }),
      );
    }
  }
  return reports;
}

const W002 = djangoRule({
  id: 'caches.W002',
  title: 'File-based caches stay out of served folders',
  explain: {
    checks: "Whether a FileBasedCache LOCATION is inside MEDIA_ROOT, STATIC_ROOT or a STATICFILES_DIRS folder.",
    why: "Files in a served folder can be downloaded by anyone, and collectstatic or an upload can overwrite cache entries.",
    example: "CACHES = {'default': {'BACKEND': 'django.core.cache.backends.filebased.FileBasedCache', 'LOCATION': STATIC_ROOT / 'cache'}}",
    fix: "Put LOCATION in a folder of its own outside the served ones; on Heroku prefer a Redis or Memcached add-on, since dyno files vanish on restart.",
  },
  docsSection: 'caches',
  check: (ctx) => cacheReports(ctx, ctx.setting('CACHES')),
});

export const cacheRules: Rule<DjangoFacts>[] = [W002];
