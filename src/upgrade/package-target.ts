import { InputError } from '../core/errors.js';
import { daysUntil } from '../versions/dates.js';
import { compareVersions, isValidVersion } from '../versions/pep440.js';
import { checkCompatibility, pythonSource, type Candidate, type PythonContext } from './compatibility.js';
import { djangoCandidates, djangoSeriesInfo, pythonRange, pythonSeries } from './django-series.js';
import type { Pin } from './pins.js';
import type { ReleaseMetadataClient } from './release-metadata.js';

export interface TargetInputs {
  name: string;
  label: string;
  current?: string;
  extras: string[];
  /** The index's stable releases, ascending; undefined when they could not be had (offline, no cache). */
  releases?: string[];
  /** Why `releases` is missing. */
  releasesMissing?: string;
  index: string;
  pins: Pin[];
  python: PythonContext;
  meta: ReleaseMetadataClient;
  to?: string;
  lts: boolean;
  today: Date;
}

export type TargetResult =
  | { kind: 'target'; version: string; notes: string[] }
  | { kind: 'current'; message: string };

/** How many releases, newest first, are tried before the default target gives up. */
const MAX_TRIES = 10;

/** The version to move to: `--to` validated, or the newest release the Python and the other pins allow. */
export async function choosePackageTarget(inputs: TargetInputs): Promise<TargetResult> {
  return inputs.to === undefined ? defaultTarget(inputs) : explicitTarget(inputs, inputs.to);
}

async function defaultTarget(inputs: TargetInputs): Promise<TargetResult> {
  const { name, label, current, releases } = inputs;
  if (!releases) throw new InputError(`cannot choose a ${label} version: ${inputs.releasesMissing}; pass --to VERSION`);
  const { versions, notes } =
    name === 'django'
      ? djangoCandidates(releases, current, inputs.python.version, inputs.today, inputs.lts)
      : { versions: releases.filter((v) => current === undefined || compareVersions(v, current) > 0).reverse(), notes: [] };
  if (versions.length === 0) return { kind: 'current', message: upToDate(inputs, notes) };
  const skipped: string[] = [];
  const unchecked = new Set<string>();
  for (const version of versions.slice(0, MAX_TRIES)) {
    const fit = await checkCompatibility(candidate(inputs, version), inputs.pins, inputs.python, inputs.meta);
    fit.unchecked.forEach((u) => unchecked.add(u));
    if (fit.conflicts.length === 0) {
      return { kind: 'target', version, notes: [...notes, ...skipped, ...uncheckedNotes(unchecked)] };
    }
    skipped.push(`${label} ${version} left out: ${fit.conflicts.join('; ')}`);
  }
  throw new InputError(`no ${label} release newer than ${current ?? 'the declared range'} fits the project: ${skipped.join('; ')}`);
}

async function explicitTarget(inputs: TargetInputs, version: string): Promise<TargetResult> {
  const { label, current, releases } = inputs;
  if (!isValidVersion(version)) throw new InputError(`--to ${version}: not a version (expected e.g. 5.2.9)`);
  if (current !== undefined && compareVersions(version, current) === 0) return { kind: 'current', message: `${label} is already pinned to ${current}` };
  if (current !== undefined && compareVersions(version, current) < 0) throw new InputError(`--to ${version} is older than the pinned ${label} ${current}: implanta upgrade does not downgrade`);
  const notes: string[] = [];
  if (releases && !releases.includes(version)) {
    const newest = releases.at(-1);
    throw new InputError(`--to ${version}: ${label} has no installable release ${version} on ${inputs.index}${newest ? ` (newest: ${newest})` : ''}`);
  }
  if (!releases) notes.push(`${label} ${version} not checked against the index: ${inputs.releasesMissing}`);
  const conflicts: string[] = [];
  if (inputs.name === 'django') notes.push(...djangoLifecycle(version, inputs, conflicts));
  const fit = await checkCompatibility(candidate(inputs, version), inputs.pins, inputs.python, inputs.meta);
  conflicts.push(...fit.conflicts);
  if (conflicts.length > 0) throw new InputError(`${label} ${version} does not fit the project: ${conflicts.join('; ')}`);
  return { kind: 'target', version, notes: [...notes, ...uncheckedNotes(new Set(fit.unchecked))] };
}

/** Django's support table: a series that does not run on the app's Python is a conflict; one out of security support, a warning. */
function djangoLifecycle(version: string, inputs: TargetInputs, conflicts: string[]): string[] {
  const info = djangoSeriesInfo(version);
  if (!info) return [`Django ${version}: its series is not in implanta's support table, so its Python support was not checked`];
  if (!info.python.includes(pythonSeries(inputs.python.version))) {
    conflicts.push(`Django ${info.series} supports Python ${pythonRange(info)}, but ${pythonSource(inputs.python)}`);
  }
  return daysUntil(inputs.today, info.security_end) <= 0
    ? [`Django ${info.series} stopped receiving security fixes on ${info.security_end}: a step on the way, not a place to stay`]
    : [];
}

function candidate(inputs: TargetInputs, version: string): Candidate {
  return { name: inputs.name, label: inputs.label, version, extras: inputs.extras };
}

function upToDate(inputs: TargetInputs, notes: string[]): string {
  const what = inputs.current ? `${inputs.label} ${inputs.current}` : inputs.label;
  const where = inputs.lts ? 'at or past the newest LTS release' : 'the newest release that fits';
  return [`${what} is already ${where}`, ...notes].join('; ');
}

function uncheckedNotes(unchecked: Set<string>): string[] {
  return unchecked.size > 0 ? [`not checked against every pin's declared requirements: ${[...unchecked].join('; ')}`] : [];
}
