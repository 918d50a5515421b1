import { test } from 'node:test';
import { pythonVersionRule } from '../../src/codebase/python-version.js';
import { djangoSeries, pythonSeries } from '../../src/versions/lifecycle.js';
import type { DjangoVersion, PythonVersionDecl } from '../../src/project/types.js';
import { assertReports, projectFacts, type Expected } from '../helpers/project-facts.js';

const decl = (version: string, file: PythonVersionDecl['file'] = '.python-version', line = 1): PythonVersionDecl => ({ version, file, line });
const django = (major: number, minor: number): DjangoVersion => ({ major, minor, source: 'pin' });

// Versions from the lifecycle data, so the cases follow it rather than restate it.
const supported = ['3.10', '3.11', '3.12', '3.13', '3.14'].find((s) => pythonSeries(s)?.heroku_supported && djangoSeries(5, 2)?.python.includes(s))!;
const unsupported = ['3.6', '3.7', '3.8', '3.9'].find((s) => pythonSeries(s) && !pythonSeries(s)!.heroku_supported)!;

const cases: Array<[string, PythonVersionDecl | undefined, DjangoVersion | undefined, Expected[]]> = [
  ['a supported major version', decl(supported), django(5, 2), []],
  // Support (upstream, buildpack, Django) is versions.python-eol's: one owner.
  ['a series Heroku no longer builds is versions.python-eol’s', decl(unsupported), django(5, 2), []],
  ['none declared', undefined, django(5, 2), [{ severity: 'warning', message: /^no \.python-version: Heroku uses the Python of the previous build/ }]],
  ['runtime.txt', decl(supported, 'runtime.txt'), undefined, [{ severity: 'warning', message: /^runtime\.txt is deprecated/, file: 'runtime.txt', line: 1 }]],
  [
    'runtime.txt hiding .python-version',
    { ...decl(supported, 'runtime.txt'), shadowed: { file: '.python-version', version: '3.13' } },
    undefined,
    [{ severity: 'warning', message: /deprecated.*hides \.python-version \(3\.13\), which Heroku ignores/ }],
  ],
  ['malformed', decl('python3.12', '.python-version', 3), undefined, [{ severity: 'error', message: /declares 'python3\.12', which Heroku's buildpack rejects/, file: '.python-version', line: 3 }]],
  ['a patch release', decl(`${supported}.1`), django(5, 2), [{ severity: 'info', message: new RegExp(`pins the patch release ${supported}\\.1`) }]],
];

for (const [name, python, dj, expected] of cases) {
  test(`codebase.python-version: ${name}`, () => assertReports(pythonVersionRule, projectFacts({ ...(python && { python }), ...(dj && { django: dj }) }), expected));
}
