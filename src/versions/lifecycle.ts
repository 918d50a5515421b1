import { readFileSync } from 'node:fs';
import { packagePath } from '../core/package-root.js';

/**
 * Dated support facts for Django and Python series, from data/lifecycle.json (its `sources` say where
 * each fact comes from, its entries' `note`s which dates are announced plans). Read once, on first use.
 */
export interface DjangoSeriesInfo {
  series: string;
  released: string;
  mainstream_end: string;
  security_end: string;
  lts: boolean;
  python: string[];
}

export interface PythonSeriesInfo {
  series: string;
  released: string;
  eol: string;
  heroku_supported: boolean;
}

interface LifecycleData {
  as_of: string;
  django: DjangoSeriesInfo[];
  python: PythonSeriesInfo[];
}

const data: LifecycleData = load();

export const lifecycleAsOf: string = data.as_of;

export function djangoSeries(major: number, minor: number): DjangoSeriesInfo | undefined {
  return data.django.find((info) => info.series === `${major}.${minor}`);
}

/** `3.12.4`, `3.12` and `python-3.12.4` all find the 3.12 entry. */
export function pythonSeries(version: string): PythonSeriesInfo | undefined {
  const match = /^(?:python-)?(\d+)\.(\d+)/.exec(version.trim());
  return match ? data.python.find((info) => info.series === `${match[1]}.${match[2]}`) : undefined;
}

export function allDjangoSeries(): DjangoSeriesInfo[] {
  return data.django.map((info) => ({ ...info, python: [...info.python] }));
}

export function allPythonSeries(): PythonSeriesInfo[] {
  return data.python.map((info) => ({ ...info }));
}

/** Keeps only the fields of the API, sorted oldest first; a malformed file is a packaging bug. */
function load(): LifecycleData {
  const raw = JSON.parse(readFileSync(packagePath('data', 'lifecycle.json'), 'utf8')) as LifecycleData;
  const date = /^\d{4}-\d{2}-\d{2}$/;
  const django = raw.django.map(({ series, released, mainstream_end, security_end, lts, python }) => {
    if (![released, mainstream_end, security_end].every((d) => date.test(d))) throw new Error(`lifecycle.json: bad date in Django ${series}`);
    return { series, released, mainstream_end, security_end, lts, python };
  });
  const python = raw.python.map(({ series, released, eol, heroku_supported }) => {
    if (![released, eol].every((d) => date.test(d))) throw new Error(`lifecycle.json: bad date in Python ${series}`);
    return { series, released, eol, heroku_supported };
  });
  const bySeries = (a: { series: string }, b: { series: string }) => {
    const [am, an] = a.series.split('.').map(Number) as [number, number];
    const [bm, bn] = b.series.split('.').map(Number) as [number, number];
    return am - bm || an - bn;
  };
  return { as_of: raw.as_of, django: django.sort(bySeries), python: python.sort(bySeries) };
}
