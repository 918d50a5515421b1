/**
 * The `.env` (and decouple's `settings.ini`) files settings load, each parsed the way the library
 * that reads it does: the three libraries disagree on quotes, comments and `export`, and a value
 * differs if we pick the wrong rules. A malformed line is skipped, as every one of them does.
 */
import { dirname, join } from 'node:path';
import type { Frame } from '../context.js';

export type EnvFileDialect = 'python-dotenv' | 'django-environ' | 'decouple' | 'ini';

/** Key to value; null for a python-dotenv key written without `=`. */
export type EnvFileValues = Map<string, string | null>;

export function parseEnvFile(text: string, dialect: EnvFileDialect): EnvFileValues {
  switch (dialect) {
    case 'python-dotenv':
      return parseDotenvStyle(text);
    case 'django-environ':
      return parseEnvironStyle(text);
    case 'decouple':
      return parseDecoupleStyle(text);
    case 'ini':
      return parseIniSettings(text);
  }
}

/**
 * Reads and parses a file of the project. Undefined when it does not exist, or lies outside the
 * project: a deployed app has only the repository. Records the file as loaded.
 */
export function loadEnvFile(frame: Frame, abs: string, dialect: EnvFileDialect): EnvFileValues | undefined {
  const sources = frame.ev.sources;
  if (!sources.inTree(abs) || !sources.isFile(abs)) return undefined;
  const text = sources.readText(abs);
  if (text === undefined) return undefined;
  frame.ev.recordDotenvFile(sources.rel(abs));
  return parseEnvFile(text.replace(/^\uFEFF/, ''), dialect);
}

/** The first of `names` found walking up from `start` to the project root. */
export function findUpwards(frame: Frame, start: string, names: string[]): string | undefined {
  const sources = frame.ev.sources;
  for (let dir = start; sources.inTree(dir); dir = dirname(dir)) {
    for (const name of names) if (sources.isFile(join(dir, name))) return join(dir, name);
    if (dir === dirname(dir)) break;
  }
  return undefined;
}

