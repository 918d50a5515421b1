import type { Report, Rule } from '../core/rule.js';
import { defineRule } from '../core/define-rule.js';
import { isValidPythonVersion, pythonSeriesOf } from '../project/python-version.js';
import type { ProjectFacts } from '../project/types.js';
import { djangoSeries, pythonSeries } from '../versions/lifecycle.js';
import { devCenter } from './support.js';

/** "3.10–3.12" from ['3.10', '3.11', '3.12']. */
function range(series: readonly string[]): string {
  const sorted = [...series].sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));
  return sorted.length > 1 ? `${sorted[0]}–${sorted.at(-1)}` : (sorted[0] ?? 'none');
}

/**
 * codebase.python-version: the app declares its Python in `.python-version`, in a form Heroku
 * accepts, and that version is one Heroku's buildpack and the project's Django both support.
 */
export const pythonVersionRule: Rule<ProjectFacts> = defineRule({
  id: 'codebase.python-version',
  area: 'codebase',
  severity: 'warning',
  title: 'Python version declared, supported by Heroku and by Django',
  docs: devCenter('python-runtimes'),
  explain: {
    checks: "Whether the project declares its Python (.python-version), in a form the buildpack accepts, in a series Heroku and the project's Django support.",
    why: "Without a declaration the build takes Heroku's default, which changes; an unsupported version fails the build.",
    example: "runtime.txt: python-3.7.17",
    fix: "Write the major version to .python-version, e.g. `3.12`, and delete runtime.txt.",
  },
  messages: { 'no-python-version': "no Python version declared", 'runtime-txt': "runtime.txt is deprecated", 'rejected': "the buildpack rejects the declared version (error)", 'patch-pinned': "a patch release is pinned (info)", 'unknown-series': "the series is not in implanta's data", 'heroku-unsupported': "Heroku does not support the series (error)", 'django-unsupported': "Django does not support the series (error)" },
  check(facts: ProjectFacts) {
    const decl = facts.python;
    if (!decl) {
      return [
        {
          messageId: 'no-python-version', message: 'no .python-version: Heroku uses the Python of the previous build, or its current default on a fresh build, and that default changes over time',
          hint: 'Add a .python-version file with the major version you test with, e.g. `3.12`.',
        },
      ];
    }
    const reports: Report[] = [];
    const place = { file: decl.file, line: decl.line };
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
        messageId: 'rejected', message: `${decl.file} declares '${decl.version}', which Heroku's buildpack rejects: the build would fail`,
        hint: decl.file === 'runtime.txt' ? 'Write `python-3.12` (or `python-3.12.4`) and nothing else.' : 'Write one version line such as `3.12` (or `3.12.4`); comments go on their own lines with #.',
        ...place,
      });
      return reports;
    }
    const series = pythonSeriesOf(decl.version)!;
    if (decl.version !== series) {
      reports.push({
        severity: 'info',
        messageId: 'patch-pinned', message: `${decl.file} pins the patch release ${decl.version}: builds keep it after Python ships security fixes`,
        hint: `Declare just \`${series}\`; Heroku then installs its latest patch release.`,
        ...place,
      });
    }
    const python = pythonSeries(series);
    if (!python) {
      reports.push({ messageId: 'unknown-series', message: `Python ${series} is not in implanta's lifecycle data: cannot tell whether Heroku supports it`, ...place });
    } else if (!python.heroku_supported) {
      reports.push({
        severity: 'error',
        messageId: 'heroku-unsupported', message: `Heroku's Python buildpack does not support Python ${series}: the build would fail`,
        hint: 'Declare a Python version Heroku supports (see the linked article).',
        ...place,
      });
    }
    const django = facts.django && djangoSeries(facts.django.major, facts.django.minor);
    if (django && !django.python.includes(series)) {
      reports.push({
        severity: 'error',
        messageId: 'django-unsupported', message: `Django ${django.series} does not support Python ${series} (it supports ${range(django.python)})`,
        hint: 'Change the Python version, or upgrade Django to a release that supports it.',
        ...place,
      });
    }
    return reports;
  },
});
