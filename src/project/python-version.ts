import { ProjectFileRefused, readProjectText } from './project-file.js';
import { join } from 'node:path';
import type { PythonVersionDecl } from './types.js';

/** What Heroku's Python buildpack accepts: `3.12` (recommended) or `3.12.4`, no leading zeros. */
const VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)(\.(0|[1-9]\d*))?$/;

export function isValidPythonVersion(version: string): boolean {
  return VERSION.test(version);
}

/** `3.12.4` → `3.12`; undefined for a malformed version. */
export function pythonSeriesOf(version: string): string | undefined {
  const match = VERSION.exec(version);
  return match ? `${match[1]}.${match[2]}` : undefined;
}

function readText(root: string, file: string): string | undefined {
  try {
    return readProjectText(join(root, file), { root, display: file });
  } catch (error) {
    if (error instanceof ProjectFileRefused) throw error;
    return undefined;
  }
}

/**
 * `.python-version` as the buildpack reads it: lines that are blank or `#` comments are skipped and
 * exactly one version line must remain. A second version line makes the build fail, so it is kept
 * as the declared text (with both lines) for the rule to report as malformed.
 */
function fromPythonVersionFile(text: string): PythonVersionDecl {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((content, i) => ({ content: content.trim(), line: i + 1 }))
    .filter((l) => l.content !== '' && !l.content.startsWith('#'));
  const first = lines[0];
  if (!first) return { version: '', file: '.python-version', line: 1 };
  const version = lines.length === 1 ? first.content : lines.map((l) => l.content).join(' / ');
  return { version, file: '.python-version', line: first.line };
}

/** runtime.txt holds `python-3.11.9` (or `python-3.11`) and nothing else; no comments. */
function fromRuntimeTxt(text: string): PythonVersionDecl {
  const content = text.replace(/^\uFEFF/, '').trim();
  const line = text.slice(0, text.indexOf(content)).split('\n').length;
  const match = /^python-(\S+)$/.exec(content);
  return { version: match && isValidPythonVersion(match[1]!) ? match[1]! : content, file: 'runtime.txt', line };
}

/**
 * Pipfile.lock's `_meta.requires` (copied there from the Pipfile's `[requires]` by `pipenv lock`): the
 * buildpack takes `python_full_version`, else `python_version` (jq's `//`: a null or absent field falls
 * through, an empty string does not), and validates either as X.Y or X.Y.Z. A lock that is not JSON is
 * the dependency reader's to report; here it declares nothing.
 */
function fromPipfileLock(text: string): PythonVersionDecl | undefined {
  let lock: unknown;
  try {
    lock = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
  const requires = field(field(lock, '_meta'), 'requires');
  for (const key of ['python_full_version', 'python_version']) {
    const value = field(requires, key);
    if (value === undefined || value === null || value === false) continue;
    const version = typeof value === 'string' ? value : JSON.stringify(value);
    const meta = Math.max(0, text.search(/"_meta"\s*:/));
    const at = text.slice(meta).search(new RegExp(`"${key}"\\s*:`));
    const line = at < 0 ? 1 : text.slice(0, meta + at).split('\n').length;
    return { version, file: 'Pipfile.lock', line };
  }
  return undefined;
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
}

/**
 * The Python version the app declares, in the buildpack's order of precedence: runtime.txt (deprecated;
 * the `.python-version` it hides is kept in `shadowed`), `.python-version`, then — when Pipenv is the
 * package manager, that is when Pipfile.lock exists — the lock's `_meta.requires`. The buildpack reads
 * the Pipfile itself never. Malformed content is returned as written: `isValidPythonVersion` tells,
 * and the rule reports it with its line.
 */
export function readPythonVersion(root: string): PythonVersionDecl | undefined {
  const runtime = readText(root, 'runtime.txt');
  const pyVersion = readText(root, '.python-version');
  const fromPy = pyVersion === undefined ? undefined : fromPythonVersionFile(pyVersion);
  if (runtime === undefined) {
    if (fromPy) return fromPy;
    const lock = readText(root, 'Pipfile.lock');
    return lock === undefined ? undefined : fromPipfileLock(lock);
  }
  const decl = fromRuntimeTxt(runtime);
  return fromPy ? { ...decl, shadowed: { file: '.python-version', version: fromPy.version } } : decl;
}
