import { ProjectFileRefused, readProjectText } from './project-file.js';
import { join } from 'node:path';
import type { AppJson, AppJsonEnv } from './types.js';
import { jsonErrorPlace } from './json-error.js';

const FILE = 'app.json';

/**
 * `app.json`, the manifest Heroku reads for review apps, the Heroku Button and `heroku create
 * --manifest`: the config vars an app needs (with descriptions, defaults, generated secrets), its stack,
 * formation and add-ons. Undefined when the project has none; a file that is not JSON is returned with
 * its problem and line, for `codebase.app-json` to report.
 */
export function readAppJson(root: string): AppJson | undefined {
  let text: string;
  try {
    text = readProjectText(join(root, FILE), { root, display: FILE });
  } catch (error) {
    if (error instanceof ProjectFileRefused) throw error;
    return undefined;
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    // Not V8's message, which quotes the text around the error (a config var's value, maybe).
    const { line, column } = jsonErrorPlace(text);
    return { file: FILE, env: [], problem: { line, message: `not valid JSON at line ${line}, column ${column}` } };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { file: FILE, env: [], problem: { line: 1, message: 'the manifest must be a JSON object' } };
  const manifest = data as Record<string, unknown>;
  return {
    file: FILE,
    env: envEntries(manifest.env, text),
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

/** The first line where `"key":` appears: good enough to point an editor at the entry. */
function lineOfKey(text: string, key: string): number {
  const at = text.search(new RegExp(`"${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\s*:`));
  return at < 0 ? 1 : text.slice(0, at).split('\n').length;
}
