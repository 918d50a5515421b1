import { statSync, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import { pythonStrip } from '../python-whitespace.js';
import { isValidProjectName, markerError, normalizeName, parsePep508, type Parsed } from './pep508.js';
import type { Requirement } from '../types.js';

/**
 * What one requirement line installs, decided as pip's `parse_req_from_line` and `parse_editable` decide:
 * a URL, a local path (relative to the directory pip runs in, the app root on Heroku), or a PEP 508
 * string. Local paths are told apart by looking at the disk, as pip does.
 */
/** What one line says about its requirement; the file, line, kind and hashes come from around it. */
export type RequirementFields = Pick<Requirement, 'name' | 'rawName' | 'specifier' | 'extras' | 'marker' | 'url' | 'editable' | 'pinned'>;

const VCS_SCHEMES = [
  'git', 'git+http', 'git+https', 'git+ssh', 'git+git', 'git+file',
  'hg+file', 'hg+http', 'hg+https', 'hg+ssh', 'hg+static-http',
  'svn', 'svn+ssh', 'svn+http', 'svn+https', 'svn+svn', 'svn+file',
  'bzr+http', 'bzr+https', 'bzr+ssh', 'bzr+sftp', 'bzr+ftp', 'bzr+lp', 'bzr+file',
];
const URL_SCHEMES = ['http', 'https', 'file', 'ftp', ...VCS_SCHEMES];
const ARCHIVES = ['.zip', '.whl', '.tar.bz2', '.tbz', '.tar.xz', '.txz', '.tlz', '.tar.lz', '.tar.lzma', '.tar.gz', '.tgz', '.tar'];
const OPERATORS = ['===', '==', '!=', '<=', '>=', '~=', '<', '>'];

export function isUrl(text: string): boolean {
  const colon = text.indexOf(':');
  return colon > 0 && URL_SCHEMES.includes(text.slice(0, colon).toLowerCase());
}

export function requirementFromArgs(args: string, cwd: string): Parsed<RequirementFields> {
  const separator = isUrl(args) ? '; ' : ';';
  const cut = args.indexOf(separator);
  const name = pythonStrip(cut < 0 ? args : args.slice(0, cut));
  const marker = cut < 0 ? undefined : pythonStrip(args.slice(cut + separator.length)) || undefined;
  const badMarker = marker === undefined ? undefined : markerError(marker);
  if (badMarker) return fail(`Invalid marker: '${marker}': ${badMarker}`);

  const local = isUrl(name) ? undefined : localPath(name, cwd);
  if (local && 'error' in local) return fail(local.error);
  const link = isUrl(name) ? { url: name, extras: [] } : local;
  if (link) {
    const named = nameFromLink(link.url);
    if (!named.ok) return named;
    return ok({ ...named.value, specifier: '', extras: link.extras, marker, url: link.url, editable: false });
  }

  const parsed = parsePep508(name);
  if (!parsed.ok) return fail(`Invalid requirement: '${name}': ${parsed.error}${hint(name)}`);
  const { rawName, extras, specifier, url } = parsed.value;
  const pinned = url ? wheelOf(url)?.version : pinnedVersion(specifier);
  return ok({ name: normalizeName(rawName), rawName, specifier, extras, marker, url, editable: false, pinned });
}

/** `-e PATH[extras]` for a local project, or `-e VCS-URL#egg=name`. */
export function requirementFromEditable(value: string, cwd: string): Parsed<RequirementFields> {
  const { path, extras } = stripExtras(value);
  if (isDirectory(resolve(cwd, path))) {
    if (!isInstallable(resolve(cwd, path))) return fail(notInstallable(path));
    return ok({ name: '', rawName: '', specifier: '', extras, url: path, editable: true });
  }
  if (path.toLowerCase().startsWith('file:')) {
    const egg = eggName(path);
    return ok({ name: egg ? normalizeName(egg) : '', rawName: egg ?? '', specifier: '', extras, url: path, editable: true });
  }
  const bare = ['git', 'hg', 'svn', 'bzr'].find((vcs) => value.toLowerCase().startsWith(`${vcs}:`));
  const url = bare ? `${bare}+${value}` : value;
  const scheme = url.slice(0, Math.max(0, url.indexOf(':'))).toLowerCase();
  if (!VCS_SCHEMES.includes(scheme)) {
    return fail(`${value} is not a valid editable requirement. It should either be a path to a local project or a VCS URL (beginning with ${VCS_SCHEMES.join(', ')}).`);
  }
  const egg = eggName(url);
  if (!egg) return fail(`Could not detect requirement name for '${value}', please specify one with #egg=your_package_name`);
  if (!isValidProjectName(egg)) return fail(invalidEgg(egg));
  return ok({ name: normalizeName(egg), rawName: egg, specifier: '', extras: [], url, editable: true });
}

/** The exact version of a lone `==X` (no wildcard) or `===X` clause. */
export function pinnedVersion(specifier: string): string | undefined {
  if (specifier.includes(',')) return undefined;
  const match = /^(===|==)(.+)$/.exec(specifier);
  if (!match || (match[1] === '==' && match[2]!.endsWith('.*'))) return undefined;
  return match[2];
}

/** pip's `_get_url_from_path`: a directory if the text looks like a path, else an archive file name. */
function localPath(name: string, cwd: string): { url: string; extras: string[] } | { error: string } | undefined {
  const { path, extras } = stripExtras(name);
  if (looksLikePath(name) && isDirectory(resolve(cwd, path))) {
    return isInstallable(resolve(cwd, path)) ? { url: path, extras } : { error: notInstallable(name) };
  }
  if (!ARCHIVES.some((ext) => path.toLowerCase().endsWith(ext))) return undefined;
  if (isFile(resolve(cwd, path))) return { url: path, extras };
  const at = name.indexOf('@');
  if (at >= 0 && !looksLikePath(name.slice(0, at))) return undefined;
  return { error: `Requirement '${name}' looks like a filename, but the file does not exist` };
}

function nameFromLink(url: string): Parsed<Pick<RequirementFields, 'name' | 'rawName' | 'pinned'>> {
  if (fileName(url).toLowerCase().endsWith('.whl')) {
    const wheel = wheelOf(url);
    if (!wheel) return fail(`${fileName(url)} is not a valid wheel filename.`);
    return ok({ name: normalizeName(wheel.name), rawName: wheel.name, pinned: wheel.version });
  }
  const egg = eggName(url);
  if (egg === undefined) return ok({ name: '', rawName: '' });
  if (!isValidProjectName(egg)) return fail(invalidEgg(egg));
  return ok({ name: normalizeName(egg), rawName: egg });
}

function wheelOf(url: string): { name: string; version: string } | undefined {
  const match = /^([^\s-]+?)-([^\s-]*?)(?:-\d[^-]*?)?-[^\s-]+?-[^\s-]+?-[^\s-]+?\.whl$/i.exec(fileName(url));
  return match ? { name: match[1]!.replace(/_/g, '-'), version: match[2]!.replace(/_/g, '-') } : undefined;
}

function fileName(url: string): string {
  const path = url.split(/[#?]/)[0]!;
  const last = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

function eggName(url: string): string | undefined {
  return /[#&]egg=([^&]*)/.exec(url)?.[1];
}

/**
 * pip's `^(.+)(\[[^\]]+\])$`: a path, then the last `[…]` (not empty, no `]` inside) at the very end.
 * By hand, because that regex backtracks quadratically on a line of thousands of `[`.
 */
function stripExtras(text: string): { path: string; extras: string[] } {
  const open = text.endsWith(']') ? text.lastIndexOf('[', text.length - 3) : -1;
  if (open < 1 || text.indexOf(']', open) !== text.length - 1) return { path: text, extras: [] };
  const parsed = parsePep508(`placeholder${text.slice(open).toLowerCase()}`);
  return { path: text.slice(0, open), extras: parsed.ok ? parsed.value.extras : [] };
}

function looksLikePath(text: string): boolean {
  return text.includes('/') || text.startsWith('.');
}

function isInstallable(dir: string): boolean {
  return isFile(join(dir, 'setup.py')) || isFile(join(dir, 'pyproject.toml'));
}

function isDirectory(path: string): boolean {
  return statOrNothing(path)?.isDirectory() ?? false;
}

function isFile(path: string): boolean {
  return statOrNothing(path)?.isFile() ?? false;
}

/** One stat; nothing for a missing path or one the system refuses (too long, a file as a folder…). */
function statOrNothing(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

function hint(name: string): string {
  if (name.includes('/')) return ` (it looks like a path, and no such file exists)`;
  if (name.includes('=') && !OPERATORS.some((op) => name.includes(op))) return ' (= is not a valid operator. Did you mean == ?)';
  return '';
}

function notInstallable(path: string): string {
  return `Directory '${path}' is not installable. Neither 'setup.py' nor 'pyproject.toml' found.`;
}

function invalidEgg(egg: string): string {
  return `The '${egg}' egg fragment is invalid: it must be a plain project name (pip 25 refuses it)`;
}

function ok<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

function fail(error: string): { ok: false; error: string } {
  return { ok: false, error };
}
