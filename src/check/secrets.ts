import { secretParts } from '../core/redact.js';

/**
 * Variables whose values name things rather than protect them: printing them helps the user and
 * reveals nothing (a settings module, a host list, a flag). Every other value is treated as secret.
 */
const NOT_SECRET = new Set(['DJANGO_SETTINGS_MODULE', 'ALLOWED_HOSTS', 'DEBUG', 'WEB_CONCURRENCY', 'PORT', 'PYTHONPATH', 'LOG_LEVEL', 'DISABLE_COLLECTSTATIC']);

export function secretValues(env: Record<string, string>): string[] {
  return Object.entries(env)
    .filter(([key]) => !NOT_SECRET.has(key))
    .flatMap(([, value]) => secretParts(value));
}
