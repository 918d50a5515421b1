import type { Report, Rule } from '../../core/rule.js';
import { defineRule } from '../../core/define-rule.js';
import { isValidPythonVersion } from '../../project/python-version.js';
import { daysUntil } from '../dates.js';
import { PYTHON_EOL_WARNING_DAYS, pythonTarget } from '../support.js';
import { upgradePython } from '../upgrade-hints.js';
import type { VersionsFacts } from '../versions-facts.js';

/**
 * The guide's "keep Python current": the declared Python must still get fixes upstream, be one Heroku's
 * buildpack builds, and be one the pinned Django runs on. One finding per declaration names every way it falls short.
 */
export const pythonEolRule: Rule<VersionsFacts> = defineRule({
  id: 'versions.python-eol',
  area: 'versions',
  severity: 'error',
  title: 'The declared Python is supported upstream, by Heroku and by Django',
  docs: 'https://devcenter.heroku.com/articles/python-support',
  explain: {
    checks: "Whether the declared Python series is supported upstream, built by Heroku's buildpack, and supported by the project's Django (the one version check judges by). The one owner of Python support; codebase.python-version owns how it is declared.",
    why: "An unsupported Python gets no security fixes; a series the buildpack dropped fails the next build.",
    example: ".python-version: 3.8",
    fix: "Declare a supported series in .python-version, e.g. 3.12.",
  },
  messages: { 'unknown-series': "the series is not in implanta's lifecycle data (warning)", 'end-of-life': "the Python series is past end of life (error)", 'ending': "end of life is near (warning)", 'heroku-unsupported': "Heroku's buildpack no longer builds it (error)", 'django-unsupported': "the project's Django does not support it (error)" },
  check(facts: VersionsFacts) {
    if (!facts.python) return { skip: 'no .python-version, runtime.txt or Pipfile.lock Python version: Heroku builds with its default Python' };
    const { declared, series } = facts.python;
    if (!isValidPythonVersion(declared.version)) return { skip: `${declared.file} declares "${declared.version}", which is not a Python version` };
    const where = { file: declared.path ?? declared.file, line: declared.line };
    if (!series) {
      return [{ severity: 'warning', messageId: 'unknown-series', message: `Python ${declared.version} is not in implanta's lifecycle data (as of ${facts.lifecycle.asOf}): cannot tell whether it is supported, or whether Heroku builds it.`, hint: 'Declare a released Python series, or update implanta.', ...where }];
    }
    const hint = `${upgradePython(pythonTarget(facts))}, then run the tests on it before deploying.`;
    // One declaration, one finding: every way the series falls short goes into it, led by the one that
    // bites first (a failed build, then no security fixes, then Django, then an end of life ahead).
    const reasons: { id: string; error: boolean; text: string }[] = [];
    if (!series.heroku_supported) reasons.push({ id: 'heroku-unsupported', error: true, text: `Heroku's Python buildpack no longer builds Python ${series.series}: the next deploy fails.` });
    const days = daysUntil(facts.today, series.eol);
    if (days <= 0) reasons.push({ id: 'end-of-life', error: true, text: `Python ${series.series} reached end of life on ${series.eol}: no more security fixes.` });
    const django = facts.django?.series;
    if (django && !django.python.includes(series.series)) {
      reasons.push({ id: 'django-unsupported', error: true, text: `Django ${django.series} does not support Python ${series.series} (it supports ${django.python.join(', ')}).` });
    }
    if (days > 0 && days <= PYTHON_EOL_WARNING_DAYS) reasons.push({ id: 'ending', error: false, text: `Python ${series.series} reaches end of life on ${series.eol} (in ${days} days).` });
    if (reasons.length === 0) return [];
    const report: Report = { messageId: reasons[0]!.id, message: reasons.map((r) => r.text).join(' '), hint, ...where };
    return [reasons.some((r) => r.error) ? report : { ...report, severity: 'warning' }];
  },
});
