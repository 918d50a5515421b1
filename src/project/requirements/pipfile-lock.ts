import { InputError } from '../../core/errors.js';
import { jsonSyntaxMessage } from '../json-error.js';
import type { Requirement } from '../types.js';
import { normalizeName } from './pep508.js';
import { pinnedVersion } from './requirement-line.js';
import { hideUrlSecrets } from './url-credentials.js';

/**
 * The `default` section of a Pipfile.lock: what Heroku installs with `pipenv install --deploy` (the
 * `develop` section is left out). Each entry becomes a requirement on the line where its name is written.
 */
export function readPipfileLock(text: string, file = 'Pipfile.lock'): Requirement[] {
  const lock = parseJson(text, file);
  const section = lock['default'] ?? {};
  if (!isObject(section)) throw new InputError(`${file}: "default" is not an object`);
  const sectionStart = Math.max(0, text.search(/"default"\s*:/));
  return Object.entries(section).map(([rawName, entry]) => {
    const line = lineOfKey(text, rawName, sectionStart);
    if (!isObject(entry)) throw new InputError(`${file}:${line}: the entry for ${rawName} is not an object`);
    const version = stringField(entry, 'version', file, line) ?? '';
    const marker = stringField(entry, 'markers', file, line);
    const url = sourceUrl(entry, file, line);
    const pinned = pinnedVersion(version);
    return {
      name: normalizeName(rawName),
      rawName,
      specifier: version,
      extras: stringList(entry['extras'], 'extras', file, line),
      ...(marker !== undefined && { marker }),
      ...(url !== undefined && { url }),
      editable: entry['editable'] === true,
      hashes: stringList(entry['hashes'], 'hashes', file, line),
      ...(pinned !== undefined && { pinned }),
      kind: 'requirement' as const,
      file,
      line,
    };
  });
}

function parseJson(text: string, file: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InputError(jsonSyntaxMessage(file, text));
  }
  if (!isObject(value)) throw new InputError(`${file}: not a JSON object`);
  return value;
}

/** pipenv writes VCS entries as `git` + `ref`, local ones as `path` or `file`. */
function sourceUrl(entry: Record<string, unknown>, file: string, line: number): string | undefined {
  const git = stringField(entry, 'git', file, line);
  if (git) {
    const ref = stringField(entry, 'ref', file, line);
    return hideUrlSecrets(`${git.startsWith('git+') ? '' : 'git+'}${git}${ref ? `@${ref}` : ''}`);
  }
  const local = stringField(entry, 'file', file, line) ?? stringField(entry, 'path', file, line);
  return local === undefined ? undefined : hideUrlSecrets(local);
}

function lineOfKey(text: string, key: string, from: number): number {
  const escaped = JSON.stringify(key).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}\\s*:`).exec(text.slice(from));
  const offset = match ? from + match.index : from;
  return text.slice(0, offset).split('\n').length;
}

function stringField(entry: Record<string, unknown>, key: string, file: string, line: number): string | undefined {
  const value = entry[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new InputError(`${file}:${line}: "${key}" is not a string`);
  return value;
}

function stringList(value: unknown, key: string, file: string, line: number): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new InputError(`${file}:${line}: "${key}" is not a list of strings`);
  }
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
