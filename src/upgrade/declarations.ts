import { InputError } from '../core/errors.js';
import type { DependencySet, Requirement } from '../project/types.js';
import { lockFileMessage } from './lock-files.js';

/** Every line that declares one package, and the version they pin it to. */
export interface Declarations {
  name: string;
  /** Requirement and constraint lines, in reading order. */
  lines: Requirement[];
  /** The exact version a line pins (a constraint's pin counts), when one does. */
  current?: string;
}

/**
 * The lines an upgrade of `name` would edit. Refuses what implanta cannot edit safely: a lock file, a
 * package installed from a URL or a path, and pins that carry `--hash` values.
 */
export function declarationsOf(deps: DependencySet | undefined, name: string, root: string, version: string | undefined): Declarations {
  if (!deps) throw new InputError(`${root}: no requirements.txt (nor Pipfile.lock, poetry.lock, uv.lock): nothing declares ${name}`);
  const lock = lockFileMessage(deps, name, version);
  if (lock) throw new InputError(lock);
  const lines = deps.requirements.filter((r) => r.name === name);
  if (lines.length === 0) throw new InputError(`${deps.file}: ${name} is not declared there (nor in the files it includes)`);
  const direct = lines.find((r) => r.url !== undefined || r.editable);
  if (direct) throw new InputError(`${at(direct)}: ${name} is installed from a URL or a path, not from the index: change that reference by hand`);
  const hashed = lines.find((r) => r.hashes.length > 0);
  if (hashed) throw new InputError(hashMessage(hashed, name, version));
  const pinned = lines.find((r) => r.kind === 'constraint' && r.pinned) ?? lines.find((r) => r.pinned);
  return { name, lines, ...(pinned?.pinned && { current: pinned.pinned }) };
}

/**
 * Hashes are refused rather than left stale or dropped: a stale hash fails the build ("THESE PACKAGES DO
 * NOT MATCH THE HASHES"), and one requirement without a hash fails it too (hash-checking mode covers the
 * whole file). New hashes come from the tool that resolved the file, which also moves the dependencies
 * the new release needs.
 */
function hashMessage(req: Requirement, name: string, version: string | undefined): string {
  const target = version ? `${name}==${version}` : name;
  return (
    `${at(req)}: ${name} is pinned with --hash values, which a new version invalidates (pip would refuse the build): ` +
    `regenerate the file with \`pip-compile --generate-hashes --upgrade-package ${target}\` (or put the new hashes from \`pip hash\` on that line), then run \`implanta check\``
  );
}

export function at(req: Requirement): string {
  return `${req.file}:${req.line}`;
}
