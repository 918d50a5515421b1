import { defineRule } from '../../core/define-rule.js';
import type { Report } from '../../core/rule.js';
import { Unknown } from '../../project/python-value.js';
import { analyseCommand, optionValues } from '../../project/process-command.js';
import { declares, dictGet, placeOfSetting, setting, strings, type ChecklistFacts } from './facts.js';

const LOCMEM = 'django.core.cache.backends.locmem.LocMemCache';
const PER_DYNO = /(^|\.)(LocMemCache|FileBasedCache)$/;
const CACHE_SESSIONS = 'django.contrib.sessions.backends.cache';
const CACHE_MIDDLEWARE = /^django\.middleware\.cache\.(UpdateCacheMiddleware|FetchFromCacheMiddleware|CacheMiddleware)$/;

/**
 * How many processes serve the app, as far as the facts tell: gunicorn's --workers, else WEB_CONCURRENCY
 * (which gunicorn reads; Heroku's Python buildpack sets it from the dyno size, 2 or more), times the web
 * dynos. `many` unless every factor is known to be one.
 */
export function processes(facts: ChecklistFacts): { many: boolean; why: string } {
  const web = facts.procfile?.entries.find((e) => e.name === 'web');
  const server = web ? analyseCommand(web.command).server : undefined;
  // gunicorn's -w/--workers (uwsgi's --processes) beats WEB_CONCURRENCY.
  const flag = server ? optionValues(server, server.name === 'uwsgi' ? 'processes' : 'workers').at(-1) : undefined;
  const fromFlag = flag !== undefined ? Number(flag) : undefined;
  const fromEnv = facts.env.WEB_CONCURRENCY !== undefined ? Number(facts.env.WEB_CONCURRENCY) : undefined;
  const workers = Number.isInteger(fromFlag) ? fromFlag! : Number.isInteger(fromEnv) ? fromEnv! : undefined;
  const dynos = facts.webDynos ?? 1;
  if (workers !== undefined && workers * dynos <= 1) return { many: false, why: 'one process' };
  if (workers !== undefined) return { many: true, why: `${workers} worker(s)${dynos > 1 ? ` on each of ${dynos} web dynos` : ''}` };
  return { many: true, why: `gunicorn's WEB_CONCURRENCY workers (Heroku's Python buildpack sets 2 or more)${dynos > 1 ? ` on each of ${dynos} web dynos` : ''}` };
}

/** codebase.caches: a cache that is shared by every process that relies on it. */
export const cachesRule = defineRule<ChecklistFacts>({
  id: 'codebase.caches',
  area: 'codebase',
  severity: 'warning',
  title: 'The cache is shared by every process',
  docs: 'https://docs.djangoproject.com/en/stable/topics/cache/#local-memory-caching',
  explain: {
    checks:
      "CACHES['default'] (LocMemCache when CACHES is not set) and what relies on it (SESSION_ENGINE, the cache middleware, django-ratelimit), against the number of processes: gunicorn's --workers or WEB_CONCURRENCY, times the web dynos when --app gives the formation.",
    why: 'LocMemCache lives inside one worker process, and FileBasedCache on one dyno\'s ephemeral disk. With several workers or dynos, each has its own cache: a login stored in a cache session is unknown to the next worker, rate limits count per process, and a cache delete reaches one process only.',
    example: "SESSION_ENGINE = 'django.contrib.sessions.backends.cache'  # with CACHES left at LocMemCache",
    fix: "Use a shared cache: Redis (Heroku Key-Value Store; CACHES = {'default': {'BACKEND': 'django.core.cache.backends.redis.RedisCache', 'LOCATION': os.environ['REDIS_URL']}}) or Memcached (MemCachier). Or keep sessions in the database (the default) or in signed cookies.",
  },
  messages: {
    'cache-sessions-lost': 'sessions are stored in a per-process cache while several processes serve the app',
    'per-process-cache': 'an explicitly configured per-process cache while several processes serve the app',
    'default-cache-relied': 'CACHES is not set (LocMemCache) and the cache middleware or a rate limiter relies on it',
  },
  check(facts) {
    const caches = setting(facts, 'CACHES');
    const backend = caches ? dictGet(caches.value, 'default', 'BACKEND') : LOCMEM;
    if (backend instanceof Unknown || typeof backend !== 'string' || !PER_DYNO.test(backend)) return [];
    const run = processes(facts);
    if (!run.many) return [];
    const kind = backend.endsWith('FileBasedCache') ? 'FileBasedCache keeps it on each dyno\'s own disk' : 'LocMemCache keeps it inside each worker process';
    const engine = setting(facts, 'SESSION_ENGINE');
    const reports: Report[] = [];
    if (engine?.value === CACHE_SESSIONS) {
      reports.push({
        messageId: 'cache-sessions-lost',
        severity: 'error',
        message: `sessions live only in the cache, and ${kind}: with ${run.why}, a user who logs in on one process is logged out on the next request another one answers`,
        hint: "Use a shared cache (Redis or Memcached) for sessions, or SESSION_ENGINE = 'django.contrib.sessions.backends.cached_db' / the default database sessions.",
        ...placeOfSetting(facts, engine.binding),
      });
      return reports;
    }
    const reliers = [
      ...strings(setting(facts, 'MIDDLEWARE')?.value).filter((m) => CACHE_MIDDLEWARE.test(m)).map((m) => m.split('.').at(-1)!),
      ...(declares(facts, 'django-ratelimit') ? ['django-ratelimit'] : []),
    ];
    if (caches) {
      reports.push({
        messageId: 'per-process-cache',
        message: `CACHES uses ${backend.split('.').at(-1)}, and ${kind}: with ${run.why}, a value cached or deleted by one process is not seen by the others${reliers.length ? ` (${reliers.join(', ')} rely on it)` : ''}`,
        hint: 'Use Redis (Heroku Key-Value Store) or Memcached (MemCachier) so every process shares one cache.',
        ...placeOfSetting(facts, caches.binding),
      });
    } else if (reliers.length > 0) {
      reports.push({
        messageId: 'default-cache-relied',
        message: `CACHES is not set, so Django uses LocMemCache, which lives inside each worker process; ${reliers.join(' and ')} rel${reliers.length > 1 ? 'y' : 'ies'} on it, and with ${run.why} each process has its own`,
        hint: 'Set CACHES to Redis (Heroku Key-Value Store) or Memcached (MemCachier).',
        ...placeOfSetting(facts, setting(facts, 'MIDDLEWARE')?.binding),
      });
    }
    return reports;
  },
});
