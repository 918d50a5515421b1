import { InputError } from '../core/errors.js';
import { readBuildPythonVersion } from '../project/build-files.js';
import { isValidPythonVersion } from '../project/python-version.js';
import type { PythonVersionDecl } from '../project/types.js';
import { daysUntil } from '../versions/dates.js';
import { allPythonSeries } from '../versions/lifecycle.js';
import type { PythonContext } from './compatibility.js';

/** The Python version file Heroku reads (at the build root), and the Python an upgrade is judged against. */
export function declaredPython(root: string, buildRoot: string, today: Date): { declared?: PythonVersionDecl; python: PythonContext } {
  const declared = readBuildPythonVersion(root, buildRoot);
  if (!declared) return { python: { version: herokuDefaultPython(today) } };
  const at = `${declared.path ?? declared.file}:${declared.line}`;
  if (!isValidPythonVersion(declared.version)) {
    throw new InputError(`${at}: '${declared.version}' is not a Python version Heroku accepts (X.Y or X.Y.Z): fix it first`);
  }
  return { declared, python: { version: declared.version, place: at } };
}

/** Heroku builds an app that declares no version with the newest series its buildpack supports. */
export function herokuDefaultPython(today: Date): string {
  const built = allPythonSeries().filter((s) => s.heroku_supported && daysUntil(today, s.released) <= 0);
  return built.at(-1)?.series ?? allPythonSeries().at(-1)!.series;
}
