import { InputError } from '../core/errors.js';
import { isValidPythonVersion, readPythonVersion } from '../project/python-version.js';
import { daysUntil } from '../versions/dates.js';
import { allPythonSeries } from '../versions/lifecycle.js';
import type { PythonContext } from './compatibility.js';

/** The Python an upgrade is judged against: the declared version, or the one Heroku would pick. */
export function pythonContext(root: string, today: Date): PythonContext {
  const declared = readPythonVersion(root);
  if (!declared) return { version: herokuDefaultPython(today) };
  if (!isValidPythonVersion(declared.version)) {
    throw new InputError(`${declared.file}:${declared.line}: '${declared.version}' is not a Python version Heroku accepts (X.Y or X.Y.Z): fix it first`);
  }
  return { version: declared.version, place: `${declared.file}:${declared.line}` };
}

/** Heroku builds an app that declares no version with the newest series its buildpack supports. */
export function herokuDefaultPython(today: Date): string {
  const built = allPythonSeries().filter((s) => s.heroku_supported && daysUntil(today, s.released) <= 0);
  return built.at(-1)?.series ?? allPythonSeries().at(-1)!.series;
}
