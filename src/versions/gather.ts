import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { findStack, stackData } from '../heroku/platform-data.js';
import { djangoVersionFromDependencies } from '../project/django-version.js';
import { readPythonVersion } from '../project/python-version.js';
import { readDependencies } from '../project/requirements/read-dependencies.js';
import type { DependencySet, DjangoVersion, PythonVersionDecl, Requirement } from '../project/types.js';
import { smallestSafeUpgrade, toAdvisory } from './advisories.js';
import { ServiceError } from './http.js';
import { allDjangoSeries, allPythonSeries, djangoSeries, lifecycleAsOf, pythonSeries } from './lifecycle.js';
import { vulnerabilitiesFromDump } from './osv-dump.js';
import { OsvClient, pinKey, type Pin, type VulnerabilityMap } from './osv.js';
import { PypiClient, type PypiLookup } from './pypi.js';
import { latestInSeries, newestSatisfying, seriesParts, stableVersions } from './releases.js';
import type { PackageVersions, SourceStatus, VersionsFacts } from './versions-facts.js';

export interface GatherVersionsOptions {
  root: string;
  /** PyPI JSON API base (default https://pypi.org). */
  pypiUrl?: string;
  /** OSV API base (default https://api.osv.dev). */
  osvUrl?: string;
  /** OSV's PyPI `all.zip`, read instead of the OSV API. */
  osvDb?: string;
  cacheDir?: string;
  /** No network at all: PyPI from the cache only, OSV from `osvDb` only. */
  offline?: boolean;
  today?: Date;
  /** The app's current stack (and the next build's, and whether it is Fir), when an app was given. */
  app?: { stack: string; buildStack?: string; fir?: boolean };
  /** The stack app.json asks for, where it says so. */
  manifestStack?: { name: string; file: string; line: number };
  /**
   * The Django version the caller already chose (check's one version: flag, else pin, else installed);
   * worked out from the pin otherwise. An assumed version (nothing pinned) is not a declared one.
   */
  django?: DjangoVersion;
  /** The dependency file as the caller already read it (with its environment); read here otherwise. */
  dependencies?: DependencySet;
  /** The Python version as the caller already read it (where Heroku builds); read here otherwise. */
  python?: PythonVersionDecl;
}

/**
 * Reads the project's pins and asks PyPI and OSV about them concurrently. An index that cannot be
 * reached leaves its facts missing (the rules skip, naming the URL); only bad input throws.
 */
export async function gatherVersionsFacts(opts: GatherVersionsOptions): Promise<VersionsFacts> {
  const root = resolve(opts.root);
  assertFolder(root, opts.root);
  const today = opts.today ?? new Date();
  const dependencies = 'dependencies' in opts ? opts.dependencies : readDependencies(root);
  const entries = packageEntries(dependencies);
  // Both clients check their URL flags before any request goes out.
  const pypi = new PypiClient({ baseUrl: opts.pypiUrl, cacheDir: opts.cacheDir, offline: opts.offline });
  const osv = new OsvClient({ baseUrl: opts.osvUrl });
  const names = entries.filter((p) => !p.notOnIndex).map((p) => p.requirement.name);
  const pins = uniquePins(entries);
  const [lookups, vulns] = await Promise.all([pypi.lookupAll(names), vulnerabilities(opts, osv, pins)]);
  const packages = entries.map((entry) => withIndexFacts(entry, entry.notOnIndex ? undefined : lookups.get(entry.requirement.name), vulns.map));
  return {
    root,
    today,
    ...(dependencies && { dependencies }),
    packages,
    pypi: pypiStatus(pypi.baseUrl, opts.offline, [...lookups.values()]),
    osv: vulns.status,
    ...djangoFacts(opts.django && opts.django.source !== 'assumed' ? opts.django : dependencies && djangoVersionFromDependencies(dependencies)),
    ...pythonFacts('python' in opts ? opts.python : readPythonVersion(root)),
    ...(opts.app && { stack: stackFacts(opts.app) }),
    ...(opts.manifestStack && { manifestStack: manifestStackFacts(opts.manifestStack) }),
    lifecycle: { asOf: lifecycleAsOf, django: allDjangoSeries(), python: allPythonSeries() },
  };
}

function assertFolder(root: string, given: string): void {
  let isDir = false;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    // reported below
  }
  if (!isDir) throw new InputError(`${given}: not a folder`);
}

type Entry = Pick<PackageVersions, 'requirement' | 'pinned' | 'pinnedBy' | 'notOnIndex'>;

