import { normalizeName, parsePep508 } from '../project/requirements/pep508.js';
import { mapLimit } from '../versions/http.js';
import { versionSatisfies } from '../versions/pep440.js';
import { markerApplies } from './markers.js';
import type { Pin } from './pins.js';
import type { MetadataLookup, ReleaseMetadataClient } from './release-metadata.js';

/** The Python the app will run: the declared one with its place, or Heroku's default when none is declared. */
export interface PythonContext {
  version: string;
  /** `.python-version:1`; absent when the version is Heroku's default. */
  place?: string;
}

export interface Compatibility {
  /** Each names the pin (file:line) and the requirement it breaks. */
  conflicts: string[];
  /** Why some metadata could not be read (offline without a cached answer, PyPI unreachable). */
  unchecked: string[];
}

export interface Candidate {
  name: string;
  label: string;
  version: string;
  extras: string[];
}

interface Dependency {
  name: string;
  /** As the release wrote it, for messages: `Django>=4.2`. */
  written: string;
  specifier: string;
}

/**
 * Whether a release can join the project's other pins, both ways: its own `requires_python` and
 * `requires_dist` against the declared Python and the pins of its dependencies, and each other pin's
 * `requires_dist` (of the pinned release) against it. Only dependencies whose markers hold on a Heroku
 * dyno count.
 */
export async function checkCompatibility(candidate: Candidate, pins: Pin[], python: PythonContext, meta: ReleaseMetadataClient): Promise<Compatibility> {
  const others = pins.filter((p) => p.name !== candidate.name);
  const [own, ...theirs] = await mapLimit([{ name: candidate.name, version: candidate.version }, ...others], 8, (p) => meta.lookup(p.name, p.version));
  const result: Compatibility = { conflicts: [], unchecked: [] };
  const what = `${candidate.label} ${candidate.version}`;
  if (own!.status === 'found') {
    const needs = own!.metadata.requiresPython;
    if (needs && !versionSatisfies(python.version, needs)) result.conflicts.push(`${what} requires Python ${needs}, but ${pythonSource(python)}`);
    for (const dep of applying(own!.metadata.requiresDist, python.version, candidate.extras)) {
      const pin = others.find((p) => p.name === dep.name);
      if (pin && !versionSatisfies(pin.version, dep.specifier || '>=0')) result.conflicts.push(`${what} requires ${dep.written}, but ${pin.place} pins ${pin.name}==${pin.version}`);
    }
  } else noteUnchecked(result, own!, candidate.name, candidate.version);
  others.forEach((pin, i) => {
    const lookup = theirs[i]!;
    if (lookup.status !== 'found') return noteUnchecked(result, lookup, pin.name, pin.version);
    for (const dep of applying(lookup.metadata.requiresDist, python.version, pin.extras)) {
      if (dep.name === candidate.name && !versionSatisfies(candidate.version, dep.specifier || '>=0')) {
        result.conflicts.push(`${pin.place} pins ${pin.name}==${pin.version}, which requires ${dep.written}`);
      }
    }
  });
  return result;
}

/** Pins whose release declares a `requires_python` the new Python does not meet. */
export async function pythonConflicts(version: string, pins: Pin[], meta: ReleaseMetadataClient): Promise<Compatibility> {
  const lookups = await mapLimit(pins, 8, (p) => meta.lookup(p.name, p.version));
  const result: Compatibility = { conflicts: [], unchecked: [] };
  pins.forEach((pin, i) => {
    const lookup = lookups[i]!;
    if (lookup.status !== 'found') return noteUnchecked(result, lookup, pin.name, pin.version);
    const needs = lookup.metadata.requiresPython;
    if (needs && !versionSatisfies(version, needs)) result.conflicts.push(`${pin.place} pins ${pin.name}==${pin.version}, which requires Python ${needs}`);
  });
  return result;
}

export function pythonSource(python: PythonContext): string {
  return python.place ? `${python.place} declares ${python.version}` : `the app declares no Python version and Heroku's default is ${python.version}`;
}

function applying(requiresDist: string[], python: string, extras: string[]): Dependency[] {
  const deps: Dependency[] = [];
  for (const entry of requiresDist) {
    const cut = entry.indexOf(';');
    const text = (cut < 0 ? entry : entry.slice(0, cut)).trim();
    const marker = cut < 0 ? undefined : entry.slice(cut + 1).trim();
    const parsed = parsePep508(text);
    if (!parsed.ok || parsed.value.url !== undefined || !markerApplies(marker, python, extras)) continue;
    deps.push({ name: normalizeName(parsed.value.rawName), written: text, specifier: parsed.value.specifier });
  }
  return deps;
}

/** A release PyPI does not know (a private package) has no metadata to hold against anything. */
function noteUnchecked(result: Compatibility, lookup: MetadataLookup, name: string, version: string): void {
  if (lookup.status === 'unavailable') result.unchecked.push(`${name} ${version}: ${lookup.reason}`);
}
