import { test } from 'node:test';
import { settingsModuleRule } from '../../src/codebase/settings-module.js';
import { requiredEnvRule } from '../../src/codebase/required-env.js';
import type { SettingsCandidate } from '../../src/project/types.js';
import { assertReports, envRead, projectFacts, type Expected, type FactsInput } from '../helpers/project-facts.js';

const manage: SettingsCandidate = { module: 'proj.settings.dev', source: 'manage.py', file: 'manage.py', line: 9 };
const wsgi: SettingsCandidate = { module: 'proj.settings.prod', source: 'wsgi.py', file: 'proj/wsgi.py', line: 14 };
const web: SettingsCandidate = { ...wsgi, source: 'Procfile' };

const moduleCases: Array<[string, SettingsCandidate[], Expected[] | 'skip']> = [
  ['all agree', [{ ...manage, module: 'proj.settings.prod' }, wsgi, web], []],
  ['the environment settles it', [manage, wsgi, web, { module: 'proj.settings.prod', source: 'environment' }], []],
  [
    'web and manage.py disagree',
    [manage, wsgi, web],
    [
      {
        severity: 'warning',
        message:
          /web process loads proj\.settings\.prod but manage\.py commands \(the release phase, heroku run\) load proj\.settings\.dev: proj\.settings\.dev from manage\.py:9 \(default\); proj\.settings\.prod from proj\/wsgi\.py:14 \(default\); proj\.settings\.prod from proj\/wsgi\.py:14 \(web process\)/,
        file: 'proj/wsgi.py',
        line: 14,
      },
    ],
  ],
  ['--settings alone is not a disagreement', [manage, { module: 'proj.settings.other', source: '--settings' }], []],
  ['nothing names a module', [], 'skip'],
];

for (const [name, candidates, expected] of moduleCases) {
  test(`codebase.settings-module: ${name}`, () => assertReports(settingsModuleRule, projectFacts({ candidates }), expected));
}

const envCases: Array<[string, FactsInput, Expected[] | 'skip']> = [
  ['set', { settings: {}, envReads: [envRead('SECRET_KEY', 3, true)], env: { SECRET_KEY: 'x' } }, []],
  ['optional reads may be missing', { settings: {}, envReads: [envRead('DEBUG', 4, false, 'os.getenv')] }, []],
  [
    'required and missing',
    { settings: {}, envReads: [envRead('SECRET_KEY', 3, true), envRead('DATABASE_URL', 7, true, 'environ.Env')], env: { SECRET_KEY: 'x' } },
    [{ severity: 'error', message: /^the app would not boot: settings read env\('DATABASE_URL'\) \(proj\/settings\.py:7\) and it is not set$/, file: 'proj/settings.py', line: 7 }],
  ],
  ['os.environ spelled as the user wrote it', { settings: {}, envReads: [envRead('SECRET_KEY', 3, true)] }, [{ severity: 'error', message: /settings read os\.environ\['SECRET_KEY'\] \(proj\/settings\.py:3\)/ }]],
  ['an empty value counts as set', { settings: {}, envReads: [envRead('SENTRY_DSN', 3, true)], env: { SENTRY_DSN: '' } }, []],
  ['no evaluation', {}, 'skip'],
];

for (const [name, input, expected] of envCases) {
  test(`codebase.required-env: ${name}`, () => assertReports(requiredEnvRule, projectFacts(input), expected));
}
