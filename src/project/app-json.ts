import { readOptionalProjectText } from './project-file.js';
import type { AppJson, AppJsonAddon, AppJsonEnv } from './types.js';
import { jsonErrorPlace } from './json-error.js';

const FILE = 'app.json';

/**
 * `app.json`, the manifest Heroku reads for review apps, the Heroku Button and `heroku create
 * --manifest`: the config vars an app needs (with descriptions, defaults, generated secrets), its stack,
 * formation and add-ons. Undefined when the project has none; a file that is not JSON is returned with
 * its problem and line, for `codebase.app-json` to report.
 */
export function readAppJson(root: string): AppJson | undefined {
  const text = readOptionalProjectText(root, FILE);
  if (text === undefined) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    // Not V8's message, which quotes the text around the error (a config var's value, maybe).
    const { line, column } = jsonErrorPlace(text);
    return { file: FILE, env: [], addons: [], problem: { line, message: `not valid JSON at line ${line}, column ${column}` } };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { file: FILE, env: [], addons: [], problem: { line: 1, message: 'the manifest must be a JSON object' } };
  const manifest = data as Record<string, unknown>;
  return {
    file: FILE,
    env: envEntries(manifest.env, text),
    addons: addonEntries(manifest.addons),
    ...(typeof manifest.stack === 'string' && { stack: manifest.stack, stackLine: lineOfKey(text, 'stack') }),
  };
}

/** `env` is an object of name → string (the value) or → { description, value, required, generator }. */
function envEntries(env: unknown, text: string): AppJsonEnv[] {
  if (!env || typeof env !== 'object' || Array.isArray(env)) return [];
  return Object.entries(env as Record<string, unknown>).map(([name, spec]) => {
    const line = lineOfKey(text, name);
    if (typeof spec === 'string') return { name, line, value: spec, required: true, generated: false };
    const s = (spec && typeof spec === 'object' ? spec : {}) as Record<string, unknown>;
    return {
      name,
      line,
      ...(typeof s.value === 'string' && { value: s.value }),
      required: s.required !== false,
      generated: s.generator === 'secret',
    };
  });
}

/**
 * `addons` is a list of plans ("heroku-postgresql:essential-0") or of { plan, as, options }. Heroku names
 * an add-on's config vars after its attachment: `as` when given, else the service's default, which is the
 * service name in capitals (CLOUDINARY_URL, PAPERTRAIL_API_TOKEN) but DATABASE for Heroku Postgres and
 * without the heroku- prefix for Heroku's other data add-ons (REDIS_URL, KAFKA_URL).
 */
function addonEntries(addons: unknown): AppJsonAddon[] {
  if (!Array.isArray(addons)) return [];
  const out: AppJsonAddon[] = [];
  for (const entry of addons) {
    const spec = typeof entry === 'string' ? { plan: entry } : entry && typeof entry === 'object' ? (entry as Record<string, unknown>) : {};
    if (typeof spec.plan !== 'string' || !spec.plan) continue;
    const service = spec.plan.split(':')[0]!.trim().toLowerCase();
    if (!service) continue;
    const attachment = typeof spec.as === 'string' && spec.as ? spec.as.toUpperCase() : defaultAttachment(service);
    out.push({ service, attachment });
  }
  return out;
}

function defaultAttachment(service: string): string {
  if (service === 'heroku-postgresql') return 'DATABASE';
  return service.replace(/^heroku-/, '').replace(/[^a-z0-9]+/g, '_').toUpperCase();
}

/** The first line where `"key":` appears: good enough to point an editor at the entry. */
function lineOfKey(text: string, key: string): number {
  const at = text.search(new RegExp(`"${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\s*:`));
  return at < 0 ? 1 : text.slice(0, at).split('\n').length;
}
