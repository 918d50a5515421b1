import { readFileSync } from 'node:fs';
import { packagePath } from '../core/package-root.js';
import type { DependencySet, Requirement } from '../project/types.js';

interface GeneratedTable {
  $generated: string;
  distributions: string[];
  prefixed: Record<string, string[]>;
}

let curated: Record<string, unknown> | undefined;
let generated: { date: string; isDistribution: (name: string) => boolean; prefixed: Record<string, string[]> } | undefined;
let brings: Record<string, unknown> | undefined;

function readData(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(packagePath('data', name), 'utf8')) as Record<string, unknown>;
}

/** A `$`-prefixed key is the file's own metadata, never a module or distribution. */
function listed(table: Record<string, unknown>, key: string): string[] | undefined {
  const value = !key.startsWith('$') && Object.hasOwn(table, key) ? table[key] : undefined;
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

/**
 * The generated table, read on first use. Its 15,000 distribution names are only ever asked about a
 * few at a time, so they stay one string searched for `"name"` (names are normalised: no quotes, no
 * escapes) instead of being parsed into a Set: that was a tenth of a check's own CPU time. The rest of
 * the file is small and parsed as usual.
 */
function generatedTable(): NonNullable<typeof generated> {
  if (!generated) {
    const text = readFileSync(packagePath('data', 'module-distributions.generated.json'), 'utf8');
    const open = text.indexOf('"distributions":[');
    const close = open < 0 ? -1 : text.indexOf(']', open);
    if (open < 0 || close < 0) {
      // Not the generator's layout: parse it all.
      const raw = JSON.parse(text) as GeneratedTable;
      const set = new Set(raw.distributions);
      generated = { date: raw.$generated, isDistribution: (name) => set.has(name), prefixed: raw.prefixed };
    } else {
      const names = text.slice(open + '"distributions":'.length, close + 1);
      const rest = JSON.parse(`${text.slice(0, open)}"distributions":[${text.slice(close)}`) as GeneratedTable;
      generated = { date: rest.$generated, isDistribution: (name) => names.includes(`"${name}"`), prefixed: rest.prefixed };
    }
  }
  return generated;
}

/** PEP 503 normalised distribution name: `Django_Environ` → `django-environ`. */
function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** The day the generated module mapping was made: a "cannot tell" names it, the data ages. */
export function moduleMappingDate(): string {
  return generatedTable().date;
}

/**
 * The distributions that provide a top-level import name, any one of which will do: the hand-written
 * exceptions (data/module-distributions.json) when listed, else the generated `django-<module>` and
 * `python-<module>` forms and the convention itself (the import name with `_` as `-`).
 */
export function distributionsFor(module: string): string[] {
  curated ??= readData('module-distributions.json');
  const names = listed(curated, module) ?? [...(generatedTable().prefixed[module] ?? []), module];
  return [...new Set(names.map(normaliseName))];
}

/**
 * Whether implanta knows which distribution provides the module: a hand-written or generated entry, or
 * the convention for one of PyPI's most downloaded projects. A module it cannot place may come from any
 * package under any name, so it says "cannot tell" rather than "undeclared".
 */
export function isKnownModule(module: string): boolean {
  curated ??= readData('module-distributions.json');
  const table = generatedTable();
  return listed(curated, module) !== undefined || Object.hasOwn(table.prefixed, module) || table.isDistribution(normaliseName(module));
}

/** The installing requirement (not a `-c` constraint) for any of the names, if declared. */
export function findRequirement(deps: DependencySet, names: readonly string[]): Requirement | undefined {
  const wanted = new Set(names.map(normaliseName));
  return deps.requirements.find((r) => r.kind === 'requirement' && wanted.has(normaliseName(r.name)));
}

/** `django-markdown-deux` → `markdowndeux`: the name as a module would spell it, prefixes and separators gone. */
function squashed(name: string): string[] {
  const plain = name.toLowerCase().replace(/[-_.]/g, '');
  const forms = [plain];
  for (const prefix of ['django', 'python', 'py']) if (plain.startsWith(prefix) && plain.length > prefix.length + 2) forms.push(plain.slice(prefix.length));
  for (const suffix of ['plugin', 'core']) for (const f of [...forms]) if (f.endsWith(suffix) && f.length > suffix.length + 2) forms.push(f.slice(0, -suffix.length));
  return forms;
}

/**
 * A declared requirement whose name is the module's under a common decoration (`django-suit` for `suit`,
 * `pillow-avif-plugin` for `pillow_avif`, `wagtail-font-awesome-svg` for `wagtailfontawesomesvg`). Only
 * declared names are tried, so a loose match can hide a missing package but never invent one.
 */
function declaredByName(deps: DependencySet, module: string): Requirement | undefined {
  const target = module.toLowerCase().replace(/_/g, '');
  return deps.requirements.find((r) => r.kind === 'requirement' && squashed(r.name).includes(target));
}

/** Every distribution the declared ones install, their own dependencies included (data/package-dependencies.json). */
function broughtBy(requirement: Requirement): Set<string> {
  brings ??= readData('package-dependencies.json');
  const seen = new Set<string>();
  const queue = [normaliseName(requirement.name)];
  while (queue.length) {
    for (const dep of listed(brings, queue.shift()!) ?? []) {
      const name = normaliseName(dep);
      if (!seen.has(name)) {
        seen.add(name);
        queue.push(name);
      }
    }
  }
  return seen;
}

/** The declared requirement that installs one of the names as its own dependency, if any. */
export function findBringingRequirement(deps: DependencySet, names: readonly string[]): Requirement | undefined {
  const wanted = names.map(normaliseName);
  return deps.requirements.find((r) => {
    if (r.kind !== 'requirement') return false;
    const installed = broughtBy(r);
    return wanted.some((n) => installed.has(n));
  });
}

/**
 * Module → distributions, from the installed packages' own metadata (`--python`: top_level.txt, RECORD).
 * Consulted before the hand-written and generated tables: it is what the package says it provides.
 */
export type InstalledModuleTable = Readonly<Record<string, readonly string[]>>;

/** How a module reaches the dyno: declared under one of its names, or brought by a declared package. */
export interface ModulePlacement {
  names: string[];
  declared?: Requirement;
  broughtBy?: Requirement;
  known: boolean;
}

export function placeModule(deps: DependencySet, module: string, installed?: InstalledModuleTable): ModulePlacement {
  const fromMetadata = installed && Object.hasOwn(installed, module) ? installed[module]!.map(normaliseName) : [];
  const names = [...new Set([...fromMetadata, ...distributionsFor(module)])];
  const declared = findRequirement(deps, names) ?? declaredByName(deps, module);
  const broughtBy = declared ? undefined : findBringingRequirement(deps, names);
  return { names, ...(declared && { declared }), ...(broughtBy && { broughtBy }), known: fromMetadata.length > 0 || isKnownModule(module) };
}

/** How to declare a distribution: a pinned line in requirements.txt, or a dependency re-locked. */
export function declareHint(deps: DependencySet, requirement: string): string {
  return deps.kind === 'requirements.txt'
    ? `Add ${requirement}==VERSION to ${deps.file}.`
    : `Add ${requirement} to the project's dependencies and regenerate ${deps.file}.`;
}
