import { InputError } from '../../core/errors.js';
import type { Requirement } from '../types.js';
import { normalizeName } from './pep508.js';
import { isTable, parseToml, TomlError, type TomlTable, type TomlValue } from './toml.js';

/** One `[[package]]` of a TOML lock file, with the line of its header. */
export interface LockPackage {
  table: TomlTable;
  name: string;
  version?: string;
  line: number;
}

/** Reads the `[[package]]` tables of poetry.lock or uv.lock; malformed TOML is an InputError with its line. */
export function lockPackages(text: string, file: string): { root: TomlTable; packages: LockPackage[] } {
  let doc;
  try {
    doc = parseToml(text);
  } catch (error) {
    if (error instanceof TomlError) throw new InputError(`${file}:${error.line}: ${error.message}`);
    throw error;
  }
  const list = doc.root['package'] ?? [];
  if (!Array.isArray(list)) throw new InputError(`${file}: "package" is not an array of tables`);
  const packages = list.map((table) => {
    if (!isTable(table)) throw new InputError(`${file}: "package" is not an array of tables`);
    const line = doc.lineOf(table) ?? 1;
    const name = table['name'];
    const version = table['version'];
    if (typeof name !== 'string') throw new InputError(`${file}:${line}: a [[package]] without a name`);
    if (version !== undefined && typeof version !== 'string') throw new InputError(`${file}:${line}: ${name} has a version that is not a string`);
    return { table, name, version, line };
  });
  return { root: doc.root, packages };
}

/** A locked package as a requirement pinned to its exact version; fields left undefined are omitted. */
export function lockedRequirement(pkg: LockPackage, file: string, extra: Partial<Requirement>): Requirement {
  const requirement: Requirement = {
    name: normalizeName(pkg.name),
    rawName: pkg.name,
    specifier: pkg.version ? `==${pkg.version}` : '',
    extras: [],
    editable: false,
    hashes: [],
    ...(pkg.version !== undefined && { pinned: pkg.version }),
    kind: 'requirement',
    file,
    line: pkg.line,
  };
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) Object.assign(requirement, { [key]: value });
  return requirement;
}

export function stringAt(table: TomlTable | undefined, key: string): string | undefined {
  const value = table?.[key];
  return typeof value === 'string' ? value : undefined;
}

/** The `hash` of each table in a list (`files = [{file, hash}]`, `wheels = [{url, hash}]`). */
export function hashesOf(value: TomlValue | undefined): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => (isTable(item) && typeof item['hash'] === 'string' ? [item['hash']] : []));
}
