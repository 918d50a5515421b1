import type { Requirement } from '../../../src/project/types.js';
import type { DjangoSeriesInfo, PythonSeriesInfo } from '../../../src/versions/lifecycle.js';
import type { PackageVersions, VersionsFacts } from '../../../src/versions/versions-facts.js';

/** The day every rule test lives on. */
export const TODAY = new Date('2026-11-27T12:00:00Z');

/** Lifecycle rows in the data file's shape; dates chosen for the tests, not copied from the real file. */
export const DJANGO: Record<string, DjangoSeriesInfo> = {
  '4.2': { series: '4.2', released: '2023-04-03', mainstream_end: '2023-12-04', security_end: '2026-04-30', lts: true, python: ['3.8', '3.9', '3.10', '3.11', '3.12'] },
  '5.1': { series: '5.1', released: '2024-08-07', mainstream_end: '2025-04-02', security_end: '2025-12-31', lts: false, python: ['3.10', '3.11', '3.12', '3.13'] },
  '5.2': { series: '5.2', released: '2025-04-02', mainstream_end: '2025-12-03', security_end: '2028-04-30', lts: true, python: ['3.10', '3.11', '3.12', '3.13', '3.14'] },
  '6.0': { series: '6.0', released: '2025-12-03', mainstream_end: '2026-08-05', security_end: '2027-04-30', lts: false, python: ['3.12', '3.13', '3.14'] },
  '6.1': { series: '6.1', released: '2026-08-05', mainstream_end: '2027-04-07', security_end: '2027-12-31', lts: false, python: ['3.12', '3.13', '3.14'] },
  '6.2': { series: '6.2', released: '2027-04-07', mainstream_end: '2027-12-01', security_end: '2030-04-30', lts: true, python: ['3.12', '3.13', '3.14'] },
};

export const PYTHON: Record<string, PythonSeriesInfo> = {
  '3.8': { series: '3.8', released: '2019-10-14', eol: '2024-10-07', heroku_supported: false },
  '3.9': { series: '3.9', released: '2020-10-05', eol: '2025-10-31', heroku_supported: true },
  '3.10': { series: '3.10', released: '2021-10-04', eol: '2026-10-31', heroku_supported: true },
  '3.11': { series: '3.11', released: '2022-10-24', eol: '2027-04-30', heroku_supported: true },
  '3.12': { series: '3.12', released: '2023-10-02', eol: '2028-10-31', heroku_supported: true },
  '3.13': { series: '3.13', released: '2024-10-07', eol: '2029-10-31', heroku_supported: true },
  '3.14': { series: '3.14', released: '2025-10-07', eol: '2030-10-31', heroku_supported: false },
};

export function requirement(name: string, specifier = '', more: Partial<Requirement> = {}): Requirement {
  const exact = /^===?([^*,]+)$/.exec(specifier)?.[1];
  return {
    name: name.toLowerCase(),
    rawName: name,
    specifier,
    extras: [],
    editable: false,
    hashes: [],
    ...(exact && { pinned: exact }),
    kind: 'requirement',
    file: 'requirements.txt',
    line: 1,
    ...more,
  };
}

export function pkg(req: Requirement, more: Partial<PackageVersions> = {}): PackageVersions {
  return { requirement: req, ...(req.pinned && { pinned: req.pinned }), index: 'found', ...more };
}

export function facts(more: Partial<VersionsFacts> = {}): VersionsFacts {
  const packages = more.packages ?? [];
  return {
    root: '/project',
    today: TODAY,
    dependencies: { kind: 'requirements.txt', file: 'requirements.txt', requirements: packages.map((p) => p.requirement), files: ['requirements.txt'], problems: [] },
    packages,
    pypi: { source: 'https://pypi.org' },
    osv: { source: 'https://api.osv.dev' },
    lifecycle: { asOf: '2026-11-01', django: Object.values(DJANGO), python: Object.values(PYTHON) },
    ...more,
  };
}

/** Django `major.minor` as the project declares it, with the lifecycle row when there is one. */
export function djangoFacts(series: string, more: { file?: string; line?: number } = {}): VersionsFacts['django'] {
  const [major, minor] = series.split('.').map(Number) as [number, number];
  const info = DJANGO[series];
  return { version: { major, minor, source: 'pin', file: 'requirements.txt', line: 1, ...more }, ...(info && { series: info }) };
}

export function pythonFacts(version: string): VersionsFacts['python'] {
  const info = PYTHON[version.split('.').slice(0, 2).join('.')];
  return { declared: { version, file: '.python-version', line: 1 }, ...(info && { series: info }) };
}
