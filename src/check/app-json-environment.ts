import type { AppJson } from '../project/types.js';
import { withDynoEnvironment } from './dyno-environment.js';

/**
 * The environment an app made from app.json starts with (a review app, the Heroku Button, `heroku
 * create --manifest`): each declared variable with its value, a generated secret, or, when it is
 * required, whatever the person creating the app types in; each add-on's URL; and what every dyno has.
 * A variable declared optional with no value is not set. Values are stand-ins of the right shape: only
 * which variables exist decides what the settings read (codebase.app-json).
 */
export function appJsonEnvironment(manifest: AppJson): Record<string, string> {
  const env: Record<string, string> = {};
  for (const variable of manifest.env) {
    if (variable.value !== undefined) env[variable.name] = variable.value;
    else if (variable.generated) env[variable.name] = 'app-json-generated-secret-0123456789abcdefghijklmnopqrstuvwxyz';
    else if (variable.required) env[variable.name] = 'app-json-required-value';
  }
  for (const addon of manifest.addons) env[`${addon.attachment}_URL`] ??= addonUrl(addon.service, addon.attachment);
  return withDynoEnvironment(env).env;
}

function addonUrl(service: string, attachment: string): string {
  const host = `${attachment.toLowerCase()}.addon.invalid`;
  if (/postgres/.test(service)) return `postgres://user:password@${host}:5432/database`;
  if (/redis|valkey/.test(service)) return `redis://:password@${host}:6379`;
  return `https://${host}/`;
}
