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

function readText(path: string): string | undefined {
  try {
    return readProjectText(path);
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
 * The Python version the app declares. runtime.txt wins on Heroku when both files exist (and is
 * deprecated); the ignored `.python-version` is kept in `shadowed`. Malformed content is returned
 * as written: `isValidPythonVersion` tells, and the rule reports it with its line.
 */
export function readPythonVersion(root: string): PythonVersionDecl | undefined {
  const runtime = readText(join(root, 'runtime.txt'));
  const pyVersion = readText(join(root, '.python-version'));
  const fromPy = pyVersion === undefined ? undefined : fromPythonVersionFile(pyVersion);
  if (runtime === undefined) return fromPy;
  const decl = fromRuntimeTxt(runtime);
  return fromPy ? { ...decl, shadowed: { file: '.python-version', version: fromPy.version } } : decl;
}