/** One entry per requirement line; a constraints file's exact pin counts as the requirement's pin. */
function packageEntries(deps: DependencySet | undefined): Entry[] {
  if (!deps) return [];
  // The first pinned constraint per name, by name: a find per requirement is quadratic on a long file.
  const constraints = new Map<string, Requirement>();
  for (const r of deps.requirements) {
    if (r.kind === 'constraint' && r.pinned && !constraints.has(r.name)) constraints.set(r.name, r);
  }
  return deps.requirements
    .filter((r) => r.kind === 'requirement')
    .map((requirement) => {
      const constraint = requirement.pinned ? undefined : constraints.get(requirement.name);
      const pinned = requirement.pinned ?? constraint?.pinned;
      return {
        requirement,
        ...(pinned && { pinned }),
        ...(constraint && { pinnedBy: { file: constraint.file, line: constraint.line } }),
        ...((requirement.url !== undefined || requirement.editable) && { notOnIndex: true }),
      };
    });
}

function uniquePins(entries: readonly Entry[]): Pin[] {
  const pins = new Map<string, Pin>();
  for (const e of entries) {
    if (!e.pinned || e.notOnIndex) continue;
    const pin = { name: e.requirement.name, version: e.pinned };
    pins.set(pinKey(pin), pin);
  }
  return [...pins.values()];
}

async function vulnerabilities(
  opts: GatherVersionsOptions,
  client: OsvClient,
  pins: Pin[],
): Promise<{ status: SourceStatus; map?: VulnerabilityMap }> {
  if (opts.osvDb) return { status: { source: opts.osvDb }, map: vulnerabilitiesFromDump(opts.osvDb, pins) };
  if (opts.offline) {
    return { status: { source: client.baseUrl, skipped: 'offline: give --osv-db FILE (OSV\'s PyPI all.zip) to check vulnerabilities without network' } };
  }
  try {
    return { status: { source: client.baseUrl }, map: await client.vulnerabilities(pins) };
  } catch (error) {
    if (error instanceof ServiceError) return { status: { source: client.baseUrl, skipped: error.message } };
    throw error;
  }
}

function withIndexFacts(entry: Entry, lookup: PypiLookup | undefined, vulns: VulnerabilityMap | undefined): PackageVersions {
  const { requirement, pinned } = entry;
  const name = requirement.name;
  // Only requirements that do not come from the index (direct URLs, editables) have no lookup.
  const index: PackageVersions['index'] =
    !lookup ? 'not-asked' : lookup.status === 'unavailable' ? { skipped: lookup.reason } : lookup.status;
  const releases = lookup?.status === 'found' ? stableVersions(lookup.releases.map((r) => r.version)) : undefined;
  const latest = releases?.at(-1);
  const resolves = !pinned && releases ? (requirement.specifier ? newestSatisfying(releases, requirement.specifier) : latest) : undefined;
  const reference = pinned ?? resolves;
  const inSeries = releases && reference ? latestInSeries(releases, reference, seriesParts(name)) : undefined;
  const found = pinned && vulns && !entry.notOnIndex ? (vulns.get(pinKey({ name, version: pinned })) ?? []) : undefined;
  const safeUpgrade = pinned && found && found.length > 0 ? smallestSafeUpgrade(found, name, pinned, releases) : undefined;
  return {
    ...entry,
    index,
    ...(releases && { releases }),
    ...(latest && { latest }),
    ...(inSeries && { latestInSeries: inSeries }),
    ...(resolves && { resolves }),
    ...(found && pinned && { vulnerabilities: found.map((v) => toAdvisory(v, name, pinned)) }),
    ...(safeUpgrade && { safeUpgrade }),
  };
}

/** The index counts as unreachable only when no lookup at all got an answer. */
function pypiStatus(baseUrl: string, offline: boolean | undefined, lookups: PypiLookup[]): SourceStatus {
  const source = offline ? `${baseUrl} (cache only)` : baseUrl;
  const failed = lookups.filter((l) => l.status === 'unavailable');
  if (lookups.length === 0 || failed.length < lookups.length) return { source };
  return { source, skipped: (failed[0] as { reason: string }).reason };
}

function djangoFacts(version: DjangoVersion | undefined): Pick<VersionsFacts, 'django'> {
  if (!version) return {};
  const series = djangoSeries(version.major, version.minor);
  return { django: { version, ...(series && { series }) } };
}

function pythonFacts(declared: PythonVersionDecl | undefined): Pick<VersionsFacts, 'python'> {
  if (!declared) return {};
  const series = pythonSeries(declared.version);
  return { python: { declared, ...(series && { series }) } };
}

function manifestStackFacts(stack: NonNullable<GatherVersionsOptions['manifestStack']>): NonNullable<VersionsFacts['manifestStack']> {
  const info = findStack(stack.name);
  return { ...stack, ...(info && { info }), defaultStack: stackData().default_stack };
}

function stackFacts(app: NonNullable<GatherVersionsOptions['app']>): NonNullable<VersionsFacts['stack']> {
  const data = stackData();
  const name = app.stack;
  const info = findStack(name);
  return {
    name,
    ...(info && { info }),
    defaultStack: data.default_stack,
    asOf: data.as_of,
    ...(app.buildStack && { buildStack: app.buildStack }),
    ...(app.fir && { fir: true }),
  };
}
