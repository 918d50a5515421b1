import { readFileSync } from 'node:fs';
import { packagePath } from '../core/package-root.js';
import type { DependencySet, Requirement } from '../project/types.js';

interface GeneratedTable {
  $generated: string;
  prefixed: Record<string, string[]>;
}

let curated: Record<string, unknown> | undefined;
let generated: GeneratedTable | undefined;
let popular: string | undefined;
let brings: Record<string, unknown> | undefined;

function readData(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(packagePath('data', name), 'utf8')) as Record<string, unknown>;
}

/** A `$`-prefixed key is the file's own metadata, never a module or distribution. */
function listed(table: Record<string, unknown>, key: string): string[] | undefined {
  const value = !key.startsWith('$') && Object.hasOwn(table, key) ? table[key] : undefined;
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

/** The generated prefixed forms (django-tailwind → tailwind) and the day they were made, read on first use. */
function generatedTable(): GeneratedTable {
  generated ??= readData('module-distributions.generated.json') as unknown as GeneratedTable;
  return generated;
}

/**
 * Whether a normalised name is one of the 15,000 most downloaded distributions whose import name is
 * the name itself. The list is its own file, read only when a module is not declared (most runs never
 * ask), and kept as one string searched for `\nname\n` rather than parsed into a Set: it is only ever
 * asked about a few names at a time. Names are normalised ASCII (scripts/generate-module-distributions.mjs).
 */
function isPopularDistribution(name: string): boolean {
  popular ??= `\n${readFileSync(packagePath('data', 'pypi-distributions.generated.txt'), 'latin1')}`;
  return name !== '' && popular.includes(`\n${name}\n`);
}

/** PEP 503 normalised distribution name: `Django_Environ` → `django-environ`. */
function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** The day the generated module mapping was made: a "cannot tell" names it, the data ages. */
export function moduleMappingDate(): string {
  return generatedTable().$generated;
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
  return listed(curated, module) !== undefined || Object.hasOwn(generatedTable().prefixed, module) || isPopularDistribution(normaliseName(module));
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
  // A declared or brought module is placed, so known; the popular list is read only for the others.
  const known = Boolean(declared || broughtBy) || fromMetadata.length > 0 || isKnownModule(module);
  return { names, ...(declared && { declared }), ...(broughtBy && { broughtBy }), known };
}

/** How to declare a distribution: a pinned line in requirements.txt, or a dependency re-locked. */
export function declareHint(deps: DependencySet, requirement: string): string {
  return deps.kind === 'requirements.txt'
    ? `Add ${requirement}==VERSION to ${deps.file}.`
    : `Add ${requirement} to the project's dependencies and regenerate ${deps.file}.`;
}
