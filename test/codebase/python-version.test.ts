import { pythonVersionRule } from '../../src/codebase/python-version.js';
import { djangoSeries, pythonSeries } from '../../src/versions/lifecycle.js';
import type { DjangoVersion, PythonVersionDecl } from '../../src/project/types.js';
import { projectFacts } from '../helpers/project-facts.js';
import { testRule } from '../helpers/rule-tester.js';

const decl = (version: string, file: PythonVersionDecl['file'] = '.python-version', line = 1): PythonVersionDecl => ({ version, file, line });
const DJANGO_5_2: DjangoVersion = { major: 5, minor: 2, source: 'pin' };
const facts = (python?: PythonVersionDecl, django?: DjangoVersion) => projectFacts({ ...(python && { python }), ...(django && { django }) });

// Versions from the lifecycle data, so the cases follow it rather than restate it.
const supported = ['3.10', '3.11', '3.12', '3.13', '3.14'].find((s) => pythonSeries(s)?.heroku_supported && djangoSeries(5, 2)?.python.includes(s))!;
const unsupported = ['3.6', '3.7', '3.8', '3.9'].find((s) => pythonSeries(s) && !pythonSeries(s)!.heroku_supported)!;

testRule(pythonVersionRule, {
  pass: [
    { name: 'a supported major version', facts: facts(decl(supported), DJANGO_5_2) },
    // Support (upstream, buildpack, Django) is versions.python-eol's: one owner.
    { name: 'a series Heroku no longer builds is versions.python-eol’s', facts: facts(decl(unsupported), DJANGO_5_2) },
    { name: 'Pipfile.lock _meta.requires (Pipenv): a declaration the buildpack reads, not deprecated', facts: facts(decl(supported, 'Pipfile.lock', 8), DJANGO_5_2) },
  ],
  fail: [
    { name: 'none declared', facts: facts(undefined, DJANGO_5_2), reports: [{ messageId: 'no-python-version', severity: 'warning' }] },
    { name: 'runtime.txt', facts: facts(decl(supported, 'runtime.txt')), reports: [{ messageId: 'runtime-txt', severity: 'warning', file: 'runtime.txt', line: 1 }] },
    {
      name: 'runtime.txt hiding .python-version',
      facts: facts({ ...decl(supported, 'runtime.txt'), shadowed: { file: '.python-version', version: '3.13' } }),
      reports: [{ messageId: 'runtime-txt', severity: 'warning', mentions: ['.python-version (3.13)'] }],
    },
    { name: 'malformed', facts: facts(decl('python3.12', '.python-version', 3)), reports: [{ messageId: 'rejected', severity: 'error', file: '.python-version', line: 3, mentions: ["'python3.12'"] }] },
    { name: 'a patch release', facts: facts(decl(`${supported}.1`), DJANGO_5_2), reports: [{ messageId: 'patch-pinned', severity: 'info', mentions: [`${supported}.1`] }] },
    // With Pipenv the buildpack reads Pipfile.lock's _meta.requires when neither file exists: a declaration, not deprecated.
    { name: 'Pipfile.lock with a wildcard the buildpack rejects', facts: facts(decl('3.12.*', 'Pipfile.lock', 7)), reports: [{ messageId: 'rejected', severity: 'error', file: 'Pipfile.lock', line: 7, mentions: ["'3.12.*'", 'pipenv lock'] }] },
    { name: 'Pipfile.lock python_full_version', facts: facts(decl(`${supported}.1`, 'Pipfile.lock', 8), DJANGO_5_2), reports: [{ messageId: 'patch-pinned', severity: 'info', file: 'Pipfile.lock', line: 8, mentions: ['[requires]'] }] },
  ],
  skip: [
    { name: 'the container stack: the Dockerfile decides the Python', facts: projectFacts({ django: DJANGO_5_2, container: { file: 'heroku.yml', line: 1 } }), reason: /Dockerfile's base image/ },
  ],
});
