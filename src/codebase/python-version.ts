import type { Report, Rule } from '../core/rule.js';
import { defineRule } from '../core/define-rule.js';
import { isValidPythonVersion, pythonSeriesOf } from '../project/python-version.js';
import type { ProjectFacts, PythonVersionDecl } from '../project/types.js';
import { devCenter } from './support.js';

const REJECTED_HINTS: Record<PythonVersionDecl['file'], string> = {
  'runtime.txt': 'Write `python-3.12` (or `python-3.12.4`) and nothing else.',
  '.python-version': 'Write one version line such as `3.12` (or `3.12.4`); comments go on their own lines with #.',
  'Pipfile.lock': 'Set `python_version = "3.12"` under [requires] in the Pipfile and run `pipenv lock`, or add a .python-version saying `3.12` (it takes precedence).',
};

/**
 * codebase.python-version: the app declares its Python where the buildpack reads it, in a form Heroku
 * accepts. Whether that Python is supported (upstream, by the buildpack, by Django) is
 * versions.python-eol's.
 */
export const pythonVersionRule: Rule<ProjectFacts> = defineRule({
  id: 'codebase.python-version',
  area: 'codebase',
  severity: 'warning',
  title: 'Python version declared, in a form Heroku accepts',
  docs: devCenter('python-runtimes'),
  explain: {
    checks: "Whether the project declares its Python where the buildpack reads it (.python-version; the deprecated runtime.txt; with Pipenv, Pipfile.lock's _meta.requires), in a form the buildpack accepts; whether that Python is supported is versions.python-eol's. Not on the container stack, where the Dockerfile's base image decides.",
    why: "Without a declaration the build takes Heroku's default, which changes; an unsupported version fails the build.",
    example: "runtime.txt: python-3.7.17",
    fix: "Write the major version to .python-version, e.g. `3.12`, and delete runtime.txt.",
  },
  messages: { 'no-python-version': "no Python version declared", 'runtime-txt': "runtime.txt is deprecated", 'rejected': "the buildpack rejects the declared version (error)", 'patch-pinned': "a patch release is pinned (info)" },
  check(facts: ProjectFacts) {
    if (facts.container) return { skip: `the app builds with Docker (${facts.container.file}): the Dockerfile's base image decides the Python, not a buildpack` };
    const decl = facts.python;
    if (!decl) {
      return [
        {
          messageId: 'no-python-version', message: 'no .python-version (nor runtime.txt, nor a Python version in Pipfile.lock): Heroku uses the Python of the previous build, or its current default on a fresh build, and that default changes over time',
          hint: 'Add a .python-version file with the major version you test with, e.g. `3.12`.',
        },
      ];
    }
    const reports: Report[] = [];
    const place = { file: decl.path ?? decl.file, line: decl.line };
    if (decl.file === 'runtime.txt') {
      const shadowed = decl.shadowed ? ` and it hides .python-version (${decl.shadowed.version || 'empty'}), which Heroku ignores while runtime.txt exists` : '';
      reports.push({
        messageId: 'runtime-txt', message: `runtime.txt is deprecated by Heroku's Python buildpack${shadowed}`,
        hint: `Move the version to .python-version (just \`${pythonSeriesOf(decl.version) ?? '3.12'}\`) and delete runtime.txt.`,
        ...place,
      });
    }
    if (!isValidPythonVersion(decl.version)) {
      reports.push({
        severity: 'error',
        messageId: 'rejected', message: `${place.file} declares '${decl.version}', which Heroku's buildpack rejects: the build would fail`,
        hint: REJECTED_HINTS[decl.file],
        ...place,
      });
      return reports;
    }
    const series = pythonSeriesOf(decl.version)!;
    if (decl.version !== series) {
      reports.push({
        severity: 'info',
        messageId: 'patch-pinned', message: `${place.file} pins the patch release ${decl.version}: builds keep it after Python ships security fixes`,
        hint: decl.file === 'Pipfile.lock' ? `Declare just \`python_version = "${series}"\` under [requires] in the Pipfile (and run \`pipenv lock\`); Heroku then installs its latest patch release.` : `Declare just \`${series}\`; Heroku then installs its latest patch release.`,
        ...place,
      });
    }
    return reports;
  },
});