const DOUBLE_QUOTE_ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** python-dotenv: `export`, quoted values spanning lines, escapes in quotes, ` #` comments after bare values. */
function parseDotenvStyle(text: string): EnvFileValues {
  const values: EnvFileValues = new Map();
  const binding = /[\s]*(?:export[^\S\r\n]+)?('[^']+'|[^=#\s]+)?[^\S\r\n]*(=[^\S\r\n]*)?/y;
  let pos = 0;
  while (pos < text.length) {
    binding.lastIndex = pos;
    const m = binding.exec(text)!;
    pos = binding.lastIndex;
    if (pos >= text.length) break;
    const rawKey = m[1];
    if (rawKey === undefined) {
      pos = endOfLine(text, pos);
      continue;
    }
    const key = rawKey.startsWith("'") ? rawKey.slice(1, -1) : rawKey;
    if (m[2] === undefined) {
      const tail = /[^\S\r\n]*(#[^\r\n]*)?(\r\n|\n|\r|$)/y;
      tail.lastIndex = pos;
      if (tail.test(text)) values.set(key, null);
      pos = endOfLine(text, pos);
      continue;
    }
    const quote = text[pos];
    if (quote === "'" || quote === '"') {
      const body = quote === "'" ? /'((?:\\'|[^'])*)'/y : /"((?:\\"|[^"])*)"/y;
      body.lastIndex = pos;
      const q = body.exec(text);
      if (!q) {
        pos = endOfLine(text, pos);
        continue;
      }
      // Anything but a comment after the closing quote makes python-dotenv drop the line.
      const tail = /[^\S\r\n]*(#[^\r\n]*)?(\r\n|\n|\r|$)/y;
      tail.lastIndex = body.lastIndex;
      if (tail.test(text)) values.set(key, quote === "'" ? q[1]!.replace(/\\([\\'])/g, '$1') : q[1]!.replace(/\\([\\'"abfnrtv])/g, (_, c: string) => DOUBLE_QUOTE_ESCAPES[c]!));
      pos = endOfLine(text, body.lastIndex);
      continue;
    }
    const end = endOfLine(text, pos);
    values.set(key, text.slice(pos, end).replace(/\r?\n$|\r$/, '').replace(/\s+#.*/, '').trimEnd());
    pos = end;
  }
  return values;
}

function endOfLine(text: string, pos: number): number {
  const m = /[^\r\n]*(\r\n|\n|\r)?/y;
  m.lastIndex = pos;
  m.exec(text);
  return m.lastIndex;
}

/** django-environ's read_env: `KEY=value` exactly, quotes stripped, nothing else recognised. */
function parseEnvironStyle(text: string): EnvFileValues {
  const values: EnvFileValues = new Map();
  for (const line of text.split(/\r\n|\n|\r/)) {
    const m = /^(?:export )?([A-Za-z_0-9]+)=(.*)$/.exec(line);
    if (!m) continue;
    let value = m[2]!;
    const single = /^'(.*)'$/.exec(value);
    if (single) value = single[1]!;
    const double = /^"(.*)"$/.exec(value);
    // Escaped \n, \r, \t stay escaped (env.str(multiline=True) expands them); other escapes drop the backslash.
    if (double) value = double[1]!.replace(/\\(.)/g, (_, c: string) => ('rnt'.includes(c) ? `\\${c}` : c));
    values.set(m[1]!, value);
  }
  return values;
}

/** decouple's RepositoryEnv: split at the first `=`, strip, remove one pair of matching quotes. */
function parseDecoupleStyle(text: string): EnvFileValues {
  const values: EnvFileValues = new Map();
  for (const raw of text.split(/\r\n|\n|\r/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || !line.includes('=')) continue;
    const at = line.indexOf('=');
    const key = line.slice(0, at).trim();
    let value = line.slice(at + 1).trim();
    if (value.length >= 2 && (value[0] === "'" || value[0] === '"') && value.at(-1) === value[0]) value = value.slice(1, -1);
    values.set(key, value);
  }
  return values;
}

/**
 * The `[settings]` section of decouple's settings.ini, as configparser reads it: keys lower-cased,
 * `key = value` or `key: value`, indented lines continue a value, `%(other)s` and `%%` interpolated.
 */
function parseIniSettings(text: string): EnvFileValues {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  let lastKey: string | undefined;
  for (const raw of text.split(/\r\n|\n|\r/)) {
    if (/^\s*([#;]|$)/.test(raw)) continue;
    const section = /^\[([^\]]+)\]/.exec(raw);
    if (section) {
      current = sections.get(section[1]!) ?? new Map();
      sections.set(section[1]!, current);
      lastKey = undefined;
      continue;
    }
    if (/^\s/.test(raw) && current && lastKey) {
      current.set(lastKey, `${current.get(lastKey)}\n${raw.trim()}`);
      continue;
    }
    const option = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw);
    if (!option || !current) continue;
    lastKey = option[1]!.toLowerCase();
    current.set(lastKey, option[2]!.trim());
  }
  const defaults = sections.get('DEFAULT') ?? new Map<string, string>();
  const settings = new Map([...defaults, ...(sections.get('settings') ?? [])]);
  const values: EnvFileValues = new Map();
  for (const [key, value] of settings) values.set(key, interpolateIni(value, settings, 0));
  return values;
}

function interpolateIni(value: string, options: Map<string, string>, depth: number): string {
  return value.replace(/%\((\w+)\)s|%%/g, (whole, name: string | undefined) => {
    if (!name) return '%';
    const other = options.get(name.toLowerCase());
    return other === undefined || depth > 10 ? whole : interpolateIni(other, options, depth + 1);
  });
}

/** python-dotenv's `${NAME}` / `${NAME:-default}` expansion, against `lookup`. */
export function expandVariables(value: string, lookup: (name: string) => string | null | undefined): string {
  return value.replace(/\$\{([^}:]*)(?::-([^}]*))?\}/g, (_, name: string, fallback: string | undefined) => lookup(name) ?? fallback ?? '');
}
